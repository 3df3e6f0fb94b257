package io.missync.testkit.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.credentials.CohortCredentialPolicy;
import io.missync.core.credentials.PasswordGenerators;
import io.missync.core.credentials.UsernameTemplate;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.Plan;
import io.missync.core.spi.ChangeResult;
import io.missync.core.spi.ChangeSink;
import io.missync.core.spi.CredentialPolicy;
import io.missync.core.state.Account;
import io.missync.core.store.InMemorySyncStateStore;
import io.missync.reconcile.Applier;
import io.missync.reconcile.Planner;
import io.missync.reconcile.SyncPolicy;
import io.missync.testkit.gen.InMemoryProductSink;
import io.missync.testkit.wonde.SchoolWorld;
import io.missync.testkit.wonde.SimulatorConfig;
import io.missync.testkit.wonde.World;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The apply fault matrix: a realistic plan (leavers, joiners, a staff leaver, a rename, a class
 * move, a guardian removed) whose sink fails at change index i, for every i, once by answering
 * {@code Failed} and once by throwing; then a rerun. Every case must converge (a third plan is
 * empty), with no account created twice and no leaver left active, in the product and the store. By
 * default a fixed-seed sample of {@value #SAMPLE} cases runs; {@code -Dmissync.faultMatrix=full}
 * (the {@code fault-matrix} profile) runs every index both ways.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SinkFailureMatrixTest {
  private static final String SCHOOL = "school-1";
  static final int SAMPLE = 24;

  private MisSnapshot before;
  private MisSnapshot after;
  private Clock clock;
  private List<PersonRef> leavers;
  private int changes;
  private final AtomicInteger tried = new AtomicInteger();
  private final AtomicInteger survived = new AtomicInteger();

  @BeforeAll
  void world() {
    World w =
        World.generate(
            SimulatorConfig.builder().seed(91).studentsPerSchool(30).staffPerSchool(6).build());
    SchoolWorld s = w.school(0);
    before = s.toSnapshot();
    Random r = new Random(91);
    List<String> students = new ArrayList<>(s.studentIds());
    Collections.shuffle(students, r);
    leavers = new ArrayList<>();
    for (String id : students.subList(0, 3)) {
      s.studentLeaves(id);
      leavers.add(PersonRef.student(id));
    }
    String staffLeaver = s.employeeIds().get(0);
    s.employeeLeaves(staffLeaver);
    leavers.add(new PersonRef(EntityType.STAFF, staffLeaver));
    s.addStudent(s.yearOf(students.get(5)));
    s.addStudent(s.yearOf(students.get(6)));
    s.rename(students.get(7), "Alexandra", "Renamed");
    List<String> guardians = s.guardianIdsOf(students.get(8));
    if (!guardians.isEmpty()) {
      s.removeGuardian(students.get(8), guardians.get(0));
    }
    List<String> classes = s.classIdsOf(students.get(9));
    List<String> all = s.classIds();
    if (!classes.isEmpty()) {
      String to = all.stream().filter(c -> !classes.contains(c)).findFirst().orElseThrow();
      s.moveClass(students.get(9), classes.get(0), to);
    }
    w.clock().advance(Duration.ofDays(1));
    after = s.toSnapshot();
    clock = Clock.fixed(w.clock().now(), ZoneOffset.UTC);
    Plan reference = new Fixture(-1, false).plan();
    changes = reference.changes().size();
    long deactivations =
        reference.changes().stream().filter(c -> c.kind() == ChangeKind.DEACTIVATE_ACCOUNT).count();
    assertTrue(deactivations >= leavers.size(), "the plan deactivates the leavers: " + reference);
    assertTrue(
        reference.changes().stream().anyMatch(c -> c.kind() == ChangeKind.CREATE_ACCOUNT),
        "the plan creates the joiners");
  }

  @AfterAll
  void report() {
    System.out.printf(
        Locale.ROOT,
        "apply fault matrix: plan of %d changes, %d cases tried, %d converged with 0 duplicates"
            + " and 0 lost deactivations%n",
        changes,
        tried.get(),
        survived.get());
  }

  private static CredentialPolicy credentials() {
    return CohortCredentialPolicy.builder()
        .defaults(UsernameTemplate.initialSurname(), PasswordGenerators.randomText(10))
        .role(EntityType.STAFF, UsernameTemplate.email(), PasswordGenerators.randomText(14))
        .build();
  }

  /** A product and store that synced {@code before}, with a sink failing at one index. */
  private final class Fixture {
    final InMemorySyncStateStore store = new InMemorySyncStateStore(clock);
    final InMemoryProductSink product = new InMemoryProductSink();
    final AtomicInteger calls = new AtomicInteger();
    final Planner planner = new Planner(SyncPolicy.defaults(), credentials(), clock);
    final int failAt;
    final boolean throwing;
    boolean armed;

    Fixture(int failAt, boolean throwing) {
      this.failAt = failAt;
      this.throwing = throwing;
      applier().apply(planner.plan(store.load(SCHOOL), before));
      assertTrue(planner.plan(store.load(SCHOOL), before).changes().isEmpty());
    }

    Applier applier() {
      ChangeSink sink =
          (context, change) -> {
            if (armed && calls.getAndIncrement() == failAt) {
              if (throwing) {
                throw new IllegalStateException("product down");
              }
              return new ChangeResult.Failed("product down", true);
            }
            return product.apply(context, change);
          };
      return new Applier(store, sink, credentials(), clock, SyncPolicy.defaults().schoolZone());
    }

    Plan plan() {
      return planner.plan(store.load(SCHOOL), after);
    }
  }

  @TestFactory
  Stream<DynamicTest> aSinkFailureAtEachChangeThenARerunConverges() {
    List<DynamicTest> cases = new ArrayList<>();
    for (boolean throwing : new boolean[] {false, true}) {
      for (int i = 0; i < changes; i++) {
        int at = i;
        cases.add(
            DynamicTest.dynamicTest(
                (throwing ? "sink throws" : "sink fails") + " at change " + i,
                () -> run(at, throwing)));
      }
    }
    if (!"full".equals(System.getProperty("missync.faultMatrix"))) {
      Collections.shuffle(cases, new Random(2026));
      cases = cases.subList(0, Math.min(SAMPLE, cases.size()));
    }
    return cases.stream();
  }

  private void run(int at, boolean throwing) {
    tried.incrementAndGet();
    Fixture f = new Fixture(at, throwing);
    Plan p = f.plan();
    assertEquals(changes, p.changes().size());
    f.armed = true;
    f.applier().apply(p);
    f.armed = false;
    assertTrue(f.calls.get() > at, "the failure was injected");
    Plan rerun = f.plan();
    assertFalse(rerun.changes().isEmpty(), "the failed change is planned again");
    f.applier().apply(rerun);
    Plan third = f.plan();
    assertEquals(List.of(), third.changes(), "converged");

    Map<PersonRef, Integer> perPerson = new HashMap<>();
    for (InMemoryProductSink.ProductAccount a : f.product.accounts().values()) {
      perPerson.merge(a.person(), 1, Integer::sum);
    }
    perPerson.forEach((person, n) -> assertEquals(1, n, "accounts for " + person.type()));
    for (PersonRef leaver : leavers) {
      assertFalse(
          f.product.accountOf(leaver).orElseThrow().active(), "a leaver active in the product");
      Account stored = f.store.load(SCHOOL).accountFor(leaver).orElseThrow();
      assertFalse(stored.active(), "a leaver active in the store");
    }
    assertEquals(f.product.accounts().size(), f.store.load(SCHOOL).accounts().size());
    survived.incrementAndGet();
  }
}
