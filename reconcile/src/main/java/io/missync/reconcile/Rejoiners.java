package io.missync.reconcile;

import io.missync.core.plan.Evidence;
import io.missync.core.plan.Reason;
import io.missync.core.plan.ReasonCode;

/**
 * Rule unit <b>re-joiners</b>: a person back in the source whose account was deactivated gets the
 * same account back (same username, same credentials), or a review item under {@link
 * SyncPolicy.RejoinerAction#REVIEW}; never a second account. An account an operator suspended is
 * not reactivated ({@link OperatorSuspensions}), nor one of a pupil not yet admitted.
 *
 * <p>Produces {@link ReasonCode#REJOINED}. Proved by {@code
 * PlannerTest.rejoinersAreReactivatedUnderTheirOldAccountOrReviewed} and {@code
 * SafeguardingReviewTest.aRejoinerUnderANewMisIdIsReactivatedWithTheOldCredentials}.
 */
final class Rejoiners {
  private Rejoiners() {}

  static Reason rejoined(Evidence ev) {
    return new Reason(ReasonCode.REJOINED, ev);
  }
}
