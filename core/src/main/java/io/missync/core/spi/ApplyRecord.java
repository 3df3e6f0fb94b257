package io.missync.core.spi;

import java.time.Instant;
import java.util.List;

/**
 * The journal of one plan being applied.
 *
 * @param schoolId the school
 * @param planId the plan
 * @param baseVersion the state version the plan was computed from
 * @param changeCount the number of changes in the plan
 * @param startedAt when the apply began
 * @param status where it stands
 * @param outcomes outcomes recorded so far, by index order
 */
public record ApplyRecord(
    String schoolId,
    String planId,
    long baseVersion,
    int changeCount,
    Instant startedAt,
    Status status,
    List<IndexedOutcome> outcomes) {
  public ApplyRecord {
    outcomes = List.copyOf(outcomes);
  }

  /** Where an apply stands. */
  public enum Status {
    IN_PROGRESS,
    COMPLETED,
    /** Finished with some changes failed; the next run's plan picks them up again. */
    COMPLETED_WITH_FAILURES,
    ABORTED
  }

  /**
   * One recorded outcome.
   *
   * @param index the change's index in the plan
   * @param outcome the outcome
   */
  public record IndexedOutcome(int index, ApplyOutcome outcome) {}
}
