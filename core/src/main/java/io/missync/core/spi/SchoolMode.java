package io.missync.core.spi;

/**
 * How missync treats a school between runs; kept in the store as part of its {@link SchoolState}.
 */
public enum SchoolMode {
  /** Synced as usual. */
  ACTIVE,
  /**
   * The school is switching MIS (a {@code schoolMigration} webhook, or the gate detected it): every
   * run plans with the migration announced (people and classes re-keyed, not deactivated and
   * recreated; the plan held for a person), until the migration's plan is applied and no review
   * item is left.
   */
  MIGRATING,
  /**
   * The school withdrew access ({@code accessRevoked} / {@code accessDeclined}): nothing is read
   * and runs are refused until the school approves access again.
   */
  FROZEN
}
