package io.missync.reconcile;

import io.missync.core.model.MisSnapshot;
import io.missync.core.plan.GateVerdict;
import io.missync.core.plan.HoldReason;
import io.missync.core.plan.Plan;
import io.missync.core.spi.ApplyRecord;
import io.missync.core.spi.AuditEvent;
import io.missync.core.spi.ChangeSink;
import io.missync.core.spi.CredentialPolicy;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.SchoolFrozenException;
import io.missync.core.spi.SchoolState;
import io.missync.core.spi.SnapshotSource;
import io.missync.core.spi.SnapshotUnavailableException;
import io.missync.core.spi.SyncStateStore;
import io.missync.core.state.TargetState;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync, end to end: source -> planner -> safety gate -> applier, with an audit trail.
 *
 * <ol>
 *   <li>Applies that a crash left unfinished are closed as ABORTED (the stored state already holds
 *       exactly what they applied, so the new plan simply carries on from there).
 *   <li>The school's stored state is consulted: a FROZEN school is refused; the read is full or
 *       incremental (from the stored base) as the state and {@link Builder#fullReadEvery} say.
 *   <li>The source is read (full, or incremental from a previous snapshot).
 *   <li>The planner computes the plan from the stored state; the gate judges it.
 *   <li>A plan without changes is NOTHING_TO_DO, unless it has review items and the gate holds it
 *       ({@link GatePolicy#holdOnReviewItems()}): then it is held like any other plan, so that the
 *       review items reach the review flow.
 *   <li>APPLY: the plan is applied. HOLD: the plan is stored as held, unless a person already
 *       approved a held plan with the same id (the same inputs give the same id), in which case it
 *       is applied now; a discarded one is left alone.
 *   <li>A migration the gate detects puts the school in MIGRATING mode, and the plan is computed as
 *       for an announced one. Once the plan is applied or held, the snapshot read becomes the base
 *       of the next incremental read; a MIGRATING school returns to ACTIVE once a plan was applied
 *       in the migration and no review item is left. A failed run makes the next read full.
 * </ol>
 *
 * Audit events and INFO logs carry ids and counts only.
 */
public final class SyncRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

  private final SnapshotSource source;
  private final SyncStateStore store;
  private final Planner planner;
  private final SafetyGate gate;
  private final Applier applier;
  private final Clock clock;
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
   * @throws SnapshotUnavailableException if the source could not be read (nothing is changed; the
   *     next run reads in full)
   */
  public RunResult run(String schoolId) {
    SchoolRuns.Read read = runs.choose(schoolId);
    return execute(schoolId, read, read.base(), false);
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
    return execute(schoolId, runs.given(schoolId, previous), previous, migrationAnnounced);
  }

  /** Makes the school's next {@link #run(String)} read in full (an operator's request). */
  public void requestFullRead(String schoolId) {
    store.updateSchoolState(schoolId, s -> s.withFullReadDue("on.demand"));
  }

  private RunResult execute(
      String schoolId,
      SchoolRuns.Read read,
      @Nullable MisSnapshot previous,
      boolean migrationAnnounced) {
    try {
      MisSnapshot snapshot = read(schoolId, previous);
      RunResult result = planAndApply(schoolId, snapshot, migrationAnnounced || read.migrating());
      runs.finished(schoolId, read, snapshot, result);
      return result;
    } catch (RuntimeException e) {
      runs.failed(schoolId);
      throw e;
    }
  }

  private MisSnapshot read(String schoolId, @Nullable MisSnapshot previous) {
    for (ApplyRecord r : store.unfinishedApplies(schoolId)) {
      store.finishApply(schoolId, r.planId(), ApplyRecord.Status.ABORTED);
      audit(schoolId, "apply.aborted", r.planId(), Map.of("recorded", "" + r.outcomes().size()));
      LOG.warn("closed unfinished apply of plan {} for school {}", r.planId(), schoolId);
    }
    MisSnapshot snapshot;
    try {
      snapshot = previous == null ? source.fetchFull() : source.fetchIncremental(previous);
    } catch (SnapshotUnavailableException e) {
      audit(schoolId, "source.unavailable", "", Map.of("error", e.getClass().getSimpleName()));
      throw e;
    }
    return snapshot;
  }

  private RunResult planAndApply(
      String schoolId, MisSnapshot snapshot, boolean migrationAnnounced) {
    TargetState state = store.load(schoolId);
    Plan plan = planner.plan(state, snapshot, migrationAnnounced);
    GateVerdict verdict = gate.evaluate(plan, snapshot, migrationAnnounced);
    plan = plan.withVerdict(verdict);
    if (!migrationAnnounced && SchoolRuns.detectsMigration(plan)) {
      // the school is MIGRATING from now on: plan as every later run will, so that the plan held
      // now is the one an approval matches
      runs.migrationDetected(schoolId);
      plan = planner.plan(state, snapshot, true);
      verdict = gate.evaluate(plan, snapshot, true);
      plan = plan.withVerdict(verdict);
    }
    Map<String, String> figures = new LinkedHashMap<>();
    figures.put("changes", Integer.toString(plan.changes().size()));
    figures.put("reviewItems", Integer.toString(plan.reviewItems().size()));
    figures.put("stateVersion", Long.toString(plan.stateVersion()));
    figures.put("verdict", verdict.decision().name());
    audit(schoolId, "plan.computed", plan.id(), figures);
    LOG.info(
        "school {}: plan {} with {} changes, {} review items, verdict {}",
        schoolId,
        plan.id(),
        plan.changes().size(),
        plan.reviewItems().size(),
        verdict.decision());
    if (plan.isEmpty() && (plan.reviewItems().isEmpty() || !verdict.isHeld())) {
      // nothing to apply and nothing held; review items, if any, travel in the result. A plan of
      // review items only that the gate holds (holdOnReviewItems) goes on to be held, so that the
      // items reach the review flow
      return new RunResult(plan, RunResult.Outcome.NOTHING_TO_DO, null);
    }
    if (!verdict.isHeld()) {
      ApplyReport report = applier.apply(plan);
      audit(schoolId, "plan.applied", plan.id(), reportFigures(report));
      return new RunResult(plan, RunResult.Outcome.APPLIED, report);
    }
    Optional<HeldPlan> earlier = store.heldPlan(schoolId, plan.id());
    if (earlier.isPresent() && earlier.get().decision() == HeldPlan.Decision.APPROVED) {
      ApplyReport report = applier.apply(plan);
      Map<String, String> f = reportFigures(report);
      f.put("approvedBy", earlier.get().decider().orElse("unknown"));
      audit(schoolId, "plan.applied", plan.id(), f);
      return new RunResult(plan, RunResult.Outcome.APPLIED_AFTER_APPROVAL, report);
    }
    if (earlier.isPresent() && earlier.get().decision() == HeldPlan.Decision.DISCARDED) {
      audit(schoolId, "plan.discarded", plan.id(), Map.of());
      return new RunResult(plan, RunResult.Outcome.DISCARDED, null);
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
    return new RunResult(plan, RunResult.Outcome.HELD, null);
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
