package io.missync.reconcile;

import io.missync.core.plan.Reason;
import io.missync.core.plan.ReasonCode;

/**
 * Rule unit <b>uncertain matches</b>: a match that is not certain (email, unless applied as the
 * policy allows; name and date of birth; name and year) or ambiguous (several accounts or several
 * people) is a review item: the person is neither created nor handed the account on a guess.
 * Outside a migration, the leaver's account the match claims is still deactivated in this run (the
 * departing SENCo whose role email a newcomer now has). While the school is migrating (announced,
 * detected, in progress from an earlier run, or mass id churn of the type), or when the ambiguity
 * is on a certain tier, the account is left as it is until a person decides: an account an open
 * review item kept is never deactivated for absence.
 *
 * <p>Produces {@link ReasonCode#UNCERTAIN_MATCH} and {@link ReasonCode#AMBIGUOUS_MATCH}. Proved by
 * {@code SafeguardingReviewTest}
 * (aDepartingSencoWhoseRoleEmailIsReusedLosesAccessWhileTheMatchIsReviewed,
 * duringAMigrationAnUncertainMatchDeactivatesNobody,
 * aSurerMatchOfOneSameNamedParentSettlesTheOthersInTheSameRun), {@code
 * RulebookBehaviourTest.staffUnderReviewAfterAMigrationKeepAccessUntilDecided} and {@code
 * RulebookProperties.noConfirmedLeaverKeepsAccessWhateverTheGateSays} (its claim invariant).
 */
final class UncertainMatches {
  private UncertainMatches() {}

  static Reason uncertain(String matchedOn, boolean duplicateKey) {
    return duplicateKey
        ? Reason.of(ReasonCode.UNCERTAIN_MATCH, "matchedOn", matchedOn, "duplicateKey", "true")
        : Reason.of(ReasonCode.UNCERTAIN_MATCH, "matchedOn", matchedOn);
  }

  static Reason ambiguous(String matchedOn) {
    return Reason.of(ReasonCode.AMBIGUOUS_MATCH, "matchedOn", matchedOn);
  }
}
