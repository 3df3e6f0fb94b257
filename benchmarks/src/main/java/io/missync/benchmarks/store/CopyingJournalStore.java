package io.missync.benchmarks.store;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The baseline of {@link ApplyScaling}: the in-memory store, plus the journal bookkeeping the
 * in-memory store did before it was made linear, re-enacted step for step for every outcome: copy
 * the plan's outcomes so far, add the new one, sort by index, and copy them into a new {@link
 * ApplyRecord}. Everything else forwards to the real store, so the difference between the two is
 * that bookkeeping alone.
 */
final class CopyingJournalStore implements SyncStateStore {
  private final SyncStateStore d;
  private final Map<String, ApplyRecord> journals = new HashMap<>();

  CopyingJournalStore(SyncStateStore d) {
    this.d = d;
  }

  @Override
  public synchronized long recordOutcome(
      Lease lease, String planId, int index, ApplyOutcome outcome) {
    long v = d.recordOutcome(lease, planId, index, outcome);
    ApplyRecord r =
        journals.computeIfAbsent(
            planId,
            k ->
                new ApplyRecord(
                    lease.schoolId(),
                    planId,
                    0,
                    0,
                    Instant.EPOCH,
                    ApplyRecord.Status.IN_PROGRESS,
                    List.of()));
    List<ApplyRecord.IndexedOutcome> outcomes = new ArrayList<>(r.outcomes());
    outcomes.add(new ApplyRecord.IndexedOutcome(index, outcome));
    outcomes.sort(Comparator.comparingInt(ApplyRecord.IndexedOutcome::index));
    journals.put(
        planId,
        new ApplyRecord(
            r.schoolId(),
            planId,
            r.baseVersion(),
            r.changeCount(),
            r.startedAt(),
            r.status(),
            outcomes));
    return v;
  }

  @Override
  public TargetState load(String schoolId) {
    return d.load(schoolId);
  }

  @Override
  public long commit(String schoolId, long expectedVersion, StateUpdate update) {
    return d.commit(schoolId, expectedVersion, update);
  }

  @Override
  public void beginApply(Lease lease, String planId, long expectedVersion, int changeCount) {
    d.beginApply(lease, planId, expectedVersion, changeCount);
  }

  @Override
  public void finishApply(Lease lease, String planId, ApplyRecord.Status status) {
    d.finishApply(lease, planId, status);
  }

  @Override
  public List<ApplyRecord> unfinishedApplies(String schoolId) {
    return d.unfinishedApplies(schoolId);
  }

  @Override
  public Optional<ApplyRecord> applyRecord(String schoolId, String planId) {
    return d.applyRecord(schoolId, planId);
  }

  @Override
  public Optional<String> watermark(String schoolId, String name) {
    return d.watermark(schoolId, name);
  }

  @Override
  public void saveWatermark(String schoolId, String name, String value) {
    d.saveWatermark(schoolId, name, value);
  }

  @Override
  public void holdPlan(HeldPlan plan) {
    d.holdPlan(plan);
  }

  @Override
  public Optional<HeldPlan> heldPlan(String schoolId, String planId) {
    return d.heldPlan(schoolId, planId);
  }

  @Override
  public List<HeldPlan> heldPlans(String schoolId) {
    return d.heldPlans(schoolId);
  }

  @Override
  public void decide(String schoolId, String planId, HeldPlan.Decision decision, String actor) {
    d.decide(schoolId, planId, decision, actor);
  }

  @Override
  public void appendAudit(AuditEvent event) {
    d.appendAudit(event);
  }

  @Override
  public List<AuditEvent> audit(String schoolId, int limit) {
    return d.audit(schoolId, limit);
  }

  @Override
  public Optional<Lease> tryAcquireLease(String schoolId, String holder, Duration ttl) {
    return d.tryAcquireLease(schoolId, holder, ttl);
  }

  @Override
  public Lease renewLease(Lease lease, Duration ttl) {
    return d.renewLease(lease, ttl);
  }

  @Override
  public void releaseLease(Lease lease) {
    d.releaseLease(lease);
  }

  @Override
  public Optional<Lease> lease(String schoolId) {
    return d.lease(schoolId);
  }

  @Override
  public SchoolState schoolState(String schoolId) {
    return d.schoolState(schoolId);
  }

  @Override
  public SchoolState updateSchoolState(String schoolId, UnaryOperator<SchoolState> change) {
    return d.updateSchoolState(schoolId, change);
  }

  @Override
  public Optional<MisSnapshot> snapshotBase(String schoolId) {
    return d.snapshotBase(schoolId);
  }

  @Override
  public void saveSnapshotBase(String schoolId, MisSnapshot snapshot) {
    d.saveSnapshotBase(schoolId, snapshot);
  }

  @Override
  public void clearSnapshotBase(String schoolId) {
    d.clearSnapshotBase(schoolId);
  }
}
