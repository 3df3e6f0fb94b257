package io.missync.scheduler;

import io.missync.core.EntityType;
import io.missync.core.credentials.CohortCredentialPolicy;
import io.missync.core.credentials.PasswordGenerators;
import io.missync.core.credentials.UsernameTemplate;
import io.missync.core.plan.ChangeKind;
import io.missync.core.spi.ChangeResult;
import io.missync.core.spi.ChangeSink;
import io.missync.core.spi.CredentialPolicy;
import io.missync.reconcile.GatePolicy;
import io.missync.reconcile.SyncPolicy;
import io.missync.reconcile.SyncRunner;
import io.missync.store.jdbc.JdbcSyncStateStore;
import io.missync.store.jdbc.PooledTestDataSource;
import io.missync.wonde.RetryPolicy;
import io.missync.wonde.TokenProvider;
import io.missync.wonde.WondeClient;
import io.missync.wonde.snapshot.WondeSnapshotSource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One full sync of one school in a process of its own, for the kill -9 tests: after the product has
 * applied change {@code killAt} (and before the store journals it) it prints {@code AT <killAt>}
 * and waits to be killed. Arguments: schema, simulator base URI, school id, killAt. Environment as
 * for {@link Worker}.
 */
public final class OneSync {
  /**
   * The gate these crash and scale-out tests run under: the defaults, with deactivations and
   * unlinks held only past 10% and 20 (unlinks 20% and 50), so a small school's term of leavers is
   * applied (and can be killed mid-apply) instead of held for review; the gate itself is tested in
   * reconcile.
   */
  static final GatePolicy TERM_GATE =
      GatePolicy.builder()
          .peopleThreshold(ChangeKind.DEACTIVATE_ACCOUNT, new GatePolicy.Threshold(10, 20))
          .threshold(
              EntityType.GUARDIAN_LINK,
              ChangeKind.UNLINK_GUARDIAN,
              new GatePolicy.Threshold(20, 50))
          .build();

  private OneSync() {}

  static CredentialPolicy credentials() {
    return CohortCredentialPolicy.builder()
        .defaults(UsernameTemplate.initialSurname(), PasswordGenerators.randomText(12))
        .role(EntityType.STAFF, UsernameTemplate.email(), PasswordGenerators.randomText(14))
        .build();
  }

  static DataSource dataSource() {
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(System.getenv("MISSYNC_TEST_JDBC_URL"));
    pg.setUser(System.getenv("MISSYNC_TEST_JDBC_USER"));
    String password = System.getenv("MISSYNC_TEST_JDBC_PASSWORD");
    if (password != null && !password.isEmpty()) {
      pg.setPassword(password);
    }
    return new PooledTestDataSource(pg);
  }

  static SyncRunner runner(
      DataSource ds, String schema, URI sim, String token, String school, ChangeSink sink) {
    WondeClient client =
        WondeClient.builder()
            .tokens(TokenProvider.multiSchool(token))
            .baseUri(sim)
            .retryPolicy(RetryPolicy.defaults())
            .requestTimeout(Duration.ofSeconds(20))
            .build();
    return SyncRunner.builder()
        .source(WondeSnapshotSource.builder(client, school).perPage(200).build())
        .store(JdbcSyncStateStore.builder(ds).schema(schema).build())
        .sink(sink)
        .credentials(credentials())
        .policy(SyncPolicy.defaults())
        .gatePolicy(OneSync.TERM_GATE)
        .clock(Clock.systemUTC())
        // a dead run's lease lapses soon, and the run that replaces it waits it out
        .leaseTtl(Duration.ofSeconds(5))
        .leaseWait(Duration.ofSeconds(30))
        .build();
  }

  public static void main(String[] args) throws Exception {
    String schema = args[0];
    URI sim = URI.create(args[1]);
    String school = args[2];
    int killAt = Integer.parseInt(args[3]);
    DataSource ds = dataSource();
    ChangeSink product = new ProductDb(ds, schema).sink(school, "victim");
    AtomicInteger n = new AtomicInteger();
    ChangeSink sink =
        (context, change) -> {
          ChangeResult r = product.apply(context, change);
          if (n.getAndIncrement() == killAt) {
            System.out.println("AT " + killAt);
            System.out.flush();
            try {
              Thread.sleep(600_000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return r;
        };
    SyncRunner runner =
        runner(ds, schema, sim, System.getenv("MISSYNC_TEST_APP_TOKEN"), school, sink);
    System.out.println("READY");
    System.out.flush();
    runner.requestFullRead(school);
    runner.run(school);
    System.out.println("DONE");
  }
}
