package io.missync.scheduler;

import io.missync.core.EntityType;
import io.missync.core.credentials.CohortCredentialPolicy;
import io.missync.core.credentials.PasswordGenerators;
import io.missync.core.credentials.UsernameTemplate;
import io.missync.reconcile.RunResult;
import io.missync.reconcile.SyncPolicy;
import io.missync.reconcile.SyncRunner;
import io.missync.store.jdbc.JdbcSyncStateStore;
import io.missync.store.jdbc.PooledTestDataSource;
import io.missync.wonde.RetryPolicy;
import io.missync.wonde.TokenProvider;
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
 * A worker process for the multi-process tests: one {@link SchoolScheduler} over the shared
 * PostgreSQL, syncing schools from the Wonde simulator into the shared {@link ProductDb}.
 *
 * <p>Arguments: worker name, schema, simulator base URI, threads, heartbeat ms. Environment: {@code
 * MISSYNC_TEST_JDBC_URL}, {@code _USER}, {@code _PASSWORD}; {@code MISSYNC_TEST_APP_TOKEN} (the
 * simulator's multi-school token; never printed). Prints {@code READY} once it is polling; stops
 * when its standard input closes, or when killed.
 */
public final class Worker {
  private Worker() {}

  public static void main(String[] args) throws Exception {
    String name = args[0];
    String schema = args[1];
    URI sim = URI.create(args[2]);
    int threads = Integer.parseInt(args[3]);
    long heartbeatMs = Long.parseLong(args[4]);

    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(System.getenv("MISSYNC_TEST_JDBC_URL"));
    pg.setUser(System.getenv("MISSYNC_TEST_JDBC_USER"));
    String password = System.getenv("MISSYNC_TEST_JDBC_PASSWORD");
    if (password != null && !password.isEmpty()) {
      pg.setPassword(password);
    }
    DataSource ds = new PooledTestDataSource(pg);
    JdbcSyncStateStore store = JdbcSyncStateStore.builder(ds).schema(schema).build();
    ProductDb product = new ProductDb(ds, schema);
    WondeClient client =
        WondeClient.builder()
            .tokens(TokenProvider.multiSchool(System.getenv("MISSYNC_TEST_APP_TOKEN")))
            .baseUri(sim)
            .retryPolicy(RetryPolicy.defaults())
            .requestTimeout(Duration.ofSeconds(20))
            .build();
    CohortCredentialPolicy credentials =
        CohortCredentialPolicy.builder()
            .defaults(UsernameTemplate.initialSurname(), PasswordGenerators.randomText(12))
            .role(EntityType.STAFF, UsernameTemplate.email(), PasswordGenerators.randomText(14))
            .build();
    SchoolJob job =
        (school, kind) -> {
          SyncRunner runner =
              SyncRunner.builder()
                  .source(WondeSnapshotSource.builder(client, school).perPage(200).build())
                  .store(store)
                  .sink(product.sink(school, name))
                  .credentials(credentials)
                  .policy(SyncPolicy.defaults())
                  .gatePolicy(OneSync.TERM_GATE)
                  .clock(Clock.systemUTC())
                  // a dead run's lease lapses soon, and the run that replaces it waits it out
                  .leaseTtl(Duration.ofSeconds(5))
                  .leaseWait(Duration.ofSeconds(30))
                  .build();
          long run;
          try {
            run = product.runStarted(school, name, kind);
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getSQLState());
          }
          RunResult r;
          String outcome = "FAILED";
          try {
            if (kind == RunKind.FULL) {
              runner.requestFullRead(school);
            }
            r = runner.run(school);
            outcome = r.outcome().name();
          } finally {
            try {
              product.runEnded(run, outcome);
            } catch (java.sql.SQLException e) {
              System.err.println("run log: " + e.getSQLState());
            }
          }
          return r;
        };
    SchoolScheduler scheduler =
        SchoolScheduler.builder(ds, job)
            .tableName(schema + ".missync_scheduled_tasks")
            .workerName(name)
            .threads(threads)
            .pollingInterval(Duration.ofMillis(200))
            .heartbeat(Duration.ofMillis(heartbeatMs))
            .missedHeartbeats(4)
            .retryAfter(Duration.ofSeconds(1))
            .triggerRetry(Duration.ofMillis(300))
            .shutdownMaxWait(Duration.ofSeconds(5))
            .build();
    scheduler.start();
    System.out.println("READY");
    System.out.flush();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      while (in.readLine() != null) {
        // runs until the test closes our standard input
      }
    }
    scheduler.close();
  }
}
