package io.missync.core.spi;

import io.missync.core.state.StateUpdate;
import io.missync.core.state.TargetState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What missync remembers about each school between runs: the product-side state (accounts with
 * their links to MIS people, groups, guardian links) at a version; watermarks for incremental
 * fetches; plans the safety gate held; an apply journal, so that no half-applied plan is forgotten;
 * and an audit trail.
 *
 * <p>Contract (proved by the contract test in missync-testkit):
 *
 * <ul>
 *   <li>{@link #load} of an unknown school is the empty state at version 0.
 *   <li>Every successful {@link #commit} or {@link #recordOutcome} raises the version by exactly
 *       one and is atomic: the update and the new version are seen together or not at all.
 *   <li>{@link #commit} and {@link #beginApply} with an {@code expectedVersion} that is not the
 *       current one throw {@link StaleStateException} and change nothing.
 *   <li>An apply begun and not finished is returned by {@link #unfinishedApplies} until finished.
 *   <li>A school has at most one lease at a time ({@link #tryAcquireLease}). A run takes it when
 *       the school has none, when the current one expired (by the store's clock), or when it
 *       already holds it. An expired lease nobody took over is still its holder's.
 *   <li>{@link #beginApply}, {@link #recordOutcome} and {@link #finishApply} write only for the run
 *       holding the school's lease: for any other they throw {@link LeaseLostException} and change
 *       nothing. So a run whose lease was taken over cannot record another outcome.
 *   <li>Implementations are safe for concurrent use; schools are independent.
 *   <li>Nothing stored holds a password.
 * </ul>
 */
public interface SyncStateStore {

  /** The school's current product state. */
  TargetState load(String schoolId);

  /**
   * Applies an update outside a plan (seeding existing accounts on a first sync, an operator's
   * correction) and returns the new version.
   *
   * @throws StaleStateException if the current version is not {@code expectedVersion}
   */
  long commit(String schoolId, long expectedVersion, StateUpdate update);

  /**
   * Opens the journal for applying a plan computed from {@code expectedVersion}, under the school's
   * lease ({@code lease.schoolId()} is the school).
   *
   * @throws StaleStateException if the current version is not {@code expectedVersion}: the plan is
   *     stale and must be recomputed
   * @throws LeaseLostException if {@code lease} is not the school's current lease
   */
  void beginApply(Lease lease, String planId, long expectedVersion, int changeCount);

  /**
   * Records the outcome of the change at {@code index} in the plan and, atomically with it, the
   * state update it caused; returns the new version.
   *
   * @throws LeaseLostException if {@code lease} is not the school's current lease
   */
  long recordOutcome(Lease lease, String planId, int index, ApplyOutcome outcome);

  /**
   * Closes the journal for a plan: the holder's own when its apply ends, or (status ABORTED) one
   * that a run which lost or gave up the school's lease left unfinished.
   *
   * @throws LeaseLostException if {@code lease} is not the school's current lease
   */
  void finishApply(Lease lease, String planId, ApplyRecord.Status status);

  /** Plans begun and not finished (a crash, a kill), oldest first. */
  List<ApplyRecord> unfinishedApplies(String schoolId);

  /** The journal of a plan, if it was ever begun. */
  Optional<ApplyRecord> applyRecord(String schoolId, String planId);

  /** A named watermark (e.g. {@code "wonde.students.updated_after"}), if set. */
  Optional<String> watermark(String schoolId, String name);

  void saveWatermark(String schoolId, String name, String value);

  /** Stores a plan the gate held, replacing one with the same id. */
  void holdPlan(HeldPlan plan);

  Optional<HeldPlan> heldPlan(String schoolId, String planId);

  /** Held plans of the school, newest first. */
  List<HeldPlan> heldPlans(String schoolId);

  /**
   * Records a person's decision on a held plan and, with it, an audit event {@code plan.decided}
   * with details {@code decision} and {@code by} (the actor), at the decision's time.
   *
   * @throws io.missync.core.MissyncException if there is no such held plan
   */
  void decide(String schoolId, String planId, HeldPlan.Decision decision, String actor);

  void appendAudit(AuditEvent event);

  /** The school's audit events, newest first, at most {@code limit}. */
  List<AuditEvent> audit(String schoolId, int limit);

  /**
   * Takes the school's lease for {@code holder} until {@code ttl} from now, or extends it when
   * {@code holder} already holds it. Returns empty, changing nothing, while another holder's lease
   * is live. Never waits.
   *
   * @param holder an id unique to the calling run (no personal data)
   * @param ttl how long the lease lasts unless renewed; positive
   */
  Optional<Lease> tryAcquireLease(String schoolId, String holder, Duration ttl);

  /**
   * Extends the caller's lease to {@code ttl} from now, even if it expired meanwhile (as long as
   * nobody took it over).
   *
   * @throws LeaseLostException if {@code lease} is no longer the school's current lease
   */
  Lease renewLease(Lease lease, Duration ttl);

  /** Gives the school up, if {@code lease} is still its current lease; otherwise does nothing. */
  void releaseLease(Lease lease);

  /** The school's current lease (live or expired), if any. */
  Optional<Lease> lease(String schoolId);
}
