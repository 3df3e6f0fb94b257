package io.missync.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.missync.store.jdbc.JdbcSyncStateStore;
import io.missync.store.jdbc.TestPostgres;
import io.missync.testkit.wonde.SchoolWorld;
import io.missync.testkit.wonde.SimulatorConfig;
import io.missync.testkit.wonde.WondeSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two worker JVMs over one PostgreSQL and 50 simulated schools: every school is synced, never by
 * two workers at once; then one worker is killed with SIGKILL in the middle of an apply, and the
 * other finishes every school with no duplicate account and no lost deactivation.
 */
class TwoWorkerProcessesTest {
  private static final int SCHOOLS = 50;
  private static final int THREADS = 4;

  /** What the runs look like so far, for a timeout's message. */
  private static Callable<String> status = () -> "";

  @Test
  void fiftySchoolsAcrossTwoWorkersAndOneKilledMidApply() throws Exception {
    DataSource ds = TestPostgres.dataSource();
    String schema = TestPostgres.newSchema();
    JdbcSyncStateStore store = JdbcSyncStateStore.builder(ds).schema(schema).build();
    ProductDb product = new ProductDb(ds, schema);
    product.create();
    status =
        () ->
            product.runs().stream()
                .collect(
                    Collectors.groupingBy(
                        r -> r.worker() + ":" + r.outcome(), Collectors.counting()))
                .toString();
    SimulatorConfig config =
        SimulatorConfig.builder()
            .seed(4242)
            .schools(SCHOOLS)
            .studentsPerSchool(10)
            .staffPerSchool(2)
            // the world's clock starts at the wall clock, the workers' clock
            .startTime(java.time.Instant.now())
            .build();
    try (WondeSimulator sim = WondeSimulator.start(config)) {
      SchoolScheduler registrar =
          SchoolScheduler.builder(
                  ds,
                  (school, kind) -> {
                    throw new IllegalStateException("the test process never runs schools");
                  })
              .tableName(schema + ".missync_scheduled_tasks")
              .build();
      List<String> schools = new ArrayList<>();
      for (SchoolWorld w : sim.world().schools()) {
        schools.add(w.id());
        assertTrue(
            registrar.register(
                w.id(), new SchoolSchedule(Duration.ofHours(2), Duration.ofHours(1))));
      }
      assertFalse(registrar.register(schools.get(0), SchoolSchedule.defaults()), "registered once");
      assertEquals(Set.copyOf(schools), Set.copyOf(registrar.schools()));
      String token = sim.world().appToken();
      long phase1 = System.currentTimeMillis();

      try (WorkerProcess a = new WorkerProcess("A", schema, sim.baseUri(), token, THREADS);
          WorkerProcess b = new WorkerProcess("B", schema, sim.baseUri(), token, THREADS)) {
        // ---- phase 1: every school synced once, spread over both workers
        await(
            "every school synced",
            Duration.ofMinutes(3),
            () -> doneSince(product, phase1).containsAll(schools),
            a,
            b);
        List<ProductDb.Run> runs = product.runs();
        assertNoOverlap(runs, Long.MAX_VALUE);
        Set<String> workers = runs.stream().map(ProductDb.Run::worker).collect(Collectors.toSet());
        assertEquals(Set.of("A", "B"), workers, "both workers ran schools");
        assertOneActiveAccountPerCurrentStudent(product, sim, schools);

        // ---- phase 2: leavers and joiners everywhere, a webhook for every school, A is slow
        Map<String, List<String>> leavers = new HashMap<>();
        for (SchoolWorld w : sim.world().schools()) {
          List<String> gone = new ArrayList<>(w.studentIds().subList(0, 2));
          gone.forEach(w::studentLeaves);
          leavers.put(w.id(), gone);
          w.addStudent(w.yearOf(w.studentIds().get(0)));
        }
        product.control("delay:A", 150);
        long triggered = System.currentTimeMillis();
        for (String s : schools) {
          assertEquals(SchoolScheduler.Trigger.DUE_NOW, registrar.runNow(s, RunKind.FULL));
        }
        String[] victim = new String[1];
        await(
            "worker A in the middle of an apply",
            Duration.ofMinutes(2),
            () -> {
              victim[0] = midApply(product, "A", triggered);
              return victim[0] != null;
            },
            a,
            b);
        a.kill9();
        long killed = System.currentTimeMillis();
        assertFalse(a.isAlive());
        await(
            "worker B finishing every school",
            Duration.ofMinutes(4),
            () -> doneSince(product, triggered).containsAll(schools),
            b);

        runs = product.runs();
        assertNoOverlap(runs, killed);
        assertTrue(
            runs.stream()
                .anyMatch(
                    r ->
                        r.school().equals(victim[0])
                            && r.worker().equals("B")
                            && r.started() > killed
                            && r.ended() > 0),
            "B ran the school A died on");

        // ---- the product: no duplicate, no lost deactivation, everyone current has access
        List<ProductDb.ProductAccount> accounts = product.accounts();
        Map<String, Long> perPerson =
            accounts.stream()
                .collect(
                    Collectors.groupingBy(
                        p -> p.school() + "/" + p.personType() + ":" + p.personId(),
                        Collectors.counting()));
        List<String> duplicates =
            perPerson.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey)
                .toList();
        assertEquals(List.of(), duplicates, "accounts created twice");
        assertTrue(
            product.groupsPerSource().values().stream().allMatch(n -> n == 1),
            "groups created twice");
        for (Map.Entry<String, List<String>> e : leavers.entrySet()) {
          for (String leaver : e.getValue()) {
            List<ProductDb.ProductAccount> theirs =
                accounts.stream()
                    .filter(p -> p.school().equals(e.getKey()) && p.personId().equals(leaver))
                    .toList();
            assertEquals(1, theirs.size(), "leaver's account in " + e.getKey());
            assertFalse(theirs.get(0).active(), "a leaver still active in " + e.getKey());
          }
        }
        assertOneActiveAccountPerCurrentStudent(product, sim, schools);
        // the store agrees with the product school by school
        for (String s : schools) {
          long inProduct = accounts.stream().filter(p -> p.school().equals(s)).count();
          assertEquals(inProduct, store.load(s).accounts().size(), "store and product of " + s);
          assertTrue(store.unfinishedApplies(s).isEmpty(), "an apply left open in " + s);
        }
        // a change in flight when A died may reach the sink again (the contract allows it,
        // the sink is idempotent); nothing else is repeated
        Map<String, Long> creates =
            product.calls().stream()
                .filter(c -> c.kind().equals("CREATE_ACCOUNT"))
                .collect(
                    Collectors.groupingBy(
                        c -> c.school() + "/" + c.subject(), Collectors.counting()));
        long repeated = creates.values().stream().filter(n -> n > 1).count();
        assertTrue(repeated <= THREADS, repeated + " creates reached the sink more than once");
        System.out.printf(
            Locale.ROOT,
            "two workers: %d runs, %d schools, A killed during %s; %d create(s) re-sent after the"
                + " kill%n",
            runs.size(),
            schools.size(),
            victim[0],
            repeated);
      }
    }
  }

  /**
   * Schools with a run started at or after {@code since} that ended applied or with nothing to do.
   */
  private static Set<String> doneSince(ProductDb product, long since) throws Exception {
    Set<String> done = new HashSet<>();
    for (ProductDb.Run r : product.runs()) {
      if (r.started() >= since
          && r.ended() > 0
          && (r.outcome().equals("APPLIED") || r.outcome().equals("NOTHING_TO_DO"))) {
        done.add(r.school());
      }
    }
    return done;
  }

  /** A school {@code worker} is applying now (a run open, two or more sink calls made), or null. */
  private static String midApply(ProductDb product, String worker, long since) throws Exception {
    Set<String> open = new HashSet<>();
    for (ProductDb.Run r : product.runs()) {
      if (r.worker().equals(worker) && r.started() >= since && r.ended() < 0) {
        open.add(r.school());
      }
    }
    Map<String, Long> calls =
        product.calls().stream()
            .filter(c -> c.worker().equals(worker) && c.at() >= since && open.contains(c.school()))
            .collect(Collectors.groupingBy(ProductDb.Call::school, Collectors.counting()));
    return calls.entrySet().stream()
        .filter(e -> e.getValue() >= 2)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }

  /**
   * No two runs of one school overlap in time; a run that never ended lasted until {@code death}.
   */
  private static void assertNoOverlap(List<ProductDb.Run> runs, long death) {
    Map<String, List<ProductDb.Run>> bySchool =
        runs.stream().collect(Collectors.groupingBy(ProductDb.Run::school));
    for (Map.Entry<String, List<ProductDb.Run>> e : bySchool.entrySet()) {
      List<ProductDb.Run> rs = e.getValue();
      for (int i = 0; i < rs.size(); i++) {
        for (int j = i + 1; j < rs.size(); j++) {
          ProductDb.Run x = rs.get(i);
          ProductDb.Run y = rs.get(j);
          long xEnd = x.ended() < 0 ? death : x.ended();
          long yEnd = y.ended() < 0 ? death : y.ended();
          if (x.started() < yEnd && y.started() < xEnd) {
            fail(
                "school "
                    + e.getKey()
                    + " run by "
                    + x.worker()
                    + " and "
                    + y.worker()
                    + " at once");
          }
        }
      }
    }
  }

  private static void assertOneActiveAccountPerCurrentStudent(
      ProductDb product, WondeSimulator sim, List<String> schools) throws Exception {
    List<ProductDb.ProductAccount> accounts = product.accounts();
    for (String s : schools) {
      SchoolWorld w = sim.world().school(s);
      Set<String> active =
          accounts.stream()
              .filter(p -> p.school().equals(s) && p.personType().equals("STUDENT") && p.active())
              .map(ProductDb.ProductAccount::personId)
              .collect(Collectors.toSet());
      assertEquals(Set.copyOf(w.studentIds()), active, "active pupils of " + s);
    }
  }

  private static void await(
      String what, Duration limit, Callable<Boolean> done, WorkerProcess... ws) throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    while (!done.call()) {
      for (WorkerProcess w : ws) {
        if (!w.isAlive()) {
          fail("worker " + w.name + " died while waiting for " + what + ":\n" + w.output());
        }
      }
      if (System.nanoTime() > end) {
        StringBuilder out = new StringBuilder();
        for (WorkerProcess w : ws) {
          out.append("\n--- worker ").append(w.name).append(":\n").append(w.output());
        }
        fail("timed out waiting for " + what + "; runs so far: " + status.call() + out);
      }
      Thread.sleep(100);
    }
  }
}
