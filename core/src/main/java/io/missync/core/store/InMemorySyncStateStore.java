package io.missync.core.store;

import io.missync.core.MissyncException;
import io.missync.core.model.PersonRef;
import io.missync.core.spi.ApplyOutcome;
import io.missync.core.spi.ApplyRecord;
import io.missync.core.spi.AuditEvent;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.Lease;
import io.missync.core.spi.LeaseLostException;
import io.missync.core.spi.StaleStateException;
import io.missync.core.spi.SyncStateStore;
import io.missync.core.state.Account;
import io.missync.core.state.ProductGroup;
import io.missync.core.state.ProductGuardianLink;
import io.missync.core.state.StateUpdate;
import io.missync.core.state.TargetState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SyncStateStore} in memory, for tests, demos and single-process products that persist
 * elsewhere. Thread-safe: every method holds the store's lock. Recording an outcome costs time in
 * proportion to its update, not to the school nor to the outcomes recorded before it; {@link #load}
 * builds the immutable state once per version, {@link #applyRecord} copies the journal it returns.
 * Leases expire by the store's clock; they protect runs within one process only (use a shared
 * store, such as the JDBC one, for several processes).
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
    final String id;
    long version;
    // the live state, changed in place; TargetState is built from it on load, once per version
    final LinkedHashMap<String, Account> accounts = new LinkedHashMap<>();
    final Map<PersonRef, String> accountByLink = new HashMap<>();
    final LinkedHashMap<String, ProductGroup> groups = new LinkedHashMap<>();
    final Map<String, String> groupBySource = new HashMap<>();
    final LinkedHashMap<String, ProductGuardianLink> links = new LinkedHashMap<>();
    @Nullable TargetState cached;
    final LinkedHashMap<String, Journal> applies = new LinkedHashMap<>();
    @Nullable Lease lease;
    final Map<String, String> watermarks = new HashMap<>();
    final LinkedHashMap<String, HeldPlan> held = new LinkedHashMap<>();
    final List<AuditEvent> audit = new ArrayList<>();

    School(String id) {
      this.id = id;
    }

    TargetState state() {
      TargetState s = cached;
      if (s == null) {
        TargetState.Builder b = TargetState.builder(id, version);
        accounts.values().forEach(b::putAccount);
        groups.values().forEach(b::putGroup);
        links.values().forEach(b::putGuardianLink);
        s = b.build();
        cached = s;
      }
      return s;
    }

    /**
     * Applies an update with the same result as {@link TargetState#apply}, in time proportional to
     * the update rather than the school: the state's rules are checked against the state the update
     * would produce before anything changes, so a refused update changes nothing.
     */
    void apply(StateUpdate u) {
      // one final value per id, at the position of its first put: what TargetState.apply leaves
      Map<String, Account> finalAccounts = new LinkedHashMap<>();
      u.accounts().forEach(a -> finalAccounts.put(a.accountId(), a));
      Map<String, ProductGroup> finalGroups = new LinkedHashMap<>();
      u.groups().forEach(g -> finalGroups.put(g.groupId(), g));
      check(u, finalAccounts, finalGroups);
      for (String id : u.removedAccounts()) {
        Account old = accounts.remove(id);
        if (old != null) {
          old.link().ifPresent(l -> accountByLink.remove(l, id));
        }
      }
      for (Account a : finalAccounts.values()) {
        Account old = accounts.put(a.accountId(), a);
        if (old != null) {
          old.link().ifPresent(l -> accountByLink.remove(l, a.accountId()));
        }
        a.link().ifPresent(l -> accountByLink.put(l, a.accountId()));
      }
      for (String id : u.removedGroups()) {
        ProductGroup old = groups.remove(id);
        if (old != null) {
          old.source().ifPresent(s -> groupBySource.remove(s, id));
        }
      }
      for (ProductGroup g : finalGroups.values()) {
        ProductGroup old = groups.put(g.groupId(), g);
        if (old != null) {
          old.source().ifPresent(s -> groupBySource.remove(s, g.groupId()));
        }
        g.source().ifPresent(s -> groupBySource.put(s, g.groupId()));
      }
      u.removedGuardianLinks().forEach(links::remove);
      u.guardianLinks().forEach(l -> links.put(l.key(), l));
      version++;
      cached = null;
    }

    private void check(
        StateUpdate u, Map<String, Account> finalAccounts, Map<String, ProductGroup> finalGroups) {
      Set<String> touched = new HashSet<>(u.removedAccounts());
      touched.addAll(finalAccounts.keySet());
      Map<PersonRef, String> claimed = new HashMap<>();
      for (Account a : finalAccounts.values()) {
        PersonRef l = a.link().orElse(null);
        if (l == null) {
          continue;
        }
        String owner = accountByLink.get(l);
        String twin = claimed.put(l, a.accountId());
        if ((owner != null && !touched.contains(owner)) || twin != null) {
          throw new MissyncException(
              "TargetState: two accounts link to " + l + " (" + a.accountId() + ")");
        }
      }
      Set<String> touchedGroups = new HashSet<>(u.removedGroups());
      touchedGroups.addAll(finalGroups.keySet());
      Map<String, String> claimedSources = new HashMap<>();
      for (ProductGroup g : finalGroups.values()) {
        String s = g.sourceGroupId();
        if (s == null) {
          continue;
        }
        String owner = groupBySource.get(s);
        String twin = claimedSources.put(s, g.groupId());
        if ((owner != null && !touchedGroups.contains(owner)) || twin != null) {
          throw new MissyncException(
              "TargetState: two groups link to MIS group " + s + " (" + g.groupId() + ")");
        }
      }
    }
  }

  /** One plan's journal, kept mutable so that recording an outcome does not copy the others. */
  private static final class Journal {
    final String schoolId;
    final String planId;
    final long baseVersion;
    final int changeCount;
    final Instant startedAt;
    ApplyRecord.Status status = ApplyRecord.Status.IN_PROGRESS;
    final ArrayList<ApplyRecord.IndexedOutcome> outcomes = new ArrayList<>();

    Journal(String schoolId, String planId, long baseVersion, int changeCount, Instant startedAt) {
      this.schoolId = schoolId;
      this.planId = planId;
      this.baseVersion = baseVersion;
      this.changeCount = changeCount;
      this.startedAt = startedAt;
    }

    /**
     * Adds an outcome in index order, after any with the same index (appends in the usual case).
     */
    void add(ApplyRecord.IndexedOutcome o) {
      int at = outcomes.size();
      while (at > 0 && outcomes.get(at - 1).index() > o.index()) {
        at--;
      }
      outcomes.add(at, o);
    }

    ApplyRecord record() {
      return new ApplyRecord(
          schoolId, planId, baseVersion, changeCount, startedAt, status, outcomes);
    }
  }

  private School school(String schoolId) {
    return schools.computeIfAbsent(schoolId, School::new);
  }

  @Override
  public synchronized TargetState load(String schoolId) {
    return school(schoolId).state();
  }

  @Override
  public synchronized long commit(String schoolId, long expectedVersion, StateUpdate update) {
    School s = school(schoolId);
    checkVersion(schoolId, s, expectedVersion);
    s.apply(update);
    return s.version;
  }

  private static void checkVersion(String schoolId, School s, long expected) {
    if (s.version != expected) {
      throw new StaleStateException(schoolId, expected, s.version);
    }
  }

  /** Throws unless {@code lease} is the school's current lease; expiry alone does not matter. */
  private static void checkHolder(School s, Lease lease) {
    Lease current = s.lease;
    if (current == null || !current.holder().equals(lease.holder())) {
      throw new LeaseLostException(s.id, lease.holder());
    }
  }

  @Override
  public synchronized void beginApply(
      Lease lease, String planId, long expectedVersion, int changeCount) {
    String schoolId = lease.schoolId();
    School s = school(schoolId);
    checkHolder(s, lease);
    checkVersion(schoolId, s, expectedVersion);
    Journal existing = s.applies.get(planId);
    if (existing != null && existing.status == ApplyRecord.Status.IN_PROGRESS) {
      // an apply still in progress is never replaced: its outcomes would be forgotten
      throw new MissyncException(
          "apply of plan " + planId + " for school " + schoolId + " is still in progress");
    }
    s.applies.remove(planId); // begun again: it moves to the end, as the newest
    s.applies.put(
        planId, new Journal(schoolId, planId, expectedVersion, changeCount, clock.instant()));
  }

  private static Journal journal(School s, String schoolId, String planId) {
    Journal r = s.applies.get(planId);
    if (r == null) {
      throw new MissyncException("no apply begun for plan " + planId + " of school " + schoolId);
    }
    return r;
  }

  @Override
  public synchronized long recordOutcome(
      Lease lease, String planId, int index, ApplyOutcome outcome) {
    String schoolId = lease.schoolId();
    School s = school(schoolId);
    checkHolder(s, lease);
    Journal r = journal(s, schoolId, planId);
    if (r.status != ApplyRecord.Status.IN_PROGRESS) {
      throw new MissyncException("apply of plan " + planId + " is already " + r.status);
    }
    // apply first: an update that breaks the state's rules is refused with nothing journaled
    s.apply(outcome.update());
    r.add(new ApplyRecord.IndexedOutcome(index, outcome));
    return s.version;
  }

  @Override
  public synchronized void finishApply(Lease lease, String planId, ApplyRecord.Status status) {
    String schoolId = lease.schoolId();
    School s = school(schoolId);
    checkHolder(s, lease);
    journal(s, schoolId, planId).status = status;
  }

  @Override
  public synchronized List<ApplyRecord> unfinishedApplies(String schoolId) {
    List<ApplyRecord> out = new ArrayList<>();
    for (Journal r : school(schoolId).applies.values()) {
      if (r.status == ApplyRecord.Status.IN_PROGRESS) {
        out.add(r.record());
      }
    }
    return out;
  }

  @Override
  public synchronized Optional<ApplyRecord> applyRecord(String schoolId, String planId) {
    Journal r = school(schoolId).applies.get(planId);
    return r == null ? Optional.empty() : Optional.of(r.record());
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
    Instant at = clock.instant();
    s.held.put(planId, p.decided(decision, actor, at));
    s.audit.add(decisionEvent(schoolId, planId, decision, actor, at));
  }

  /** The audit event of a decision on a held plan: what, who, when. */
  static AuditEvent decisionEvent(
      String schoolId, String planId, HeldPlan.Decision decision, String actor, Instant at) {
    return new AuditEvent(
        schoolId, at, "plan.decided", planId, Map.of("decision", decision.name(), "by", actor));
  }

  @Override
  public synchronized void appendAudit(AuditEvent event) {
    school(event.schoolId()).audit.add(event);
  }

  @Override
  public synchronized Optional<Lease> tryAcquireLease(
      String schoolId, String holder, Duration ttl) {
    checkTtl(ttl);
    School s = school(schoolId);
    Instant now = clock.instant();
    Lease current = s.lease;
    if (current != null && !current.holder().equals(holder) && !current.expiredAt(now)) {
      return Optional.empty();
    }
    Instant acquired =
        current != null && current.holder().equals(holder) ? current.acquiredAt() : now;
    Lease granted = new Lease(schoolId, holder, acquired, now.plus(ttl));
    s.lease = granted;
    return Optional.of(granted);
  }

  private static void checkTtl(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("a lease must last a positive time");
    }
  }

  @Override
  public synchronized Lease renewLease(Lease lease, Duration ttl) {
    checkTtl(ttl);
    School s = school(lease.schoolId());
    checkHolder(s, lease);
    Lease current = Objects.requireNonNull(s.lease);
    Lease renewed =
        new Lease(
            lease.schoolId(), lease.holder(), current.acquiredAt(), clock.instant().plus(ttl));
    s.lease = renewed;
    return renewed;
  }

  @Override
  public synchronized void releaseLease(Lease lease) {
    School s = school(lease.schoolId());
    Lease current = s.lease;
    if (current != null && current.holder().equals(lease.holder())) {
      s.lease = null;
    }
  }

  @Override
  public synchronized Optional<Lease> lease(String schoolId) {
    return Optional.ofNullable(school(schoolId).lease);
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
