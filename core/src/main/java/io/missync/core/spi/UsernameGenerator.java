package io.missync.core.spi;

import io.missync.core.model.Person;

/**
 * Chooses a username for a new account. Must be deterministic for the same person and the same
 * availability answers (the planner is pure), and must return a name {@code availability} accepts.
 */
public interface UsernameGenerator {

  /**
   * A username for the person.
   *
   * @param person the MIS person
   * @param availability says whether a candidate is free (taken by no account and by nothing
   *     already chosen in this plan)
   * @throws io.missync.core.MissyncException if no free name can be found
   */
  String generate(Person person, UsernameAvailability availability);

  /** Answers whether a username is free. */
  @FunctionalInterface
  interface UsernameAvailability {
    boolean isAvailable(String username);
  }
}
