package io.missync.core.spi;

import io.missync.core.model.Person;

/**
 * Decides, per cohort (role, year group), how new accounts get their credentials: which username
 * generator and which password policy.
 */
public interface CredentialPolicy {

  /** The username generator for the person's cohort. */
  UsernameGenerator usernames(Person person);

  /** The password policy id for the person's cohort. */
  String passwordPolicyFor(Person person);

  /**
   * The generator for a policy id named in a plan.
   *
   * @throws io.missync.core.MissyncException if the id is unknown
   */
  PasswordGenerator passwords(String policyId);
}
