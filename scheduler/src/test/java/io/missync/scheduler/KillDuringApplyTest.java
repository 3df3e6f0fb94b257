package io.missync.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.Plan;
import io.missync.reconcile.Planner;
import io.missync.reconcile.RunResult;
import io.missync.reconcile.SyncPolicy;
import io.missync.reconcile.SyncRunner;
import io.missync.store.jdbc.JdbcSyncStateStore;
import io.missync.store.jdbc.TestPostgres;
import io.missync.testkit.wonde.SchoolWorld;
import io.missync.testkit.wonde.SimulatorConfig;
import io.missync.testkit.wonde.WondeSimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The apply fault matrix with a real crash: a process applying a plan over the JDBC store on
 * PostgreSQL is killed with SIGKILL right after the product applied change k and before the store
 * journalled it (the worst moment), for k at the start, a quarter, half way and the end of the
 * plan. A rerun then converges with no duplicate account or group and no lost deactivation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillDuringApplyTest {
  private final AtomicInteger tried = new AtomicInteger();
  private final AtomicInteger survived = new AtomicInteger();

  @AfterAll
  void report() {
    System.out.printf(
        Locale.ROOT,
        "kill -9 matrix: %d cases tried, %d converged with 0 duplicates and 0 lost deactivations%n",
        tried.get(),
        survived.get());
  }

  /** The first change and half way by default; also a quarter and the last with the full matrix. */
  static IntStream quarters() {
    return "full".equals(System.getProperty("missync.faultMatrix"))
        ? IntStream.of(0, 1, 2, 4)
        : IntStream.of(0, 2);
  }

  /** Where in the plan to kill, in quarters: 0 = the first change, 4 = the last. */
  @ParameterizedTest(name = "killed after change {0}/4 of the plan")
  @MethodSource("quarters")
  void aRerunAfterSigkillMidApplyConverges(int quarter) throws Exception {
    tried.incrementAndGet();
    DataSource ds = TestPostgres.dataSource();
    String schema = TestPostgres.newSchema();
    JdbcSyncStateStore store = JdbcSyncStateStore.builder(ds).schema(schema).build();
    ProductDb product = new ProductDb(ds, schema);
    product.create();
    try (WondeSimulator sim =
        WondeSimulator.start(
            SimulatorConfig.builder()
                .seed(300 + quarter)
                .schools(1)
                .studentsPerSchool(20)
                .staffPerSchool(4)
                // the world's clock starts at the wall clock, the runners' clock
                .startTime(java.time.Instant.now())
                .build())) {
      SchoolWorld w = sim.world().school(0);
      String school = w.id();
      String token = sim.world().appToken();
      SyncRunner inProcess =
          OneSync.runner(ds, schema, sim.baseUri(), token, school, product.sink(school, "here"));
      assertEquals(RunResult.Outcome.APPLIED, inProcess.run(school).outcome());

      List<String> leavers = new ArrayList<>(w.studentIds().subList(0, 3));
      leavers.forEach(w::studentLeaves);
      String staffLeaver = w.employeeIds().get(0);
      w.employeeLeaves(staffLeaver);
      w.addStudent(w.yearOf(w.studentIds().get(0)));
      w.addStudent(w.yearOf(w.studentIds().get(1)));
      Plan plan =
          new Planner(SyncPolicy.defaults(), OneSync.credentials(), Clock.systemUTC())
              .plan(store.load(school), sim.snapshot(school));
      int n = plan.changes().size();
      assertTrue(
          plan.changes().stream().filter(c -> c.kind() == ChangeKind.DEACTIVATE_ACCOUNT).count()
              >= 4,
          "the plan deactivates the leavers");
      int killAt = Math.min(n - 1, n * quarter / 4);

      try (WorkerProcess victim =
          new WorkerProcess(
              "victim",
              OneSync.class.getName(),
              List.of(schema, sim.baseUri().toString(), school, Integer.toString(killAt)),
              token)) {
        assertTrue(
            victim.awaitLine("AT " + killAt, Duration.ofMinutes(2)),
            "the victim reached change " + killAt + ":\n" + victim.output());
        victim.kill9();
        assertFalse(victim.isAlive());
      }
      assertEquals(1, store.unfinishedApplies(school).size(), "the killed apply is unfinished");
      assertEquals(
          killAt, store.unfinishedApplies(school).get(0).outcomes().size(), "journalled before");

      inProcess.requestFullRead(school);
      RunResult rerun = inProcess.run(school);
      assertEquals(RunResult.Outcome.APPLIED, rerun.outcome());
      assertEquals(RunResult.Outcome.NOTHING_TO_DO, inProcess.run(school).outcome(), "converged");
      assertTrue(store.unfinishedApplies(school).isEmpty());

      List<ProductDb.ProductAccount> accounts = product.accounts();
      Map<String, Long> perPerson =
          accounts.stream()
              .collect(
                  Collectors.groupingBy(
                      a -> a.personType() + ":" + a.personId(), Collectors.counting()));
      assertTrue(perPerson.values().stream().allMatch(c -> c == 1), "duplicates: " + perPerson);
      assertTrue(product.groupsPerSource().values().stream().allMatch(c -> c == 1));
      for (String leaver : leavers) {
        assertFalse(
            accounts.stream()
                .filter(a -> a.personId().equals(leaver))
                .findFirst()
                .orElseThrow()
                .active(),
            "a leaver is active");
      }
      assertFalse(
          accounts.stream()
              .filter(
                  a ->
                      a.personType().equals(EntityType.STAFF.name())
                          && a.personId().equals(staffLeaver))
              .findFirst()
              .orElseThrow()
              .active(),
          "the staff leaver is active");
      assertEquals(accounts.size(), store.load(school).accounts().size());
      survived.incrementAndGet();
    }
  }
}
