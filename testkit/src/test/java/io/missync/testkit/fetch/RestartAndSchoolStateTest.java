package io.missync.testkit.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.credentials.CohortCredentialPolicy;
import io.missync.core.credentials.PasswordGenerators;
import io.missync.core.credentials.UsernameTemplate;
import io.missync.core.model.MisSnapshot;
import io.missync.core.plan.Change;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.Plan;
import io.missync.core.spi.AuditEvent;
import io.missync.core.spi.CredentialPolicy;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.SchoolFrozenException;
import io.missync.core.spi.SchoolMode;
import io.missync.core.spi.SnapshotSource;
import io.missync.core.spi.SnapshotUnavailableException;
import io.missync.core.store.InMemorySyncStateStore;
import io.missync.core.store.InMemoryTokenStore;
import io.missync.reconcile.GatePolicy;
import io.missync.reconcile.Planner;
import io.missync.reconcile.RunResult;
import io.missync.reconcile.SafetyGate;
import io.missync.reconcile.SyncPolicy;
import io.missync.reconcile.SyncRunner;
import io.missync.testkit.gen.InMemoryProductSink;
import io.missync.testkit.wonde.Fault;
import io.missync.testkit.wonde.SchoolWorld;
import io.missync.testkit.wonde.SimulatorConfig;
import io.missync.wonde.webhook.WebhookHandler;
import io.missync.wonde.webhook.WebhookResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The school's state in the store drives {@link SyncRunner#run(String)} across restarts (a fresh
 * runner over the same store), against the Wonde simulator over real HTTP: incremental reads on the
 * stored base that plan exactly as a full read would, full reads when due, migrations with no
 * caller flag, frozen schools refused.
 */
class RestartAndSchoolStateTest {
  private static final String SECRET = "webhook-secret";

  private final FetchFixture f =
      new FetchFixture(SimulatorConfig.builder().seed(47).studentsPerSchool(90).build());
  private final SchoolWorld school = f.school;
  private final InMemorySyncStateStore store = new InMemorySyncStateStore(f.worldClock());
  private final InMemoryProductSink sink = new InMemoryProductSink();
  private final Counting source = new Counting(f.source);

  @AfterEach
  void close() {
    f.close();
  }

  /** Counts full and incremental reads. */
  static final class Counting implements SnapshotSource {
    final SnapshotSource d;
    final List<String> reads = new ArrayList<>();

    Counting(SnapshotSource d) {
      this.d = d;
    }

    @Override
    public MisSnapshot fetchFull() {
      reads.add("full");
      return d.fetchFull();
    }

    @Override
    public MisSnapshot fetchIncremental(MisSnapshot previous) {
      reads.add("incremental");
      return d.fetchIncremental(previous);
    }

    String last() {
      return reads.isEmpty() ? "none" : reads.get(reads.size() - 1);
    }
  }

  private static CredentialPolicy credentials() {
    return CohortCredentialPolicy.builder()
        .defaults(UsernameTemplate.initialSurname(), PasswordGenerators.randomText(10))
        .role(EntityType.STAFF, UsernameTemplate.email(), PasswordGenerators.randomText(14))
        .build();
  }

  /** A new runner over the same store: what a process restart gives. */
  private SyncRunner freshRunner() {
    return SyncRunner.builder()
        .source(source)
        .store(store)
        .sink(sink)
        .credentials(credentials())
        .clock(f.worldClock())
        .build();
  }

  private void tick() {
    f.sim.world().clock().advance(Duration.ofMinutes(5));
  }

  /** Runs and, if held, approves and runs again; returns the last result. */
  private RunResult runApproving(SyncRunner runner) {
    RunResult r = runner.run(school.id());
    if (r.outcome() == RunResult.Outcome.HELD) {
      store.decide(school.id(), r.plan().id(), HeldPlan.Decision.APPROVED, "tester");
      tick();
      RunResult again = runner.run(school.id());
      assertEquals(r.plan().id(), again.plan().id(), "an approved plan re-run has the same id");
      assertEquals(RunResult.Outcome.APPLIED_AFTER_APPROVAL, again.outcome());
      return again;
    }
    return r;
  }

  /** The plan a full read would give now, against the stored state (nothing applied). */
  private Plan planOfAFullRead(boolean migrating) {
    MisSnapshot full = f.source.fetchFull();
    Planner p = new Planner(SyncPolicy.defaults(), credentials(), f.worldClock());
    Plan plan = p.plan(store.load(school.id()), full, migrating);
    return plan.withVerdict(new SafetyGate(GatePolicy.defaults()).evaluate(plan, full, migrating));
  }

  private static List<String> describe(Plan p) {
    List<String> out = new ArrayList<>();
    for (Change c : p.changes()) {
      out.add(c.kind() + " " + c);
    }
    return out;
  }

  @Test
  void aFreshRunnerReadsIncrementallyAndPlansAsAFullReadWould() {
    RunResult first = runApproving(freshRunner());
    assertEquals("full", source.reads.get(0), "the first sync reads in full");
    assertTrue(
        first.outcome() == RunResult.Outcome.APPLIED_AFTER_APPROVAL
            || first.outcome() == RunResult.Outcome.APPLIED);
    assertFalse(store.schoolState(school.id()).fullReadDue());
    assertTrue(store.snapshotBase(school.id()).isPresent());

    // term-time changes, then a "restart": a new runner over the same store
    tick();
    List<String> students = school.studentIds();
    school.studentLeaves(students.get(0));
    school.studentLeaves(students.get(1));
    String joiner = school.addStudent(school.years().get(0));
    String mover = students.get(4);
    List<String> forms = school.groupIds("REGISTRATION");
    String current = school.groupIdOf(mover, "REGISTRATION").orElse(forms.get(0));
    forms.stream()
        .filter(g -> !g.equals(current))
        .findFirst()
        .ifPresent(g -> school.moveGroup(mover, g));
    tick();

    Plan expected = planOfAFullRead(false);
    int readsBefore = source.reads.size();
    RunResult r = freshRunner().run(school.id());
    assertEquals(List.of("incremental"), source.reads.subList(readsBefore, source.reads.size()));
    // the same changes in the same order; the incremental read also saw the deletions feed, so
    // its leavers are deactivated as DELETED_IN_SOURCE where a full read can only say LEFT_SOURCE
    assertEquals(
        describe(expected),
        describe(r.plan()).stream()
            .map(d -> d.replace("reason=DELETED_IN_SOURCE", "reason=LEFT_SOURCE"))
            .toList());
    assertEquals(expected.reviewItems(), r.plan().reviewItems());
    assertEquals(RunResult.Outcome.APPLIED, r.outcome());
    assertTrue(
        r.plan().changes().stream().anyMatch(c -> c.kind() == ChangeKind.DEACTIVATE_ACCOUNT),
        "the leavers lose access");
    assertTrue(
        r.plan().changes().toString().contains(joiner)
            || describe(r.plan()).toString().contains(joiner));

    // and again after another restart: nothing changed, nothing to do, still incremental
    tick();
    RunResult quiet = freshRunner().run(school.id());
    assertEquals("incremental", source.last());
    assertEquals(RunResult.Outcome.NOTHING_TO_DO, quiet.outcome());
  }

  @Test
  void fullReadsComeWhenDueOnDemandAfterAFailureAndAfterTheInterval() {
    runApproving(freshRunner());
    tick();
    freshRunner().run(school.id());
    assertEquals("incremental", source.last());

    freshRunner().requestFullRead(school.id());
    tick();
    freshRunner().run(school.id());
    assertEquals("full", source.last(), "on demand");
    tick();
    freshRunner().run(school.id());
    assertEquals("incremental", source.last(), "the demand is met once");

    f.sim.faults().always("/students", Fault.status(500));
    tick();
    assertThrows(SnapshotUnavailableException.class, () -> freshRunner().run(school.id()));
    assertTrue(store.schoolState(school.id()).fullReadDue());
    f.sim.faults().clear();
    tick();
    freshRunner().run(school.id());
    assertEquals("full", source.last(), "after a failure");

    f.sim.world().clock().advance(Duration.ofDays(8));
    freshRunner().run(school.id());
    assertEquals("full", source.last(), "after the interval (7 days by default)");
    tick();
    freshRunner().run(school.id());
    assertEquals("incremental", source.last());
  }

  @Test
  void aHeldIncrementalPlanApprovedIsAppliedOnTheNextRunAndOnlyThenTheBaseMoves() {
    runApproving(freshRunner());
    tick();
    freshRunner().run(school.id());
    assertEquals("incremental", source.last());
    MisSnapshot base = store.snapshotBase(school.id()).orElseThrow();
    // two thirds of the school leave (reported by the deletions feed): the gate holds the plan,
    // and the deletions (evidence-backed) are past their own sanity limit (more than half), so they
    // wait with it
    tick();
    List<String> students = school.studentIds();
    for (int i = 0; i < students.size() * 2 / 3; i++) {
      school.studentLeaves(students.get(i));
    }
    tick();
    RunResult held = freshRunner().run(school.id());
    assertEquals("incremental", source.last());
    assertEquals(RunResult.Outcome.HELD, held.outcome());
    assertEquals(
        base.source().capturedAt(),
        store.snapshotBase(school.id()).orElseThrow().source().capturedAt(),
        "held: the base stays, so the approved re-run reads (and plans) the same");
    store.decide(school.id(), held.plan().id(), HeldPlan.Decision.APPROVED, "tester");
    f.sim.world().clock().advance(Duration.ofMinutes(30)); // past the adapter's overlap
    RunResult applied = freshRunner().run(school.id());
    assertEquals("incremental", source.last());
    assertEquals(held.plan().id(), applied.plan().id(), "the approved plan is computed again");
    assertEquals(RunResult.Outcome.APPLIED_AFTER_APPROVAL, applied.outcome());
    assertNotEquals(
        base.source().capturedAt(),
        store.snapshotBase(school.id()).orElseThrow().source().capturedAt(),
        "applied: the base moves");
  }

  @Test
  void aDiscardedPlanMovesNothing() {
    runApproving(freshRunner());
    MisSnapshot base = store.snapshotBase(school.id()).orElseThrow();
    tick();
    List<String> students = school.studentIds();
    for (int i = 0; i < students.size() * 2 / 3; i++) {
      school.studentLeaves(students.get(i));
    }
    tick();
    RunResult held = freshRunner().run(school.id());
    assertEquals(RunResult.Outcome.HELD, held.outcome());
    store.decide(school.id(), held.plan().id(), HeldPlan.Decision.DISCARDED, "tester");
    tick();
    RunResult discarded = freshRunner().run(school.id());
    assertEquals(RunResult.Outcome.DISCARDED, discarded.outcome());
    assertEquals(
        base.source().capturedAt(),
        store.snapshotBase(school.id()).orElseThrow().source().capturedAt());
  }

  @Test
  void aDetectedMigrationCompletesWithNoCallerFlag() {
    runApproving(freshRunner());
    tick();
    school.migrateMis("Arbor");
    tick();
    RunResult held = freshRunner().run(school.id());
    assertEquals(RunResult.Outcome.HELD, held.outcome());
    assertEquals(SchoolMode.MIGRATING, store.schoolState(school.id()).mode());
    assertEquals("migration.detected", store.schoolState(school.id()).modeReason());
    store.decide(school.id(), held.plan().id(), HeldPlan.Decision.APPROVED, "tester");
    tick();
    RunResult applied = freshRunner().run(school.id());
    assertEquals(held.plan().id(), applied.plan().id(), "the approved plan is computed again");
    assertEquals(RunResult.Outcome.APPLIED_AFTER_APPROVAL, applied.outcome());
    assertTrue(
        applied.plan().changes().stream().anyMatch(c -> c.kind() == ChangeKind.REKEY_ACCOUNT));
    assertTrue(
        applied.plan().changes().stream()
            .noneMatch(
                c ->
                    c.kind() == ChangeKind.DEACTIVATE_ACCOUNT
                        || c.kind() == ChangeKind.CREATE_ACCOUNT),
        "nobody deactivated and recreated");
    SchoolMode after = store.schoolState(school.id()).mode();
    if (applied.plan().reviewItems().isEmpty()) {
      assertEquals(SchoolMode.ACTIVE, after);
      assertTrue(
          store.audit(school.id(), 50).stream()
              .map(AuditEvent::details)
              .anyMatch(d -> "migration.completed".equals(d.get("reason"))));
    } else {
      assertEquals(SchoolMode.MIGRATING, after, "kept until its review items are decided");
    }
  }

  private WebhookResult webhook(String json) {
    WebhookHandler h = WebhookHandler.builder(store, new InMemoryTokenStore(), SECRET).build();
    return h.handle(json.getBytes(StandardCharsets.UTF_8), SECRET);
  }

  @Test
  void anAnnouncedMigrationIsHeldApprovedAndAppliedWithNoCallerFlag() {
    runApproving(freshRunner());
    assertEquals(
        new WebhookResult.SyncDue(school.id()),
        webhook(
            "{\"payload_type\":\"schoolMigration\",\"school_id\":\""
                + school.id()
                + "\",\"migrate_from\":\"SIMS\",\"migrate_to\":\"Arbor\"}"));
    tick();
    school.migrateMis("Arbor");
    tick();
    RunResult held = freshRunner().run(school.id());
    assertEquals(RunResult.Outcome.HELD, held.outcome());
    assertEquals(planOfAFullRead(true).id(), held.plan().id(), "planned as announced");
    store.decide(school.id(), held.plan().id(), HeldPlan.Decision.APPROVED, "tester");
    tick();
    RunResult applied = freshRunner().run(school.id());
    assertEquals(held.plan().id(), applied.plan().id());
    assertEquals(RunResult.Outcome.APPLIED_AFTER_APPROVAL, applied.outcome());
  }

  @Test
  void aFrozenSchoolIsNeitherReadNorChangedUntilApprovedAgain() {
    runApproving(freshRunner());
    assertEquals(
        new WebhookResult.Frozen(school.id()),
        webhook("{\"payload_type\":\"accessRevoked\",\"school_id\":\"" + school.id() + "\"}"));
    int reads = source.reads.size();
    long version = store.load(school.id()).version();
    SchoolFrozenException e =
        assertThrows(SchoolFrozenException.class, () -> freshRunner().run(school.id()));
    assertEquals(school.id(), e.schoolId());
    assertEquals("webhook.accessRevoked", e.reason());
    assertEquals(reads, source.reads.size(), "no read");
    assertEquals(
        version, store.load(school.id()).version(), "no change: accounts left as they are");
    assertEquals("run.refused", store.audit(school.id(), 1).get(0).type());
    assertThrows(SchoolFrozenException.class, () -> freshRunner().run(school.id(), null, false));

    assertEquals(
        new WebhookResult.FullSyncDue(school.id()),
        webhook(
            "{\"payload_type\":\"schoolApproved\",\"school_id\":\""
                + school.id()
                + "\",\"school_token\":\"tok-123\"}"));
    tick();
    freshRunner().run(school.id());
    assertEquals("full", source.last(), "approved again: a full sync");
    assertEquals(SchoolMode.ACTIVE, store.schoolState(school.id()).mode());
  }
}
