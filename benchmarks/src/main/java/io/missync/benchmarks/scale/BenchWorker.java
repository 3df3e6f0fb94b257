package io.missync.benchmarks.scale;

import io.missync.reconcile.GatePolicy;
import io.missync.reconcile.SyncPolicy;
import io.missync.reconcile.SyncRunner;
import io.missync.scheduler.SchoolScheduler;
import io.missync.store.jdbc.JdbcSyncStateStore;
import io.missync.store.jdbc.PooledTestDataSource;
import io.missync.testkit.gen.InMemoryProductSink;
import io.missync.wonde.WondeClient;
import io.missync.wonde.snapshot.WondeSnapshotSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A worker process for {@link SchoolsPerMinute}: a {@link SchoolScheduler} over the shared
 * PostgreSQL syncing schools from the simulator into a product of its own. Arguments: name, schema,
 * simulator URI, threads. Environment: {@code MISSYNC_TEST_JDBC_URL}, {@code _USER}, {@code
 * _PASSWORD}, {@code MISSYNC_BENCH_APP_TOKEN}.
 */
public final class BenchWorker {
  private BenchWorker() {}

  public static void main(String[] args) throws Exception {
    String name = args[0];
    String schema = args[1];
    URI sim = URI.create(args[2]);
    int threads = Integer.parseInt(args[3]);
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(System.getenv("MISSYNC_TEST_JDBC_URL"));
    pg.setUser(System.getenv("MISSYNC_TEST_JDBC_USER"));
    String password = System.getenv("MISSYNC_TEST_JDBC_PASSWORD");
    if (password != null && !password.isEmpty()) {
      pg.setPassword(password);
    }
    DataSource ds = new PooledTestDataSource(pg);
    JdbcSyncStateStore store = JdbcSyncStateStore.builder(ds).schema(schema).build();
    WondeClient client = Fixtures.client(sim, System.getenv("MISSYNC_BENCH_APP_TOKEN"));
    SchoolScheduler scheduler =
        SchoolScheduler.builder(
                ds,
                (school, kind) ->
                    SyncRunner.builder()
                        .source(WondeSnapshotSource.builder(client, school).build())
                        .store(store)
                        .sink(new InMemoryProductSink())
                        .credentials(Fixtures.credentials())
                        .policy(SyncPolicy.defaults())
                        .gatePolicy(GatePolicy.defaults())
                        .clock(Clock.systemUTC())
                        .leaseTtl(Duration.ofSeconds(30))
                        .build()
                        .run(school))
            .tableName(schema + ".missync_scheduled_tasks")
            .workerName(name)
            .threads(threads)
            .pollingInterval(Duration.ofMillis(200))
            .build();
    scheduler.start();
    System.out.println("READY");
    System.out.flush();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      while (in.readLine() != null) {
        // until the benchmark closes our input
      }
    }
    scheduler.close();
  }
}
