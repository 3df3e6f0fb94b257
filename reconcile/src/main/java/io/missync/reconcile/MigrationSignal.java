package io.missync.reconcile;

import io.missync.core.EntityType;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.plan.PlanBasis;
import io.missync.core.state.Account;
import io.missync.core.state.AccountField;
import io.missync.core.state.TargetState;

/**
 * Rule unit <b>migration signal</b>: the one definition of "the school is switching MIS" the
 * planner uses, recorded in the plan's {@link PlanBasis}. A migration is underway when it is
 * announced (a webhook), in progress from an earlier run ({@link PlanBasis.Migration#IN_PROGRESS}:
 * its plan applied, review items it raised still open), or visible before people are matched: most
 * linked, active pupils' ids are gone from a complete snapshot while their UPN is there under a new
 * id (as the UPN or the former UPN). A year-end rollover changes class ids, never pupils' ids, so
 * it does not count. Per person type, mass id churn (most of the type's linked, active accounts
 * vanished and each matched by a newcomer) also counts as migrating; the planner works that out
 * while matching.
 *
 * <p>While migrating, nobody an uncertain match claims is deactivated for absence, groups are
 * re-keyed by kind and name, and staff whose email and surname agree are re-keyed. Produces no
 * reason code of its own (re-keys carry {@code MIS_MIGRATION}, from the re-key rule). Proved by
 * {@code PlannerTest.anMisMigrationRekeysByUpnAndReviewsEmailMatches}, {@code
 * SafeguardingReviewTest.duringAMigrationAnUncertainMatchDeactivatesNobody}, {@code
 * RulebookBehaviourTest.staffUnderReviewAfterAMigrationKeepAccessUntilDecided} and {@code
 * RulebookProperties.aMigrationNeverDeactivatesNorRecreatesSomeoneInTheNewMis}.
 */
final class MigrationSignal {
  private MigrationSignal() {}

  /** True when a migration is announced, in progress, or detected from the pupils' UPNs. */
  static boolean detect(PlanBasis.Migration signal, TargetState state, MisSnapshot snap) {
    if (signal != PlanBasis.Migration.NONE) {
      return true;
    }
    if (!snap.isComplete(EntityType.STUDENT)) {
      return false;
    }
    int linked = 0;
    int moved = 0;
    for (Account a : state.accounts()) {
      PersonRef l = a.link().orElse(null);
      if (a.kind() != EntityType.STUDENT || !a.active() || l == null) {
        continue;
      }
      linked++;
      if (snap.student(l.id()).isEmpty()) {
        String upn = a.field(AccountField.UPN).orElse(null);
        if (upn != null
            && (!snap.studentsByUpn(upn).isEmpty() || !snap.studentsByFormerUpn(upn).isEmpty())) {
          moved++;
        }
      }
    }
    return linked > 0 && moved * 2 > linked;
  }
}
