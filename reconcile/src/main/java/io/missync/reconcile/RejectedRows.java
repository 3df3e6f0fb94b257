package io.missync.reconcile;

import io.missync.core.model.SnapshotProblem;
import io.missync.core.plan.Reason;
import io.missync.core.plan.ReasonCode;
import io.missync.core.plan.ReviewItem;

/**
 * Rule unit <b>rejected rows</b>: a source record that could not be used is reported with where it
 * came from (a review item naming fields, never values); nothing else in the plan depends on it.
 *
 * <p>Produces {@link ReasonCode#REJECTED_ROW}. Proved by {@code
 * PlannerTest.snapshotProblemsBecomeRejectedRows}.
 */
final class RejectedRows {
  private RejectedRows() {}

  static ReviewItem of(SnapshotProblem p) {
    return new ReviewItem.RejectedRow(
        p.entityType(),
        p.recordKey(),
        p.message(),
        Reason.of(ReasonCode.REJECTED_ROW, "problem", p.kind().name()));
  }
}
