package io.missync.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.credentials.CohortCredentialPolicy;
import io.missync.core.credentials.PasswordGenerators;
import io.missync.core.credentials.UsernameTemplate;
import io.missync.core.model.MisSnapshot;
import io.missync.core.plan.Plan;
import io.missync.core.spi.CredentialPolicy;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.SnapshotSource;
import io.missync.core.spi.SyncStateStore;
import io.missync.core.spi.TokenStore;
import io.missync.reconcile.Planner;
import io.missync.reconcile.RunResult;
import io.missync.reconcile.SyncPolicy;
import io.missync.reconcile.SyncRunner;
import io.missync.testkit.gen.InMemoryProductSink;
import io.missync.testkit.wonde.SchoolWorld;
import io.missync.testkit.wonde.SimulatorConfig;
import io.missync.testkit.wonde.WondeSimulator;
import io.missync.wonde.TokenProvider;
import io.missync.wonde.WondeClient;
import io.missync.wonde.snapshot.WondeSnapshotSource;
import io.missync.wonde.webhook.WebhookHandler;
import io.missync.wonde.webhook.WebhookResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Production wiring end to end on a real PostgreSQL: a {@code schoolApproved} webhook stores the
 * token encrypted; the Wonde client reads it through {@link TokenProvider#from}; the first sync
 * reads in full; after a "restart" (new store objects, a new runner) the next run reads
 * incrementally from the base kept in the database and plans exactly as a full read would.
 */
class JdbcRestartTest {
  private static final byte[] KEY = new byte[32];

  private static CredentialPolicy credentials() {
    return CohortCredentialPolicy.builder()
        .defaults(UsernameTemplate.initialSurname(), PasswordGenerators.randomText(10))
        .role(EntityType.STAFF, UsernameTemplate.email(), PasswordGenerators.randomText(14))
        .build();
  }

  /** The process's wiring: what a restart builds again from the same database. */
  private static final class Process {
    final SyncStateStore store;
    final TokenStore tokens;
    final WondeSnapshotSource wonde;
    final List<String> reads;
    final SyncRunner runner;

    Process(String schema, WondeSimulator sim, String school, Clock clock, List<String> reads) {
      this.store = JdbcSyncStateStore.builder(TestPostgres.dataSource()).schema(schema).build();
      this.tokens =
          JdbcTokenStore.builder(TestPostgres.dataSource()).schema(schema).key("k1", KEY).build();
      WondeClient client =
          WondeClient.builder().tokens(TokenProvider.from(tokens)).baseUri(sim.baseUri()).build();
      this.wonde = WondeSnapshotSource.builder(client, school).clock(clock).build();
      this.reads = reads;
      SnapshotSource counting =
          new SnapshotSource() {
            @Override
            public MisSnapshot fetchFull() {
              reads.add("full");
              return wonde.fetchFull();
            }

            @Override
            public MisSnapshot fetchIncremental(MisSnapshot previous) {
              reads.add("incremental");
              return wonde.fetchIncremental(previous);
            }
          };
      this.runner =
          SyncRunner.builder()
              .source(counting)
              .store(store)
              .sink(new InMemoryProductSink())
              .credentials(credentials())
              .clock(clock)
              .build();
    }
  }

  @Test
  void aRestartedProcessReadsIncrementallyFromTheStoredBaseAndPlansAsAFullRead() {
    String schema = TestPostgres.newSchema();
    try (WondeSimulator sim =
        WondeSimulator.start(SimulatorConfig.builder().seed(5).studentsPerSchool(60).build())) {
      SchoolWorld school = sim.world().school(0);
      Clock clock =
          new Clock() {
            @Override
            public ZoneId getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
              return this;
            }

            @Override
            public Instant instant() {
              return sim.world().clock().now();
            }
          };
      List<String> reads = new ArrayList<>();
      Process first = new Process(schema, sim, school.id(), clock, reads);
      WebhookResult approved =
          WebhookHandler.builder(first.store, first.tokens, "s3cret")
              .build()
              .handle(
                  ("{\"payload_type\":\"schoolApproved\",\"school_id\":\""
                          + school.id()
                          + "\",\"school_token\":\""
                          + school.token()
                          + "\"}")
                      .getBytes(StandardCharsets.UTF_8),
                  "s3cret");
      assertEquals(new WebhookResult.FullSyncDue(school.id()), approved);

      RunResult r1 = first.runner.run(school.id());
      if (r1.outcome() == RunResult.Outcome.HELD) {
        first.store.decide(school.id(), r1.plan().id(), HeldPlan.Decision.APPROVED, "tester");
        sim.world().clock().advance(Duration.ofMinutes(5));
        r1 = first.runner.run(school.id());
      }
      // the first sync reads in full (and, if its plan was held, so does the run after approval)
      assertTrue(reads.stream().allMatch("full"::equals), reads.toString());
      assertTrue(r1.applyReport().isPresent());

      sim.world().clock().advance(Duration.ofMinutes(5));
      school.addStudent(school.years().get(0));
      String mover = school.studentIds().get(3);
      List<String> forms = school.groupIds("REGISTRATION");
      String current = school.groupIdOf(mover, "REGISTRATION").orElse(forms.get(0));
      forms.stream()
          .filter(g -> !g.equals(current))
          .findFirst()
          .ifPresent(g -> school.moveGroup(mover, g));
      sim.world().clock().advance(Duration.ofMinutes(5));

      Process restarted = new Process(schema, sim, school.id(), clock, reads);
      MisSnapshot full = restarted.wonde.fetchFull();
      Plan expected =
          new Planner(SyncPolicy.defaults(), credentials(), clock)
              .plan(restarted.store.load(school.id()), full, false);
      int before = reads.size();
      RunResult r2 = restarted.runner.run(school.id());
      assertEquals(List.of("incremental"), reads.subList(before, reads.size()));
      assertEquals(expected.id(), r2.plan().id(), "the plan a full read gives");
      assertFalse(r2.plan().changes().isEmpty());
      assertEquals(RunResult.Outcome.APPLIED, r2.outcome());
    }
  }
}
