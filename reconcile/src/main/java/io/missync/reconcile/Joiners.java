package io.missync.reconcile;

import io.missync.core.EntityType;
import io.missync.core.model.GroupKind;
import io.missync.core.plan.Reason;
import io.missync.core.plan.ReasonCode;

/**
 * Rule unit <b>joiners</b>: a person the policy gives an account, with no account and no match to
 * an existing one, is created in the run that sees them (with a username chosen once for all the
 * plan's creates and renames, and the cohort's password policy, never a password); an MIS group of
 * a synced kind, effective today, with no product group, is created. A pupil whose admission date
 * is still to come is not created until that date ({@link SyncPolicy.Admission}); a person sharing
 * a key that must be unique is not created ({@link DuplicateKeys}).
 *
 * <p>Produces {@link ReasonCode#NEW_IN_SOURCE}. Proved by {@code
 * PlannerTest.firstSyncCreatesGroupsThenAccountsThenMembershipsThenLinks}, {@code
 * PlannerTest.usernamesAvoidExistingAndEarlierChoices} and {@code
 * RulebookBehaviourTest.aPupilIsNotGivenAWorkingAccountBeforeTheirAdmissionDate}.
 */
final class Joiners {
  private Joiners() {}

  static Reason account(EntityType type) {
    return Reason.of(ReasonCode.NEW_IN_SOURCE, "type", type.name());
  }

  static Reason group(GroupKind kind) {
    return Reason.of(ReasonCode.NEW_IN_SOURCE, "kind", kind.name());
  }
}
