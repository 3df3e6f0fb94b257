package io.missync.reconcile;

import io.missync.core.plan.Reason;
import io.missync.core.plan.ReasonCode;
import java.time.LocalDate;
import java.time.Period;

/**
 * Rule unit <b>hard deletes</b>: a deactivated account is deleted only once its type's grace period
 * (none by default: never) has passed since its deactivation; a delete comes last in a plan and is
 * irreversible.
 *
 * <p>Produces {@link ReasonCode#GRACE_PERIOD_EXPIRED}. Proved by {@code
 * PlannerTest.hardDeletesWaitForTheGracePeriodAndNeverHappenByDefault} and {@code
 * SafeguardingReviewTest.theGracePeriodIsPerTypeAndARejoinerPastItIsReactivatedNotDeleted}.
 */
final class HardDeletes {
  private HardDeletes() {}

  static Reason gracePeriodExpired(LocalDate since, Period grace) {
    return Reason.of(
        ReasonCode.GRACE_PERIOD_EXPIRED,
        "deactivatedOn",
        since.toString(),
        "gracePeriod",
        grace.toString());
  }
}
