package io.missync.reconcile;

import io.missync.core.model.MisSnapshot;
import io.missync.core.plan.Plan;
import io.missync.core.spi.CredentialPolicy;
import io.missync.core.state.TargetState;
import java.time.Clock;

/**
 * The pure planner: compares what the MIS says ({@link MisSnapshot}) with what the product has
 * ({@link TargetState}) under a {@link SyncPolicy} and returns the {@link Plan} that brings the
 * product in step. It does no I/O, reads the time only from the given {@link Clock} and uses no
 * randomness: equal inputs give an equal plan, byte for byte, with an equal {@link Plan#id()} (a
 * SHA-256 fingerprint of the plan's content; {@link Plan#computedAt()} is not part of it, so a held
 * plan recomputed later from the same inputs has the same id).
 *
 * <p>Changes come in a safe order: group creates and updates; re-keys and account creates;
 * reactivations; field updates; moves, joins and leaves; guardian links; deactivations (students,
 * then staff, then contacts); group archives; hard deletes after their grace period. The planner
 * never holds a password: a create names the cohort's password policy.
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
    return new PlanRun(policy, credentials, clock, state, snapshot, migrationAnnounced).run();
  }
}
