package io.missync.reconcile;

import io.missync.core.plan.Evidence;
import io.missync.core.plan.Reason;
import io.missync.core.plan.ReasonCode;

/**
 * Rule unit <b>re-keys</b>: a certain match (UPN, former UPN, a contact's name and linked student,
 * and in a migration a member of staff's email with their surname) hands the existing account to
 * the MIS person: the same account, credentials and history under the new MIS id ({@code
 * MIS_MIGRATION}), or an unlinked account adopted on a first sync ({@code
 * MATCHED_EXISTING_ACCOUNT}). In a migration a vanished group is re-keyed to the one new group of
 * the same kind and name.
 *
 * <p>Produces {@link ReasonCode#MIS_MIGRATION} and {@link ReasonCode#MATCHED_EXISTING_ACCOUNT}.
 * Proved by {@code PlannerTest} (anMisMigrationRekeysByUpnAndReviewsEmailMatches,
 * aFirstSyncLinksExistingUnlinkedAccounts,
 * anMisMigrationRekeysGroupsByKindAndNameSoTheyKeepTheirContentAndMembers), {@code
 * RulebookBehaviourTest.inAMigrationStaffWhoseEmailAndSurnameAgreeAreRekeyed} and {@code
 * RulebookProperties.aMigrationNeverDeactivatesNorRecreatesSomeoneInTheNewMis}.
 */
final class Rekeys {
  private Rekeys() {}

  /** A person's re-key: to a new MIS id when the account had one, else an adoption. */
  static Reason person(boolean hadLink, Evidence ev) {
    return new Reason(hadLink ? ReasonCode.MIS_MIGRATION : ReasonCode.MATCHED_EXISTING_ACCOUNT, ev);
  }

  static Reason group(Evidence ev) {
    return new Reason(ReasonCode.MIS_MIGRATION, ev);
  }
}
