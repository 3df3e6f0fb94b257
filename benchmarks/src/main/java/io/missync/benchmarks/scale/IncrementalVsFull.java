package io.missync.benchmarks.scale;

import io.missync.core.store.InMemorySyncStateStore;
import io.missync.reconcile.GatePolicy;
import io.missync.reconcile.RunResult;
import io.missync.reconcile.SyncPolicy;
import io.missync.reconcile.SyncRunner;
import io.missync.testkit.gen.InMemoryProductSink;
import io.missync.wonde.snapshot.WondeSnapshotSource;
import java.time.Clock;
import java.util.Locale;

/**
 * An incremental sync of one changed pupil against a full sync of the same school, the Wonde
 * simulator in a separate process with 30 ms latency a request: wall time of {@code SyncRunner.run}
 * (read, plan, apply into an in-memory store and product) and requests sent. Rounds alternate
 * incremental and full, each after one pupil changed.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests}, then {@code java -cp
 * benchmarks/target/benchmarks.jar io.missync.benchmarks.scale.IncrementalVsFull [students]
 * [rounds]} (defaults 2000 and 3).
 */
public final class IncrementalVsFull {
  private IncrementalVsFull() {}

  public static void main(String[] args) throws Exception {
    int students = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    try (SimulatorProcess sim = new SimulatorProcess(1, students, 30)) {
      String school = sim.schools.get(0);
      Fixtures.Remembering source =
          new Fixtures.Remembering(
              WondeSnapshotSource.builder(Fixtures.client(sim.baseUri, sim.appToken), school)
                  .build());
      SyncRunner runner =
          SyncRunner.builder()
              .source(source)
              .store(new InMemorySyncStateStore())
              .sink(new InMemoryProductSink())
              .credentials(Fixtures.credentials())
              .policy(SyncPolicy.defaults())
              .gatePolicy(GatePolicy.defaults())
              .clock(Clock.systemUTC())
              .build();
      RunResult first = runner.run(school);
      System.out.printf(
          Locale.ROOT,
          "first sync: %s, %d changes%n",
          first.outcome(),
          first.plan().changes().size());
      long fullMs = 0;
      long incMs = 0;
      long fullReq = 0;
      long incReq = 0;
      for (int r = 0; r < rounds; r++) {
        sim.change();
        long q0 = sim.requests();
        long t0 = System.nanoTime();
        // the runner reads incrementally from the snapshot base its store keeps
        RunResult inc = runner.run(school);
        long t1 = System.nanoTime();
        long q1 = sim.requests();
        sim.change();
        runner.requestFullRead(school);
        long t2 = System.nanoTime();
        RunResult full = runner.run(school);
        long t3 = System.nanoTime();
        long q2 = sim.requests();
        incMs += (t1 - t0) / 1_000_000;
        fullMs += (t3 - t2) / 1_000_000;
        incReq += q1 - q0;
        fullReq += q2 - q1;
        System.out.printf(
            Locale.ROOT,
            "round %d: incremental %d ms, %d requests, %d changes; full %d ms, %d requests, %d"
                + " changes%n",
            r + 1,
            (t1 - t0) / 1_000_000,
            q1 - q0,
            inc.plan().changes().size(),
            (t3 - t2) / 1_000_000,
            q2 - q1,
            full.plan().changes().size());
      }
      System.out.printf(
          Locale.ROOT,
          "%d pupils, 30 ms latency, %d rounds: incremental %d ms / %d requests a run, full %d ms /"
              + " %d requests a run: full/incremental wall time %.1fx%n",
          students,
          rounds,
          incMs / rounds,
          incReq / rounds,
          fullMs / rounds,
          fullReq / rounds,
          (double) fullMs / Math.max(1, incMs));
    }
  }
}
