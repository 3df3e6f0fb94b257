package io.missync.reconcile;

import io.missync.core.EntityType;
import io.missync.core.model.MisSnapshot;
import io.missync.core.plan.Change;
import io.missync.core.plan.Plan;
import io.missync.core.plan.PlanBasis;
import io.missync.core.plan.PlanStatistics;
import io.missync.core.spi.CredentialPolicy;
import io.missync.core.state.TargetState;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;

/**
 * The pure planner: compares what the MIS says ({@link MisSnapshot}) with what the product has
 * ({@link TargetState}) under a {@link SyncPolicy} and returns the {@link Plan} that brings the
 * product in step. It does no I/O, reads the time only from the given {@link Clock} (its instant;
 * the calendar day is taken in {@link SyncPolicy#schoolZone()}, Europe/London by default) and uses
 * no randomness: equal inputs give an equal plan, byte for byte, with an equal {@link Plan#id()} (a
 * SHA-256 fingerprint of the plan's content; {@link Plan#computedAt()} is not part of it, so a held
 * plan recomputed later from the same inputs has the same id).
 *
 * <p>Changes come in a safe order, safeguarding first:
 *
 * <ol>
 *   <li>deactivations (students, then staff, then contacts), so that leavers lose access before
 *       anything else is tried: a later change that fails, a sink that throws, or an apply that
 *       dies part way cannot leave them with access. Nothing a deactivation needs comes later: it
 *       names an account that already exists, never one the plan creates or re-keys (an account a
 *       re-key claims is not a leaver's, and an account under review is not re-keyed), and no other
 *       change in the plan is about a deactivated person except guardian unlinks;
 *   <li>group creates and updates; re-keys and account creates; reactivations; field updates;
 *       moves, joins and leaves (these refer to the groups and accounts created above);
 *   <li>guardian links and unlinks (after the accounts at both ends exist; an unlink of a link to a
 *       leaver comes after the leaver's deactivation and only tidies the product's links);
 *   <li>group archives; hard deletes after their grace period (last: a delete is irreversible, and
 *       the account it removes was deactivated in an earlier run).
 * </ol>
 *
 * Contacts are deactivated after students in the list, but neither depends on the other being
 * applied: the planner decides a contact's fate from the plan, not from the product. The planner
 * never holds a password: a create names the cohort's password policy.
 *
 * <p>Leavers and uncertain matches: a person gone from a snapshot complete for their type (or
 * reported deleted) is a leaver, and their account is deactivated in the same run. A newcomer who
 * matches a leaver's account on a certain tier (UPN, former UPN, a contact's name and linked
 * student) takes it over (a re-key). One who matches only on email (unless {@link
 * SyncPolicy#autoApplyLikelyMatches()} applies, which it never does for a leaver's account outside
 * an announced or detected migration), name and date of birth, or name and year becomes a review
 * item and is not created; the leaver's account is still deactivated, so that neither the leaver
 * keeps access nor the newcomer inherits it on a guess. A person who confirms the match links the
 * account to the newcomer, and the next plan reactivates it. The account is left as it is, under
 * review, only while its type is migrating (an announced or detected migration, or mass id churn:
 * most of the type's linked, active accounts vanished and each is matched by a newcomer, as in the
 * runs after a migration's first) or when the match is an ambiguity on a certain tier.
 *
 * <p>Evidence: the plan lists, in {@link Plan#evidenceBacked()}, the changes backed by explicit
 * evidence (a deletion the source reported, a leaving or employment end date that has passed, an
 * operator's suspension, parental responsibility withdrawn, and the contact deactivations and
 * unlinks that follow from those alone); the runner applies them even when the gate holds the rest
 * ({@link #evidenceBackedPart}). The plan records what it was based on in {@link Plan#basis()}. The
 * rules themselves, one unit each, are indexed in the package documentation.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Planner {
  private final SyncPolicy policy;
  private final CredentialPolicy credentials;
  private final Clock clock;

  public Planner(SyncPolicy policy, CredentialPolicy credentials, Clock clock) {
    this.policy = policy;
    this.credentials = credentials;
    this.clock = clock;
  }

  public SyncPolicy policy() {
    return policy;
  }

  /** Plans a sync of {@code snapshot} into {@code state}. */
  public Plan plan(TargetState state, MisSnapshot snapshot) {
    return plan(state, snapshot, false);
  }

  /**
   * Plans a sync.
   *
   * @param state what the product has now
   * @param snapshot what the MIS says
   * @param migrationAnnounced true when the source announced an MIS migration (a webhook); it is
   *     recorded in the evidence of re-keys and in the plan's fingerprint, and the safety gate
   *     holds such a plan
   */
  public Plan plan(TargetState state, MisSnapshot snapshot, boolean migrationAnnounced) {
    return plan(
        state,
        snapshot,
        migrationAnnounced ? PlanBasis.Migration.ANNOUNCED : PlanBasis.Migration.NONE);
  }

  /**
   * Plans a sync under a migration signal: {@link PlanBasis.Migration#ANNOUNCED} as {@link
   * #plan(TargetState, MisSnapshot, boolean)} with true; {@link PlanBasis.Migration#IN_PROGRESS}
   * when the school's migration is still being settled from an earlier run (its plan applied,
   * review items it raised still open): every person type is treated as migrating, so an account an
   * open review item claims is never deactivated for absence, and the gate does not hold for that
   * alone. The signal is recorded in the plan's {@link Plan#basis()}.
   */
  public Plan plan(TargetState state, MisSnapshot snapshot, PlanBasis.Migration migration) {
    return new PlanRun(policy, credentials, clock, state, snapshot, migration).run();
  }

  /**
   * The part of {@code plan} backed by explicit evidence ({@link Plan#evidenceBacked()}), as a plan
   * of its own: the same school, state version, basis and baselines, no review items, and an id of
   * its own (never a whole plan's). It is applied in the run that sees it even when the rest of the
   * plan is held, after {@link SafetyGate#evaluateEvidenceBacked} lets it through.
   */
  public static Plan evidenceBackedPart(Plan plan) {
    List<Change> part = plan.evidenceBacked();
    EnumMap<EntityType, Integer> baseline = new EnumMap<>(EntityType.class);
    for (EntityType t : EntityType.values()) {
      baseline.put(t, plan.statistics().baseline(t));
    }
    return new Plan(
        PlanFingerprint.ofEvidenceBackedPart(plan.schoolId(), plan.stateVersion(), part),
        plan.schoolId(),
        plan.stateVersion(),
        plan.computedAt(),
        part,
        List.of(),
        PlanStatistics.of(part, baseline),
        null,
        plan.basis(),
        part);
  }
}
