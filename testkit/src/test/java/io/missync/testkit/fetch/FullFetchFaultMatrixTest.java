package io.missync.testkit.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.credentials.CohortCredentialPolicy;
import io.missync.core.credentials.PasswordGenerators;
import io.missync.core.credentials.UsernameTemplate;
import io.missync.core.model.MisSnapshot;
import io.missync.core.plan.Change;
import io.missync.core.plan.ChangeKind;
import io.missync.core.spi.AuditEvent;
import io.missync.core.spi.SnapshotSource;
import io.missync.core.state.StateUpdate;
import io.missync.core.state.TargetState;
import io.missync.core.store.InMemorySyncStateStore;
import io.missync.reconcile.GatePolicy;
import io.missync.reconcile.RunResult;
import io.missync.reconcile.SyncPolicy;
import io.missync.reconcile.SyncRunner;
import io.missync.testkit.fetch.FetchOracle.Outcome;
import io.missync.testkit.gen.InMemoryProductSink;
import io.missync.testkit.wonde.Fault;
import io.missync.testkit.wonde.RecordedRequest;
import io.missync.testkit.wonde.SimulatorConfig;
import io.missync.wonde.RetryPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The fetch fault matrix: every request of a full sync of a small school (each list page, the
 * counts) times each fault kind of the simulator, run end to end through {@link SyncRunner} over a
 * store that already holds the school. Each case ends in one of:
 *
 * <ul>
 *   <li>IDENTICAL: the snapshot is the fault-free one (after retries); the run has nothing to do;
 *   <li>TYPED_FAILURE: a {@code SnapshotUnavailableException}; nothing planned (no {@code
 *       plan.computed} audit), applied (the sink saw nothing) or saved (state version, held plans,
 *       journal unchanged);
 *   <li>HONEST_PARTIAL: the read says which types are incomplete (a 200 with no records or no
 *       pagination cannot be told from a small school); the run may not deactivate, delete, unlink,
 *       leave or archive anything.
 * </ul>
 *
 * By default a fixed-seed sample of {@value #SAMPLE} cases runs; {@code -Dmissync.faultMatrix=full}
 * (the {@code fault-matrix} profile) runs every case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FullFetchFaultMatrixTest {
  static final int SAMPLE = 40;
  static final List<Fault> FAULTS =
      List.of(
          Fault.latency(20),
          Fault.status(503),
          Fault.tooManyRequests(1),
          Fault.connectionReset(),
          Fault.truncatedBody(),
          Fault.truncatedJson(),
          Fault.missingMeta(),
          Fault.emptyData(),
          Fault.emptyObject());

  private static final Set<ChangeKind> DESTRUCTIVE =
      Set.of(
          ChangeKind.DEACTIVATE_ACCOUNT,
          ChangeKind.DELETE_ACCOUNT,
          ChangeKind.UNLINK_GUARDIAN,
          ChangeKind.LEAVE_GROUP,
          ChangeKind.ARCHIVE_GROUP);

  private FetchFixture f;
  private MisSnapshot truth;
  private TargetState baseline;
  private final Map<Outcome, Integer> counts =
      Collections.synchronizedMap(new EnumMap<>(Outcome.class));

  /** One request of a full fetch: a list page, or a one-record answer (page 1). */
  record Request(String path, int page) {}

  @BeforeAll
  void start() {
    f =
        new FetchFixture(
            SimulatorConfig.builder().seed(77).studentsPerSchool(24).staffPerSchool(5).build(),
            RetryPolicy.defaults(),
            b -> b.perPage(10));
    truth = f.truth();
    InMemorySyncStateStore store = new InMemorySyncStateStore(f.worldClock());
    RunResult first = runner(store, new InMemoryProductSink(), f.source).run(f.school.id());
    assertEquals(RunResult.Outcome.APPLIED, first.outcome());
    baseline = store.load(f.school.id());
  }

  @AfterAll
  void stop() {
    System.out.printf(
        Locale.ROOT,
        "fetch fault matrix (%s): %d cases, %s, 0 wrong%n",
        full() ? "full" : "sample",
        counts.values().stream().mapToInt(Integer::intValue).sum(),
        counts);
    f.close();
  }

  private static boolean full() {
    return "full".equals(System.getProperty("missync.faultMatrix"));
  }

  private SyncRunner runner(
      InMemorySyncStateStore store, InMemoryProductSink sink, SnapshotSource source) {
    return SyncRunner.builder()
        .source(source)
        .store(store)
        .sink(sink)
        .credentials(
            CohortCredentialPolicy.builder()
                .defaults(UsernameTemplate.initialSurname(), PasswordGenerators.randomText(10))
                .role(EntityType.STAFF, UsernameTemplate.email(), PasswordGenerators.randomText(14))
                .build())
        .policy(SyncPolicy.defaults())
        .gatePolicy(GatePolicy.defaults())
        .clock(f.worldClock())
        .build();
  }

  /** Every request a fault-free full fetch makes. */
  private List<Request> requests() {
    int before = f.sim.requests().size();
    f.sim.faults().clear();
    f.source.fetchFull();
    Set<Request> out = new LinkedHashSet<>();
    List<RecordedRequest> all = f.sim.requests();
    for (RecordedRequest r : all.subList(before, all.size())) {
      out.add(new Request(r.path(), page(r.query())));
    }
    return new ArrayList<>(out);
  }

  private static int page(String query) {
    for (String p : query.split("&")) {
      if (p.startsWith("page=")) {
        return Integer.parseInt(p.substring(5));
      }
    }
    return 1;
  }

  @TestFactory
  Stream<DynamicTest> everyRequestTimesEveryFaultKind() {
    List<Request> requests = requests();
    assertTrue(requests.size() >= 10, "a full fetch of this school makes " + requests.size());
    List<DynamicTest> cases = new ArrayList<>();
    for (Request r : requests) {
      for (Fault fault : FAULTS) {
        cases.add(
            DynamicTest.dynamicTest(
                fault.kind() + " on " + r.path() + " page " + r.page(), () -> run(r, fault)));
      }
    }
    if (!full()) {
      Collections.shuffle(cases, new Random(2026));
      cases = cases.subList(0, Math.min(SAMPLE, cases.size()));
    }
    return cases.stream();
  }

  private void run(Request r, Fault fault) {
    String school = f.school.id();
    InMemorySyncStateStore store = new InMemorySyncStateStore(f.worldClock());
    store.commit(
        school,
        0,
        new StateUpdate(
            baseline.accounts(),
            List.of(),
            baseline.groups(),
            List.of(),
            baseline.guardianLinks(),
            List.of()));
    long version = store.load(school).version();
    int audits = store.audit(school, 10_000).size();
    InMemoryProductSink sink = new InMemoryProductSink();
    AtomicReference<MisSnapshot> read = new AtomicReference<>();
    AtomicReference<RunResult> result = new AtomicReference<>();
    SnapshotSource capturing =
        new SnapshotSource() {
          @Override
          public MisSnapshot fetchFull() {
            MisSnapshot s = f.source.fetchFull();
            read.set(s);
            return s;
          }

          @Override
          public MisSnapshot fetchIncremental(MisSnapshot previous) {
            throw new AssertionError("a full sync reads in full");
          }
        };
    SyncRunner runner = runner(store, sink, capturing);
    f.sim.faults().clear();
    int before = f.sim.requests().size();
    f.sim.faults().onPage(r.path(), r.page(), fault);
    Outcome o =
        FetchOracle.judge(
            fault + " on " + r,
            () -> {
              result.set(runner.run(school));
              return read.get();
            },
            truth);
    List<RecordedRequest> all = f.sim.requests();
    assertEquals(
        1,
        all.subList(before, all.size()).stream().filter(q -> q.injectedFault().isPresent()).count(),
        "the fault was injected once");
    counts.merge(o, 1, Integer::sum);
    switch (o) {
      case IDENTICAL -> {
        assertEquals(RunResult.Outcome.NOTHING_TO_DO, result.get().outcome());
        assertEquals(version, store.load(school).version());
        assertTrue(sink.received().isEmpty());
      }
      case TYPED_FAILURE -> {
        assertEquals(version, store.load(school).version(), "state saved after a failed read");
        assertTrue(sink.received().isEmpty(), "applied after a failed read");
        assertTrue(store.heldPlans(school).isEmpty(), "held after a failed read");
        assertTrue(store.unfinishedApplies(school).isEmpty());
        List<AuditEvent> events = store.audit(school, 10_000);
        assertFalse(
            events.subList(0, events.size() - audits).stream()
                .anyMatch(e -> e.type().equals("plan.computed")),
            "planned after a failed read");
      }
      case HONEST_PARTIAL -> {
        List<ChangeKind> harmful = new ArrayList<>();
        for (Change c : result.get().plan().changes()) {
          if (DESTRUCTIVE.contains(c.kind())) {
            harmful.add(c.kind());
          }
        }
        assertEquals(List.of(), harmful, "a partial read took something away");
        assertTrue(sink.received().stream().noneMatch(c -> DESTRUCTIVE.contains(c.kind())));
      }
    }
  }
}
