package io.missync.reconcile;

import io.missync.core.plan.Reason;
import io.missync.core.plan.ReasonCode;

/**
 * Rule unit <b>a contact follows their last child out</b>: a contact has an account while they are
 * eligible (parental responsibility, priority and email as the policy says) for at least one
 * student active after the plan. A contact whose last such student leaves in this run is
 * deactivated in the same run, after the students; a partial read decides this from what the
 * product knows (its links) and from links the snapshot shows are no longer eligible, never from
 * absence. Like Kubernetes' owner references, the contact goes only when every owner is verified
 * gone. When every student it follows left on explicit evidence (or a link shows parental
 * responsibility withdrawn), the deactivation is evidence-backed too.
 *
 * <p>Produces {@link ReasonCode#NO_ACTIVE_STUDENT} and {@link ReasonCode#NOT_ELIGIBLE}. Proved by
 * {@code PlannerTest} (aContactIsDeactivatedWhenItsLastStudentLeavesAfterTheStudents,
 * contactEligibilityFollowsThePolicy) and {@code SafeguardingReviewTest}
 * (oneSiblingLeavingByDateKeepsTheSharedContactAndUnlinksOnlyThatSibling,
 * theOnlyChildDeletedInAPartialDeltaTakesTheContactWithThemInTheSameRun,
 * aPartialReadKeepsAContactWhoseOtherChildItCannotSee), and {@code SchoolLifeProperties}' contact
 * rule invariant.
 */
final class ContactsFollowLastChild {
  private ContactsFollowLastChild() {}

  static Reason notEligible(int eligibleLinks, boolean emailRequiredAndMissing) {
    return Reason.of(
        ReasonCode.NOT_ELIGIBLE,
        "eligibleLinks",
        Integer.toString(eligibleLinks),
        "emailRequiredAndMissing",
        Boolean.toString(emailRequiredAndMissing));
  }

  static Reason noActiveStudent(int eligibleLinks) {
    return Reason.of(
        ReasonCode.NO_ACTIVE_STUDENT, "eligibleLinks", Integer.toString(eligibleLinks));
  }

  /** The students the product links it to are all inactive after the plan (a partial read). */
  static Reason productLinksInactive() {
    return Reason.of(ReasonCode.NO_ACTIVE_STUDENT, "productLinks", "inactive");
  }

  static Reason productLinksInactive(int eligibleLinks) {
    return Reason.of(
        ReasonCode.NO_ACTIVE_STUDENT,
        "eligibleLinks",
        Integer.toString(eligibleLinks),
        "productLinks",
        "inactive");
  }
}
