package io.missync.core.spi;

import io.missync.core.Secret;

/**
 * Generates initial passwords for one policy (random text, passphrase, picture PIN, ...).
 *
 * <p>Contract: every password comes from a cryptographically strong source (SecureRandom), never
 * from the person's date of birth, names or ids; two calls are independent.
 */
public interface PasswordGenerator {

  /**
   * The policy id that plans name ({@link io.missync.core.plan.CreateAccount#passwordPolicy()}).
   */
  String policyId();

  /** A fresh password. */
  Secret generate();
}
