package io.missync.core.store;

import io.missync.core.MissyncException;
import io.missync.core.spi.ApplyOutcome;
import io.missync.core.spi.ApplyRecord;
import io.missync.core.spi.AuditEvent;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.StaleStateException;
import io.missync.core.spi.SyncStateStore;
import io.missync.core.state.StateUpdate;
import io.missync.core.state.TargetState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link SyncStateStore} in memory, for tests, demos and single-process products that persist
 * elsewhere. Thread-safe: every method holds the store's lock for one school's data at a time.
 */
public final class InMemorySyncStateStore implements SyncStateStore {
  private final Clock clock;
  private final Map<String, School> schools = new HashMap<>();

  public InMemorySyncStateStore() {
    this(Clock.systemUTC());
  }

  public InMemorySyncStateStore(Clock clock) {
    this.clock = clock;
  }

  private static final class School {
    TargetState state;
    final LinkedHashMap<String, ApplyRecord> applies = new LinkedHashMap<>();
    final Map<String, String> watermarks = new HashMap<>();
    final LinkedHashMap<String, HeldPlan> held = new LinkedHashMap<>();
    final List<AuditEvent> audit = new ArrayList<>();

    School(String id) {
      state = TargetState.empty(id);
    }
  }

  private School school(String schoolId) {
    return schools.computeIfAbsent(schoolId, School::new);
  }

  @Override
  public synchronized TargetState load(String schoolId) {
    return school(schoolId).state;
  }

  @Override
  public synchronized long commit(String schoolId, long expectedVersion, StateUpdate update) {
    School s = school(schoolId);
    checkVersion(schoolId, s, expectedVersion);
    s.state = s.state.apply(update, s.state.version() + 1);
    return s.state.version();
  }

  private static void checkVersion(String schoolId, School s, long expected) {
    if (s.state.version() != expected) {
      throw new StaleStateException(schoolId, expected, s.state.version());
    }
  }

  @Override
  public synchronized void beginApply(
      String schoolId, String planId, long expectedVersion, int changeCount) {
    School s = school(schoolId);
    checkVersion(schoolId, s, expectedVersion);
    ApplyRecord existing = s.applies.get(planId);
    if (existing != null && existing.status() == ApplyRecord.Status.IN_PROGRESS) {
      // an apply still in progress is never replaced: its outcomes would be forgotten
      throw new MissyncException(
          "apply of plan " + planId + " for school " + schoolId + " is still in progress");
    }
    s.applies.put(
        planId,
        new ApplyRecord(
            schoolId,
            planId,
            expectedVersion,
            changeCount,
            clock.instant(),
            ApplyRecord.Status.IN_PROGRESS,
            List.of()));
  }

  private static ApplyRecord journal(School s, String schoolId, String planId) {
    ApplyRecord r = s.applies.get(planId);
    if (r == null) {
      throw new MissyncException("no apply begun for plan " + planId + " of school " + schoolId);
    }
    return r;
  }

  @Override
  public synchronized long recordOutcome(
      String schoolId, String planId, int index, ApplyOutcome outcome) {
    School s = school(schoolId);
    ApplyRecord r = journal(s, schoolId, planId);
    if (r.status() != ApplyRecord.Status.IN_PROGRESS) {
      throw new MissyncException("apply of plan " + planId + " is already " + r.status());
    }
    // apply first: an update that breaks the state's rules is refused with nothing journaled
    TargetState next = s.state.apply(outcome.update(), s.state.version() + 1);
    List<ApplyRecord.IndexedOutcome> outcomes = new ArrayList<>(r.outcomes());
    outcomes.add(new ApplyRecord.IndexedOutcome(index, outcome));
    outcomes.sort(Comparator.comparingInt(ApplyRecord.IndexedOutcome::index)); // stable
    s.applies.put(
        planId,
        new ApplyRecord(
            schoolId,
            planId,
            r.baseVersion(),
            r.changeCount(),
            r.startedAt(),
            r.status(),
            outcomes));
    s.state = next;
    return next.version();
  }

  @Override
  public synchronized void finishApply(String schoolId, String planId, ApplyRecord.Status status) {
    School s = school(schoolId);
    ApplyRecord r = journal(s, schoolId, planId);
    s.applies.put(
        planId,
        new ApplyRecord(
            schoolId,
            planId,
            r.baseVersion(),
            r.changeCount(),
            r.startedAt(),
            status,
            r.outcomes()));
  }

  @Override
  public synchronized List<ApplyRecord> unfinishedApplies(String schoolId) {
    List<ApplyRecord> out = new ArrayList<>();
    for (ApplyRecord r : school(schoolId).applies.values()) {
      if (r.status() == ApplyRecord.Status.IN_PROGRESS) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public synchronized Optional<ApplyRecord> applyRecord(String schoolId, String planId) {
    return Optional.ofNullable(school(schoolId).applies.get(planId));
  }

  @Override
  public synchronized Optional<String> watermark(String schoolId, String name) {
    return Optional.ofNullable(school(schoolId).watermarks.get(name));
  }

  @Override
  public synchronized void saveWatermark(String schoolId, String name, String value) {
    school(schoolId).watermarks.put(name, value);
  }

  @Override
  public synchronized void holdPlan(HeldPlan plan) {
    school(plan.schoolId()).held.put(plan.planId(), plan);
  }

  @Override
  public synchronized Optional<HeldPlan> heldPlan(String schoolId, String planId) {
    return Optional.ofNullable(school(schoolId).held.get(planId));
  }

  @Override
  public synchronized List<HeldPlan> heldPlans(String schoolId) {
    List<HeldPlan> out = new ArrayList<>(school(schoolId).held.values());
    out.sort(Comparator.comparing(HeldPlan::heldAt).reversed());
    return out;
  }

  @Override
  public synchronized void decide(
      String schoolId, String planId, HeldPlan.Decision decision, String actor) {
    School s = school(schoolId);
    HeldPlan p = s.held.get(planId);
    if (p == null) {
      throw new MissyncException("no held plan " + planId + " for school " + schoolId);
    }
    s.held.put(planId, p.decided(decision, actor, clock.instant()));
  }

  @Override
  public synchronized void appendAudit(AuditEvent event) {
    school(event.schoolId()).audit.add(event);
  }

  @Override
  public synchronized List<AuditEvent> audit(String schoolId, int limit) {
    List<AuditEvent> all = school(schoolId).audit;
    List<AuditEvent> out = new ArrayList<>(Math.min(limit, all.size()));
    for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
      out.add(all.get(i));
    }
    return out;
  }
}
