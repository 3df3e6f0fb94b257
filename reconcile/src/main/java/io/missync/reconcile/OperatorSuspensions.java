package io.missync.reconcile;

import io.missync.core.plan.Reason;
import io.missync.core.plan.ReasonCode;

/**
 * Rule unit <b>operator suspensions</b>: an operator's emergency deactivation ({@link
 * io.missync.core.state.Account#suspended()}) stands until the MIS agrees: a suspended account is
 * never reactivated, updated or given a review item while the MIS still lists the person; one still
 * active is deactivated at once (evidence-backed). An operator lifts the flag.
 *
 * <p>Produces {@link ReasonCode#OPERATOR_SUSPENDED}. Proved by {@code
 * RulebookPolicyTest.anOperatorsSuspensionStandsUntilTheMisAgrees}.
 */
final class OperatorSuspensions {
  private OperatorSuspensions() {}

  static Reason suspended() {
    return Reason.of(ReasonCode.OPERATOR_SUSPENDED, "suspended", "true");
  }
}
