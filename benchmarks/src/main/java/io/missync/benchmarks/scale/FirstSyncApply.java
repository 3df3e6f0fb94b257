package io.missync.benchmarks.scale;

import io.missync.core.model.MisSnapshot;
import io.missync.core.plan.Plan;
import io.missync.core.spi.SyncStateStore;
import io.missync.core.state.TargetState;
import io.missync.core.store.InMemorySyncStateStore;
import io.missync.reconcile.Applier;
import io.missync.reconcile.ApplyReport;
import io.missync.reconcile.Planner;
import io.missync.reconcile.SyncPolicy;
import io.missync.store.jdbc.EmbeddedH2;
import io.missync.store.jdbc.JdbcSyncStateStore;
import io.missync.store.jdbc.TestH2;
import io.missync.store.jdbc.TestPostgres;
import io.missync.testkit.gen.InMemoryProductSink;
import io.missync.testkit.wonde.SimulatorConfig;
import io.missync.testkit.wonde.WondeSimulator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The first sync's apply of a 2,000-pupil school (every account, group, membership and guardian
 * link created) through the in-memory store, the JDBC store on embedded H2 (file mode) and the JDBC
 * store on PostgreSQL (a throwaway local cluster, fsync off, as store-jdbc's tests start it): wall
 * time of {@link Applier#apply}, one journal transaction per change. Rounds alternate the stores.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests}, then {@code java -cp
 * benchmarks/target/benchmarks.jar io.missync.benchmarks.scale.FirstSyncApply [students] [rounds]}
 * (defaults 2000 and 3). PostgreSQL server binaries must be installed (or MISSYNC_TEST_JDBC_URL
 * set).
 */
public final class FirstSyncApply {
  private FirstSyncApply() {}

  public static void main(String[] args) throws Exception {
    int students = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    MisSnapshot snapshot;
    try (WondeSimulator sim =
        WondeSimulator.start(
            SimulatorConfig.builder().seed(7).studentsPerSchool(students).build())) {
      snapshot = sim.snapshot(sim.world().school(0).id());
    }
    Planner planner = new Planner(SyncPolicy.defaults(), Fixtures.credentials(), Clock.systemUTC());
    Map<String, Supplier<SyncStateStore>> stores = new LinkedHashMap<>();
    stores.put("in-memory", InMemorySyncStateStore::new);
    stores.put(
        "H2 file",
        () -> JdbcSyncStateStore.builder(EmbeddedH2.dataSource(TestH2.newDirectory())).build());
    stores.put(
        "PostgreSQL",
        () ->
            JdbcSyncStateStore.builder(TestPostgres.dataSource())
                .schema(TestPostgres.newSchema())
                .build());
    Map<String, Long> total = new LinkedHashMap<>();
    int changes = 0;
    for (int r = 0; r < rounds; r++) {
      for (Map.Entry<String, Supplier<SyncStateStore>> e : stores.entrySet()) {
        SyncStateStore store = e.getValue().get();
        String school = snapshot.source().schoolId();
        Plan plan = planner.plan(TargetState.empty(school), snapshot);
        changes = plan.changes().size();
        Applier applier =
            new Applier(
                store,
                new InMemoryProductSink(),
                Fixtures.credentials(),
                Clock.systemUTC(),
                SyncPolicy.defaults().schoolZone());
        long t0 = System.nanoTime();
        ApplyReport report = applier.apply(plan);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (report.failed() > 0) {
          throw new IllegalStateException(e.getKey() + ": " + report.failed() + " changes failed");
        }
        total.merge(e.getKey(), ms, Long::sum);
        System.out.printf(Locale.ROOT, "round %d %-10s %6d ms%n", r + 1, e.getKey(), ms);
      }
    }
    long base = Math.max(1, total.getOrDefault("in-memory", 1L));
    for (Map.Entry<String, Long> e : total.entrySet()) {
      System.out.printf(
          Locale.ROOT,
          "%-10s %6d ms a first sync of %d changes (%d pupils), %.1fx in-memory%n",
          e.getKey(),
          e.getValue() / rounds,
          changes,
          students,
          (double) e.getValue() / base);
    }
  }
}
