package io.missync.reconcile;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import io.missync.core.plan.Evidence;
import io.missync.core.plan.Reason;
import io.missync.core.plan.ReasonCode;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Rule unit <b>leavers</b>: a leaver loses access in the run that sees them. A leaver is a person
 * gone from a snapshot complete for their type (absence), reported deleted by the source (even in a
 * partial delta), a pupil whose leaving date has passed, or a member of staff whose employment has
 * ended (after the end date, or on it under {@link SyncPolicy.Dismissal#SAME_DAY}). A partial read
 * never makes a leaver of anyone by absence. Deletions and passed dates are explicit evidence: they
 * are applied even when the rest of the plan is held ({@link
 * io.missync.core.plan.Plan#evidenceBacked()}). An account that an uncertain match claims is not
 * deactivated for absence while the school is migrating (see {@link UncertainMatches}).
 *
 * <p>Produces {@link ReasonCode#LEFT_SOURCE}, {@link ReasonCode#DELETED_IN_SOURCE}, {@link
 * ReasonCode#LEAVING_DATE_PASSED} and {@link ReasonCode#EMPLOYMENT_ENDED}. Proved by {@code
 * PlannerTest} (aStudentMissingFromACompleteSnapshotIsDeactivatedInTheSameRun,
 * aPartialSnapshotNeverImpliesLeavers, aLeavingDateThatHasPassedDeactivatesButTodayDoesNot,
 * staffWhoseEmploymentEndedAreDeactivated,
 * aDeletionTheSourceReportsDeactivatesEvenInAPartialDelta), {@code
 * RulebookBehaviourTest.aConfirmedLeaverIsDeactivatedWhileTheRestOfThePlanIsHeld}, {@code
 * RulebookPolicyTest.aSameDayDismissalEndsAccessOnTheDay} and {@code
 * RulebookProperties.noConfirmedLeaverKeepsAccessWhateverTheGateSays}.
 */
final class Leavers {
  private Leavers() {}

  static Reason leavingDate(Student s) {
    return new Reason(
        ReasonCode.LEAVING_DATE_PASSED,
        Evidence.of("leavingDate", s.leavingDate().map(LocalDate::toString).orElse("")));
  }

  static Reason employmentEnded(StaffMember s) {
    return new Reason(
        ReasonCode.EMPLOYMENT_ENDED,
        Evidence.of("employmentEnd", s.employmentEnd().map(LocalDate::toString).orElse("")));
  }

  static Reason deleted(EntityType type, Completeness read, String sourceKind) {
    return Reason.of(
        ReasonCode.DELETED_IN_SOURCE,
        type.name().toLowerCase(Locale.ROOT),
        read.name(),
        "deletedBy",
        sourceKind);
  }

  static Reason leftSource(EntityType type) {
    return Reason.of(
        ReasonCode.LEFT_SOURCE, type.name().toLowerCase(Locale.ROOT), Completeness.COMPLETE.name());
  }
}
