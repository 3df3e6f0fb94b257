package io.missync.benchmarks.scale;

import io.missync.scheduler.SchoolSchedule;
import io.missync.scheduler.SchoolScheduler;
import io.missync.store.jdbc.JdbcSyncStateStore;
import io.missync.store.jdbc.TestPostgres;
import io.missync.testkit.wonde.SchoolWorld;
import io.missync.testkit.wonde.SimulatorConfig;
import io.missync.testkit.wonde.WondeSimulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Schools synced per minute by one worker process and by two, over one PostgreSQL, when the work is
 * latency-bound (the simulator answers each request after 30 ms). Each run registers the same
 * schools in a fresh schema once the workers are polling, and times until every school's first sync
 * is applied.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests}, then {@code java -cp
 * benchmarks/target/benchmarks.jar io.missync.benchmarks.scale.SchoolsPerMinute [schools]
 * [students] [threads]} (defaults 24, 60 and 2).
 */
public final class SchoolsPerMinute {
  private SchoolsPerMinute() {}

  public static void main(String[] args) throws Exception {
    int schools = args.length > 0 ? Integer.parseInt(args[0]) : 24;
    int students = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    try (WondeSimulator sim =
        WondeSimulator.start(
            SimulatorConfig.builder()
                .seed(11)
                .schools(schools)
                .studentsPerSchool(students)
                .staffPerSchool(8)
                .latencyMs(30)
                .threads(32)
                .build())) {
      double one = run(sim, 1, threads);
      double two = run(sim, 2, threads);
      System.out.printf(
          Locale.ROOT,
          "%d schools of %d pupils, 30 ms latency, %d threads a worker: one worker %.1f schools/min,"
              + " two workers %.1f schools/min, %.2fx%n",
          schools,
          students,
          threads,
          one,
          two,
          two / one);
    }
  }

  private static double run(WondeSimulator sim, int workers, int threads) throws Exception {
    DataSource ds = TestPostgres.dataSource();
    String schema = TestPostgres.newSchema();
    JdbcSyncStateStore store = JdbcSyncStateStore.builder(ds).schema(schema).build();
    SchoolScheduler registrar =
        SchoolScheduler.builder(
                ds,
                (s, k) -> {
                  throw new IllegalStateException("never runs here");
                })
            .tableName(schema + ".missync_scheduled_tasks")
            .build();
    List<Process> procs = new ArrayList<>();
    try {
      for (int i = 0; i < workers; i++) {
        procs.add(start("w" + i, schema, sim, threads));
      }
      long t0 = System.nanoTime();
      for (SchoolWorld w : sim.world().schools()) {
        registrar.register(w.id(), new SchoolSchedule(Duration.ofHours(2), Duration.ofHours(1)));
      }
      List<String> pending = new ArrayList<>();
      sim.world().schools().forEach(w -> pending.add(w.id()));
      while (!pending.isEmpty()) {
        pending.removeIf(
            s -> store.audit(s, 50).stream().anyMatch(e -> e.type().equals("plan.applied")));
        Thread.sleep(50);
        if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(20)) {
          throw new IllegalStateException(pending.size() + " schools never synced");
        }
      }
      double minutes = (System.nanoTime() - t0) / 60e9;
      double rate = sim.world().schools().size() / minutes;
      System.out.printf(
          Locale.ROOT,
          "%d worker(s): %d schools in %.1f s, %.1f schools/min%n",
          workers,
          sim.world().schools().size(),
          minutes * 60,
          rate);
      return rate;
    } finally {
      for (Process p : procs) {
        p.getOutputStream().close();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
  }

  private static Process start(String name, String schema, WondeSimulator sim, int threads)
      throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx512m",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-cp",
            System.getProperty("java.class.path"),
            BenchWorker.class.getName(),
            name,
            schema,
            sim.baseUri().toString(),
            Integer.toString(threads));
    TestPostgres.Address a = TestPostgres.address();
    pb.environment().put("MISSYNC_TEST_JDBC_URL", a.url());
    pb.environment().put("MISSYNC_TEST_JDBC_USER", a.user());
    pb.environment().put("MISSYNC_TEST_JDBC_PASSWORD", a.password());
    pb.environment().put("MISSYNC_BENCH_APP_TOKEN", sim.world().appToken());
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.equals("READY")) {
      // startup output
    }
    if (line == null) {
      throw new IllegalStateException("worker " + name + " ended before READY");
    }
    return p;
  }
}
