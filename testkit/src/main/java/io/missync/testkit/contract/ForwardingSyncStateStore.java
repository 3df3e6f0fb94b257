package io.missync.testkit.contract;

import io.missync.core.model.MisSnapshot;
import io.missync.core.spi.ApplyOutcome;
import io.missync.core.spi.ApplyRecord;
import io.missync.core.spi.AuditEvent;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.Lease;
import io.missync.core.spi.SchoolState;
import io.missync.core.spi.SyncStateStore;
import io.missync.core.state.StateUpdate;
import io.missync.core.state.TargetState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A {@link SyncStateStore} that forwards every call to another: extend it and override what you
 * want to change or watch (a store that breaks one clause of {@link SyncStateStoreContract} to
 * prove the contract catches it, a store that counts or delays calls in a test or a benchmark). It
 * adds no behaviour and no synchronisation of its own.
 */
public class ForwardingSyncStateStore implements SyncStateStore {
  /** The store every call goes to. */
  protected final SyncStateStore delegate;

  public ForwardingSyncStateStore(SyncStateStore delegate) {
    this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public TargetState load(String schoolId) {
    return delegate.load(schoolId);
  }

  @Override
  public long commit(String schoolId, long expectedVersion, StateUpdate update) {
    return delegate.commit(schoolId, expectedVersion, update);
  }

  @Override
  public void beginApply(Lease lease, String planId, long expectedVersion, int changeCount) {
    delegate.beginApply(lease, planId, expectedVersion, changeCount);
  }

  @Override
  public long recordOutcome(Lease lease, String planId, int index, ApplyOutcome outcome) {
    return delegate.recordOutcome(lease, planId, index, outcome);
  }

  @Override
  public void finishApply(Lease lease, String planId, ApplyRecord.Status status) {
    delegate.finishApply(lease, planId, status);
  }

  @Override
  public Optional<Lease> tryAcquireLease(String schoolId, String holder, Duration ttl) {
    return delegate.tryAcquireLease(schoolId, holder, ttl);
  }

  @Override
  public Lease renewLease(Lease lease, Duration ttl) {
    return delegate.renewLease(lease, ttl);
  }

  @Override
  public void releaseLease(Lease lease) {
    delegate.releaseLease(lease);
  }

  @Override
  public Optional<Lease> lease(String schoolId) {
    return delegate.lease(schoolId);
  }

  @Override
  public List<ApplyRecord> unfinishedApplies(String schoolId) {
    return delegate.unfinishedApplies(schoolId);
  }

  @Override
  public Optional<ApplyRecord> applyRecord(String schoolId, String planId) {
    return delegate.applyRecord(schoolId, planId);
  }

  @Override
  public Optional<String> watermark(String schoolId, String name) {
    return delegate.watermark(schoolId, name);
  }

  @Override
  public void saveWatermark(String schoolId, String name, String value) {
    delegate.saveWatermark(schoolId, name, value);
  }

  @Override
  public void holdPlan(HeldPlan plan) {
    delegate.holdPlan(plan);
  }

  @Override
  public Optional<HeldPlan> heldPlan(String schoolId, String planId) {
    return delegate.heldPlan(schoolId, planId);
  }

  @Override
  public List<HeldPlan> heldPlans(String schoolId) {
    return delegate.heldPlans(schoolId);
  }

  @Override
  public void decide(String schoolId, String planId, HeldPlan.Decision decision, String actor) {
    delegate.decide(schoolId, planId, decision, actor);
  }

  @Override
  public void appendAudit(AuditEvent event) {
    delegate.appendAudit(event);
  }

  @Override
  public List<AuditEvent> audit(String schoolId, int limit) {
    return delegate.audit(schoolId, limit);
  }

  @Override
  public SchoolState schoolState(String schoolId) {
    return delegate.schoolState(schoolId);
  }

  @Override
  public SchoolState updateSchoolState(String schoolId, UnaryOperator<SchoolState> change) {
    return delegate.updateSchoolState(schoolId, change);
  }

  @Override
  public Optional<MisSnapshot> snapshotBase(String schoolId) {
    return delegate.snapshotBase(schoolId);
  }

  @Override
  public void saveSnapshotBase(String schoolId, MisSnapshot snapshot) {
    delegate.saveSnapshotBase(schoolId, snapshot);
  }

  @Override
  public void clearSnapshotBase(String schoolId) {
    delegate.clearSnapshotBase(schoolId);
  }
}
