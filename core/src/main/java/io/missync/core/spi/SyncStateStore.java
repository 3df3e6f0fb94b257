package io.missync.core.spi;

import io.missync.core.state.StateUpdate;
import io.missync.core.state.TargetState;
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
   * Opens the journal for applying a plan computed from {@code expectedVersion}.
   *
   * @throws StaleStateException if the current version is not {@code expectedVersion}: the plan is
   *     stale and must be recomputed
   */
  void beginApply(String schoolId, String planId, long expectedVersion, int changeCount);

  /**
   * Records the outcome of the change at {@code index} in the plan and, atomically with it, the
   * state update it caused; returns the new version.
   */
  long recordOutcome(String schoolId, String planId, int index, ApplyOutcome outcome);

  /** Closes the journal for a plan. */
  void finishApply(String schoolId, String planId, ApplyRecord.Status status);

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
   * Records a person's decision on a held plan.
   *
   * @throws io.missync.core.MissyncException if there is no such held plan
   */
  void decide(String schoolId, String planId, HeldPlan.Decision decision, String actor);

  void appendAudit(AuditEvent event);

  /** The school's audit events, newest first, at most {@code limit}. */
  List<AuditEvent> audit(String schoolId, int limit);
}
