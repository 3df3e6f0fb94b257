package io.missync.reconcile;

import io.missync.core.EntityType;
import io.missync.core.model.MisSnapshot;
import io.missync.core.plan.GateVerdict;
import io.missync.core.plan.HoldReason;
import io.missync.core.plan.Plan;
import io.missync.core.plan.PlanBasis;
import io.missync.core.spi.ApplyRecord;
import io.missync.core.spi.AuditEvent;
import io.missync.core.spi.ChangeSink;
import io.missync.core.spi.CredentialPolicy;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.Lease;
import io.missync.core.spi.ReadProgress;
import io.missync.core.spi.SchoolBusyException;
import io.missync.core.spi.SchoolFrozenException;
import io.missync.core.spi.SchoolState;
import io.missync.core.spi.SnapshotSource;
import io.missync.core.spi.SnapshotUnavailableException;
import io.missync.core.spi.SyncStateStore;
import io.missync.core.state.TargetState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync, end to end: source -> planner -> safety gate -> applier, with an audit trail.
 *
 * <ol>
 *   <li>The run takes the school's {@link Lease} in the store, so that one run at a time reads,
 *       plans and applies each school, across threads and (with a shared store) processes. If
 *       another run holds it, this one waits up to {@link Builder#leaseWait} and then throws {@link
 *       SchoolBusyException}, having done nothing. A lease whose holder died (it expired, see
 *       {@link Builder#leaseTtl}) is taken over. The lease is renewed as the run goes and given up
 *       when it ends, however it ends.
 *   <li>Holding the lease, the run closes as ABORTED the applies left unfinished by a run that no
 *       longer holds it (crashed, killed, or taken over): the stored state already holds exactly
 *       what they applied, so the new plan simply carries on from there. A run never closes the
 *       journal of a run that still holds the lease.
 *   <li>The school's stored state is consulted: a FROZEN school is refused; the read is full or
 *       incremental (from the stored base) as the state and {@link Builder#fullReadEvery} say.
 *   <li>The source is read (full, or incremental from a previous snapshot).
 *   <li>The planner computes the plan from the stored state; the gate judges it.
 *   <li>A plan the gate holds is held, whatever it contains: also a plan without changes (every
 *       people type absent from the read, a plan of review items only under {@link
 *       GatePolicy#holdOnReviewItems()}), so that it reaches the review flow. A plan without
 *       changes that the gate lets through is NOTHING_TO_DO.
 *   <li>APPLY: the plan is applied. HOLD: the plan is stored as held, unless a person already
 *       approved a held plan with the same id (the same inputs give the same id), in which case it
 *       is applied now; a discarded one is left alone.
 *   <li>A migration the gate detects or the caller announces puts the school in MIGRATING mode, and
 *       the plan is computed as for an announced one until the migration's plan is applied; after
 *       that, while review items that claim accounts are open, the planner sees the migration
 *       IN_PROGRESS (claimed accounts are not deactivated for absence, nothing is held for that
 *       alone). A plan that re-keyed on id churn alone and left such items open does the same. Once
 *       the plan is applied (or there was nothing to apply), the snapshot read becomes the base of
 *       the next incremental read (a held plan moves nothing, so the run after its approval reads
 *       the same way and computes the same plan); a MIGRATING school returns to ACTIVE once a plan
 *       was applied in the migration and no review item is left. A failed run makes the next read
 *       full.
 * </ol>
 *
 * Audit events and INFO logs carry ids and counts only. What the run does is told to the {@link
 * SyncListener}s registered on the builder (the {@linkplain SyncListener#logging() DEBUG logger}
 * always).
 */
public final class SyncRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

  private final SnapshotSource source;
  private final SyncStateStore store;
  private final Planner planner;
  private final SafetyGate gate;
  private final Applier applier;
  private final Clock clock;
  private final SyncListener listener;
  private final Duration leaseWait;
  private final Duration leaseTtl;
  private final String runnerId;
  private final SchoolRuns runs;

  private SyncRunner(Builder b) {
    this.source = Objects.requireNonNull(b.source, "source");
    this.store = Objects.requireNonNull(b.store, "store");
    ChangeSink sink = Objects.requireNonNull(b.sink, "sink");
    CredentialPolicy credentials = Objects.requireNonNull(b.credentials, "credentials");
    this.clock = b.clock;
    this.planner = new Planner(b.policy, credentials, clock);
    this.gate = new SafetyGate(b.gatePolicy);
    this.applier = new Applier(store, sink, credentials, clock, b.policy.schoolZone());
    List<SyncListener> all = new ArrayList<>();
    all.add(SyncListener.logging());
    all.addAll(b.listeners);
    this.listener = new Listeners(all);
    this.leaseWait = b.leaseWait;
    this.leaseTtl = b.leaseTtl;
    this.runnerId = b.runnerId;
    this.runs = new SchoolRuns(store, clock, b.fullReadEvery);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A sync of the school as its stored {@link SchoolState} says: refused if it is FROZEN; a full
   * read when one is due (first sync, after a failure, after a new approval, on demand, or when the
   * last full read is older than {@link Builder#fullReadEvery}), otherwise an incremental read
   * built on the stored base snapshot, so a fresh runner after a restart carries on incrementally;
   * the migration announced while the school is MIGRATING. No caller state is needed.
   *
   * @throws SchoolFrozenException if the school is frozen (nothing is read or changed)
   * @throws SchoolBusyException if another run held the school for longer than {@link
   *     Builder#leaseWait}
   * @throws SnapshotUnavailableException if the source could not be read (nothing is changed; the
   *     next run reads in full)
   */
  public RunResult run(String schoolId) {
    return leased(
        schoolId,
        lease -> {
          SchoolRuns.Read read = runs.choose(schoolId);
          return execute(lease, read, read.base(), false);
        });
  }

  /**
   * A sync of the school with the read chosen by the caller. The school's state is kept as by
   * {@link #run(String)}: a frozen school is refused, a MIGRATING school plans with the migration
   * announced, and the base and full-read watermark move once the plan is applied.
   *
   * @param schoolId the school (as the store knows it)
   * @param previous the previous snapshot for an incremental read, or null for a full read
   * @param migrationAnnounced true when the source announced an MIS migration (also true while the
   *     school is MIGRATING)
   * @throws SchoolFrozenException if the school is frozen (nothing is read or changed)
   * @throws SnapshotUnavailableException if the source could not be read (nothing is changed)
   */
  public RunResult run(
      String schoolId, @Nullable MisSnapshot previous, boolean migrationAnnounced) {
    return leased(
        schoolId,
        lease -> execute(lease, runs.given(schoolId, previous), previous, migrationAnnounced));
  }

  /** Makes the school's next {@link #run(String)} read in full (an operator's request). */
  public void requestFullRead(String schoolId) {
    store.updateSchoolState(schoolId, s -> s.withFullReadDue("on.demand"));
  }

  /** Runs {@code work} holding the school's lease; tells the listeners how it ended. */
  private RunResult leased(String schoolId, Function<Lease, RunResult> work) {
    Lease lease;
    try {
      lease = acquire(schoolId);
    } catch (RuntimeException e) {
      listener.failed(schoolId, e);
      throw e;
    }
    try {
      RunResult result = work.apply(lease);
      listener.finished(schoolId, result);
      return result;
    } catch (RuntimeException e) {
      listener.failed(schoolId, e);
      throw e;
    } finally {
      try {
        store.releaseLease(lease);
      } catch (RuntimeException e) {
        // the lease lapses at its expiry anyway; the run's own outcome or error matters more
        LOG.warn("school {}: could not give up the lease ({})", schoolId, e.getClass().getName());
      }
    }
  }

  /** Takes the school's lease, waiting up to {@code leaseWait} for another run to give it up. */
  private Lease acquire(String schoolId) {
    String holder = runnerId + "/" + UUID.randomUUID();
    long start = System.nanoTime();
    long deadline = start + leaseWait.toNanos();
    boolean told = false;
    while (true) {
      Optional<Lease> got = store.tryAcquireLease(schoolId, holder, leaseTtl);
      if (got.isPresent()) {
        return got.get();
      }
      String other = store.lease(schoolId).map(Lease::holder).orElse("?");
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new SchoolBusyException(schoolId, other, Duration.ofNanos(System.nanoTime() - start));
      }
      if (!told) {
        listener.waitingForSchool(schoolId, other);
        told = true;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(left, POLL.toNanos()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchoolBusyException(schoolId, other, Duration.ofNanos(System.nanoTime() - start));
      }
    }
  }

  private static final Duration POLL = Duration.ofMillis(100);

  private RunResult execute(
      Lease lease,
      SchoolRuns.Read read,
      @Nullable MisSnapshot previous,
      boolean migrationAnnounced) {
    String schoolId = lease.schoolId();
    try {
      MisSnapshot snapshot = read(lease, previous);
      Lease renewed = store.renewLease(lease, leaseTtl);
      RunResult result = planAndApply(renewed, snapshot, read, migrationAnnounced);
      runs.finished(schoolId, read, snapshot, result);
      return result;
    } catch (RuntimeException e) {
      runs.failed(schoolId);
      throw e;
    }
  }

  private MisSnapshot read(Lease lease, @Nullable MisSnapshot previous) {
    String schoolId = lease.schoolId();
    for (ApplyRecord r : store.unfinishedApplies(schoolId)) {
      // we hold the lease, so whoever began this apply no longer does: it died or was taken over
      store.finishApply(lease, r.planId(), ApplyRecord.Status.ABORTED);
      audit(schoolId, "apply.aborted", r.planId(), Map.of("recorded", "" + r.outcomes().size()));
      LOG.warn("closed unfinished apply of plan {} for school {}", r.planId(), schoolId);
    }
    MisSnapshot snapshot;
    ProgressForwarder progress = new ProgressForwarder(schoolId);
    try {
      snapshot =
          previous == null
              ? source.fetchFull(progress)
              : source.fetchIncremental(previous, progress);
    } catch (SnapshotUnavailableException e) {
      audit(schoolId, "source.unavailable", "", Map.of("error", e.getClass().getSimpleName()));
      throw e;
    }
    progress.totals(snapshot);
    return snapshot;
  }

  private RunResult planAndApply(
      Lease lease, MisSnapshot snapshot, SchoolRuns.Read read, boolean migrationAnnounced) {
    String schoolId = lease.schoolId();
    TargetState state = store.load(schoolId);
    PlanBasis.Migration signal = SchoolRuns.signal(read, migrationAnnounced);
    Plan plan = planner.plan(state, snapshot, signal);
    GateVerdict verdict = gate.evaluate(plan, snapshot, signal == PlanBasis.Migration.ANNOUNCED);
    plan = plan.withVerdict(verdict);
    if (signal == PlanBasis.Migration.NONE && SchoolRuns.detectsMigration(plan)) {
      // the school is MIGRATING from now on: plan as every later run will, so that the plan held
      // now is the one an approval matches
      runs.migrationDetected(schoolId);
      signal = PlanBasis.Migration.ANNOUNCED;
      plan = planner.plan(state, snapshot, signal);
      verdict = gate.evaluate(plan, snapshot, true);
      plan = plan.withVerdict(verdict);
    } else if (signal == PlanBasis.Migration.ANNOUNCED && !read.migrating()) {
      // announced by the caller: the school stays MIGRATING until its migration settles, so the
      // runs after this one (an approval, the nights of review) need no caller flag
      runs.migrationAnnounced(schoolId);
    }
    auditComputed(schoolId, plan, verdict, null);
    Plan evidencePlan = null;
    ApplyReport evidenceReport = null;
    if (verdict.isHeld() && !plan.evidenceBacked().isEmpty() && !approved(schoolId, plan.id())) {
      // changes backed by explicit evidence (a reported deletion, a passed leaving or employment
      // end date, parental responsibility withdrawn, an operator's suspension, and what follows
      // from those alone) do not wait for an unrelated hold: applied now, under their own sanity
      // limit; the rest is planned afresh from the state they leave and held as before
      Plan part = Planner.evidenceBackedPart(plan);
      GateVerdict partVerdict = gate.evaluateEvidenceBacked(part);
      evidencePlan = part.withVerdict(partVerdict);
      auditComputed(schoolId, evidencePlan, partVerdict, "evidence");
      if (!partVerdict.isHeld()) {
        evidenceReport = applier.apply(evidencePlan, lease, leaseTtl, listener);
        Map<String, String> f = reportFigures(evidenceReport);
        f.put("part", "evidence");
        audit(schoolId, "plan.applied", evidencePlan.id(), f);
        LOG.info(
            "school {}: applied the {} evidence-backed changes of held plan {} as plan {}",
            schoolId,
            evidencePlan.changes().size(),
            plan.id(),
            evidencePlan.id());
        lease = store.renewLease(lease, leaseTtl);
        plan = planner.plan(store.load(schoolId), snapshot, signal);
        verdict = gate.evaluate(plan, snapshot, signal == PlanBasis.Migration.ANNOUNCED);
        plan = plan.withVerdict(verdict);
        auditComputed(schoolId, plan, verdict, "remainder");
      }
    }
    RunResult result = finish(lease, plan, verdict, evidencePlan, evidenceReport);
    if (!read.migrating() && signal == PlanBasis.Migration.NONE) {
      runs.churnSettledWithReviews(schoolId, result);
    }
    return result;
  }

  private RunResult finish(
      Lease lease,
      Plan plan,
      GateVerdict verdict,
      @Nullable Plan evidencePlan,
      @Nullable ApplyReport evidenceReport) {
    String schoolId = lease.schoolId();
    LOG.info(
        "school {}: plan {} with {} changes, {} review items, verdict {}",
        schoolId,
        plan.id(),
        plan.changes().size(),
        plan.reviewItems().size(),
        verdict.decision());
    listener.planComputed(schoolId, plan.id(), plan.statistics(), verdict);
    if (!verdict.isHeld()) {
      if (plan.isEmpty()) {
        // nothing to apply and nothing held; review items, if any, travel in the result
        return new RunResult(
            plan, RunResult.Outcome.NOTHING_TO_DO, null, evidencePlan, evidenceReport);
      }
      ApplyReport report = applier.apply(plan, lease, leaseTtl, listener);
      audit(schoolId, "plan.applied", plan.id(), reportFigures(report));
      return new RunResult(plan, RunResult.Outcome.APPLIED, report, evidencePlan, evidenceReport);
    }
    // a held plan is held even when it has no changes (every people type absent from the read,
    // review items only): it must reach a person, never pass for nothing to do
    Optional<HeldPlan> earlier = store.heldPlan(schoolId, plan.id());
    if (earlier.isPresent() && earlier.get().decision() == HeldPlan.Decision.APPROVED) {
      ApplyReport report = applier.apply(plan, lease, leaseTtl, listener);
      Map<String, String> f = reportFigures(report);
      f.put("approvedBy", earlier.get().decider().orElse("unknown"));
      audit(schoolId, "plan.applied", plan.id(), f);
      return new RunResult(
          plan, RunResult.Outcome.APPLIED_AFTER_APPROVAL, report, evidencePlan, evidenceReport);
    }
    if (earlier.isPresent() && earlier.get().decision() == HeldPlan.Decision.DISCARDED) {
      audit(schoolId, "plan.discarded", plan.id(), Map.of());
      return new RunResult(plan, RunResult.Outcome.DISCARDED, null, evidencePlan, evidenceReport);
    }
    if (earlier.isEmpty()) {
      store.holdPlan(
          new HeldPlan(
              schoolId,
              plan.id(),
              plan.stateVersion(),
              clock.instant(),
              verdict.reasons(),
              plan.statistics(),
              HeldPlan.Decision.PENDING,
              null,
              null));
    }
    StringJoiner codes = new StringJoiner(",");
    for (HoldReason r : verdict.reasons()) {
      codes.add(r.code().name());
    }
    audit(schoolId, "plan.held", plan.id(), Map.of("reasons", codes.toString()));
    LOG.info("school {}: plan {} held ({})", schoolId, plan.id(), codes);
    listener.held(schoolId, plan.id(), verdict.reasons());
    return new RunResult(plan, RunResult.Outcome.HELD, null, evidencePlan, evidenceReport);
  }

  private boolean approved(String schoolId, String planId) {
    return store
        .heldPlan(schoolId, planId)
        .map(h -> h.decision() == HeldPlan.Decision.APPROVED)
        .orElse(false);
  }

  private void auditComputed(
      String schoolId, Plan plan, GateVerdict verdict, @Nullable String part) {
    Map<String, String> figures = new LinkedHashMap<>();
    figures.put("changes", Integer.toString(plan.changes().size()));
    figures.put("reviewItems", Integer.toString(plan.reviewItems().size()));
    figures.put("stateVersion", Long.toString(plan.stateVersion()));
    figures.put("verdict", verdict.decision().name());
    if (part != null) {
      figures.put("part", part);
    }
    audit(schoolId, "plan.computed", plan.id(), figures);
  }

  /** Hands the source's page reports to the listener; reports the totals of types it did not. */
  private final class ProgressForwarder implements ReadProgress {
    private final String schoolId;
    private final java.util.Set<EntityType> reported =
        java.util.Collections.synchronizedSet(java.util.EnumSet.noneOf(EntityType.class));

    ProgressForwarder(String schoolId) {
      this.schoolId = schoolId;
    }

    @Override
    public void read(EntityType type, int pages, long records) {
      reported.add(type);
      listener.readProgress(schoolId, type, pages, records);
    }

    void totals(MisSnapshot snapshot) {
      Map<EntityType, Integer> counts = new EnumMap<>(EntityType.class);
      for (EntityType t : EntityType.values()) {
        if (!reported.contains(t)) {
          counts.put(t, snapshot.count(t));
        }
      }
      counts.forEach((t, n) -> listener.readProgress(schoolId, t, 0, n));
    }
  }

  private static Map<String, String> reportFigures(ApplyReport r) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("applied", Integer.toString(r.applied()));
    m.put("failed", Integer.toString(r.failed()));
    m.put("skipped", Integer.toString(r.skipped()));
    m.put("status", r.status().name());
    m.put("version", Long.toString(r.finalVersion()));
    return m;
  }

  private void audit(String schoolId, String type, String planId, Map<String, String> details) {
    store.appendAudit(new AuditEvent(schoolId, clock.instant(), type, planId, details));
  }

  /** Builds a {@link SyncRunner}; source, store, sink and credentials are required. */
  public static final class Builder {
    private @Nullable SnapshotSource source;
    private @Nullable SyncStateStore store;
    private @Nullable ChangeSink sink;
    private @Nullable CredentialPolicy credentials;
    private SyncPolicy policy = SyncPolicy.defaults();
    private GatePolicy gatePolicy = GatePolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private final List<SyncListener> listeners = new ArrayList<>();
    private Duration leaseWait = Duration.ofSeconds(30);
    private Duration leaseTtl = Duration.ofMinutes(10);
    private String runnerId = "runner-" + ProcessHandle.current().pid();
    private Duration fullReadEvery = Duration.ofDays(7);

    private Builder() {}

    /**
     * How long {@link SyncRunner#run(String)} builds on incremental reads before it reads the whole
     * school again (default 7 days).
     */
    public Builder fullReadEvery(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("fullReadEvery must be positive");
      }
      this.fullReadEvery = interval;
      return this;
    }

    /**
     * Adds a listener told of the run's progress (see {@link SyncListener}); may be called more
     * than once. The {@linkplain SyncListener#logging() DEBUG logger} is always registered.
     */
    public Builder listener(SyncListener listener) {
      this.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * How long a run waits for another run of the same school to finish before it throws {@link
     * SchoolBusyException} (default 30 seconds; zero: fail at once).
     */
    public Builder leaseWait(Duration wait) {
      if (wait.isNegative()) {
        throw new IllegalArgumentException("leaseWait must not be negative");
      }
      this.leaseWait = wait;
      return this;
    }

    /**
     * How long the school's lease lasts unless renewed (default 10 minutes). A run renews it after
     * reading and during the apply, each time a third of this has passed; a run that has not
     * renewed it for this long (it died, or one read or sink call took longer) may be taken over by
     * another run, and then fails at its next journal write. Keep the hosts' clocks in step (NTP):
     * expiry is judged by the store's clock of the run that takes over.
     */
    public Builder leaseTtl(Duration ttl) {
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("leaseTtl must be positive");
      }
      this.leaseTtl = ttl;
      return this;
    }

    /**
     * A name for this runner in lease holder ids (default {@code runner-<pid>}); each run adds a
     * random suffix. Use a host or worker name, never personal data.
     */
    public Builder runnerId(String runnerId) {
      this.runnerId = Objects.requireNonNull(runnerId, "runnerId");
      return this;
    }

    public Builder source(SnapshotSource source) {
      this.source = source;
      return this;
    }

    public Builder store(SyncStateStore store) {
      this.store = store;
      return this;
    }

    public Builder sink(ChangeSink sink) {
      this.sink = sink;
      return this;
    }

    public Builder credentials(CredentialPolicy credentials) {
      this.credentials = credentials;
      return this;
    }

    public Builder policy(SyncPolicy policy) {
      this.policy = policy;
      return this;
    }

    public Builder gatePolicy(GatePolicy gatePolicy) {
      this.gatePolicy = gatePolicy;
      return this;
    }

    /**
     * The time source (default {@link Clock#systemUTC()}). Only its instant counts: the calendar
     * day for leaving dates and deactivation dates is taken in the policy's {@link
     * SyncPolicy#schoolZone()} (Europe/London by default), not in the clock's zone.
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public SyncRunner build() {
      return new SyncRunner(this);
    }
  }
}
