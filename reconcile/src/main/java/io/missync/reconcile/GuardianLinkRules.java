package io.missync.reconcile;

import io.missync.core.model.Completeness;
import io.missync.core.model.Relationship;
import io.missync.core.plan.Reason;
import io.missync.core.plan.ReasonCode;

/**
 * Rule unit <b>guardian links</b>: an eligible link between two accounts active after the plan is
 * made, or updated in place when its facts change (never duplicated); a link is removed when a
 * complete read no longer has it, or when a partial read shows it is no longer eligible (parental
 * responsibility withdrawn: evidence, applied even when the rest of the plan is held), never by
 * absence from a partial read; links of an account under review stay as they are.
 *
 * <p>Produces {@link ReasonCode#GUARDIAN_ADDED}, {@link ReasonCode#RELATIONSHIP_CHANGED} and {@link
 * ReasonCode#GUARDIAN_REMOVED}. Proved by {@code
 * PlannerTest.aRelationshipChangeRelinksAndNeverDuplicates} and {@code SafeguardingReviewTest}
 * (losingParentalResponsibilityForOneSiblingUnlinksThatSiblingOnly,
 * anExplicitLossOfParentalResponsibilityInAPartialReadStillUnlinks).
 */
final class GuardianLinkRules {
  private GuardianLinkRules() {}

  static Reason added(Relationship r) {
    return Reason.of(ReasonCode.GUARDIAN_ADDED, "relationship", r.value());
  }

  static Reason changed(Relationship was, boolean hadParentalResponsibility) {
    return Reason.of(
        ReasonCode.RELATIONSHIP_CHANGED,
        "relationship",
        was.value(),
        "parentalResponsibility",
        Boolean.toString(hadParentalResponsibility));
  }

  static Reason removed(Relationship r, boolean complete) {
    return Reason.of(
        ReasonCode.GUARDIAN_REMOVED,
        "relationship",
        r.value(),
        complete ? "guardianLinks" : "eligible",
        complete ? Completeness.COMPLETE.name() : "false");
  }
}
