package io.missync.testkit.contract;

import io.missync.core.model.MisSnapshot;
import io.missync.core.spi.ApplyOutcome;
import io.missync.core.spi.ApplyRecord;
import io.missync.core.spi.AuditEvent;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.SchoolState;
import io.missync.core.spi.SyncStateStore;
import io.missync.core.state.StateUpdate;
import io.missync.core.state.TargetState;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Forwards every call; tests override one method to break one clause. */
class ForwardingStore implements SyncStateStore {
  final SyncStateStore d;

  ForwardingStore(SyncStateStore d) {
    this.d = d;
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
  public void beginApply(String schoolId, String planId, long expectedVersion, int changeCount) {
    d.beginApply(schoolId, planId, expectedVersion, changeCount);
  }

  @Override
  public long recordOutcome(String schoolId, String planId, int index, ApplyOutcome outcome) {
    return d.recordOutcome(schoolId, planId, index, outcome);
  }

  @Override
  public void finishApply(String schoolId, String planId, ApplyRecord.Status status) {
    d.finishApply(schoolId, planId, status);
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
