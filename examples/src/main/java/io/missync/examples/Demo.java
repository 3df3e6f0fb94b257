package io.missync.examples;

import io.missync.core.EntityType;
import io.missync.core.credentials.CohortCredentialPolicy;
import io.missync.core.credentials.PasswordGenerators;
import io.missync.core.credentials.UsernameTemplate;
import io.missync.core.plan.Change;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.HoldReason;
import io.missync.core.plan.Plan;
import io.missync.core.spi.CredentialPolicy;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.SnapshotUnavailableException;
import io.missync.core.store.InMemorySyncStateStore;
import io.missync.examples.product.SampleProduct;
import io.missync.examples.product.SampleProductSink;
import io.missync.reconcile.GatePolicy;
import io.missync.reconcile.RunResult;
import io.missync.reconcile.SyncPolicy;
import io.missync.reconcile.SyncRunner;
import io.missync.testkit.wonde.Fault;
import io.missync.testkit.wonde.GuardianRelationship;
import io.missync.testkit.wonde.SchoolWorld;
import io.missync.testkit.wonde.SimulatorConfig;
import io.missync.testkit.wonde.WondeSimulator;
import io.missync.wonde.RetryPolicy;
import io.missync.wonde.TokenProvider;
import io.missync.wonde.WondeClient;
import io.missync.wonde.snapshot.WondeSnapshotSource;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * missync end to end on embedded defaults: a Wonde simulator serving a generated secondary school
 * over real HTTP, the typed Wonde client and snapshot adapter, the planner, the safety gate, the
 * applier, an in-memory state store, and a sample product with its adapter.
 *
 * <p>It plays a school year: the first sync; term-time changes (leavers, a new starter, a form
 * move, a guardian change); an outage (the students endpoint fails: nothing changes); an MIS
 * migration (held, approved, re-keyed, nobody recreated); and the year-end rollover. It checks the
 * safeguarding rules as it goes and exits non-zero if one is broken.
 *
 * <p>Run: {@code mvn -B -q -DskipTests package && java -jar examples/target/missync-demo.jar
 * [pupils]}
 */
public final class Demo {
  private final PrintStream out;
  private Runnable tick = () -> {};
  private final int students;
  private final List<String> failures = new ArrayList<>();

  /**
   * A demo printing to {@code out}.
   *
   * @param out where the story goes
   * @param students pupils in the generated school
   */
  public Demo(PrintStream out, int students) {
    this.out = out;
    this.students = students;
  }

  public static void main(String[] args) {
    int students = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    Demo demo = new Demo(System.out, students);
    int code = demo.run().isEmpty() ? 0 : 1;
    System.exit(code);
  }

  /** Plays the year; returns the safeguarding checks that failed (empty when all held). */
  public List<String> run() {
    SimulatorConfig config =
        SimulatorConfig.builder()
            .seed(2026)
            .schools(1)
            .studentsPerSchool(students)
            .staffPerSchool(30)
            .build();
    try (WondeSimulator sim = WondeSimulator.start(config)) {
      SchoolWorld school = sim.world().school(0);
      // the source stamps each read with the simulator's clock, the one that stamps the school's
      // changes, so incremental reads ask for "changed since" on the school's own time line; the
      // clock moves on at each step of the year
      Clock worldClock =
          new Clock() {
            @Override
            public java.time.ZoneId getZone() {
              return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
              return this;
            }

            @Override
            public java.time.Instant instant() {
              return sim.world().clock().now();
            }
          };
      tick = () -> sim.world().clock().advance(Duration.ofMinutes(5));
      out.printf(
          Locale.ROOT,
          "Wonde simulator at %s, school %s (%s)%n",
          sim.baseUri(),
          school.id(),
          school.mis());

      WondeClient client =
          WondeClient.builder()
              .tokens(TokenProvider.perSchool(Map.of(school.id(), school.token())))
              .baseUri(sim.baseUri())
              .retryPolicy(RetryPolicy.defaults())
              .requestTimeout(Duration.ofSeconds(20))
              .build();
      WondeSnapshotSource source =
          WondeSnapshotSource.builder(client, school.id()).perPage(200).clock(worldClock).build();
      InMemorySyncStateStore store = new InMemorySyncStateStore();
      SampleProduct product = new SampleProduct();
      SyncRunner runner =
          SyncRunner.builder()
              .source(source)
              .store(store)
              .sink(new SampleProductSink(product))
              .credentials(credentials())
              .policy(SyncPolicy.defaults())
              .gatePolicy(GatePolicy.defaults())
              .clock(Clock.systemUTC())
              .build();

      section("1. First sync");
      RunResult first = runAndApprove(runner, store, school.id(), "first sync");
      summarise(first);
      long students = product.activeUsers(EntityType.STUDENT);
      check(students == school.studentIds().size(), "every pupil on roll has an active account");
      out.printf(
          Locale.ROOT,
          "product now has %d pupils, %d staff, %d parents able to sign in; %d groups%n",
          students,
          product.activeUsers(EntityType.STAFF),
          product.activeUsers(EntityType.CONTACT),
          product.groups().size());

      section("2. Term-time changes");
      List<String> ids = school.studentIds();
      String leaver1 = ids.get(0);
      String leaver2 = ids.get(1);
      school.studentLeaves(leaver1);
      school.studentLeaves(leaver2);
      school.employeeLeaves(school.employeeIds().get(0));
      school.addStudent("7");
      String mover = ids.get(5);
      List<String> forms = school.groupIds("REGISTRATION");
      String currentForm = school.groupIdOf(mover, "REGISTRATION").orElse(forms.get(0));
      forms.stream()
          .filter(f -> !f.equals(currentForm))
          .findFirst()
          .ifPresent(f -> school.moveGroup(mover, f));
      List<String> guardians = school.guardianIdsOf(ids.get(6));
      if (!guardians.isEmpty()) {
        school.changeRelationship(
            ids.get(6), guardians.get(0), GuardianRelationship.parent("Carer", 1));
      }
      RunResult term = runAndApprove(runner, store, school.id(), "term-time");
      summarise(term);
      explain(term.plan(), ChangeKind.DEACTIVATE_ACCOUNT, 4);
      check(
          term.plan().statistics().count(EntityType.STUDENT, ChangeKind.DEACTIVATE_ACCOUNT) == 2,
          "both leavers lose access in the run that sees them leave");
      check(
          product.activeUsers(EntityType.STUDENT) == school.studentIds().size(),
          "active pupil accounts equal pupils on roll");

      section("3. Outage: the students endpoint fails");
      long before = product.activeUsers(EntityType.STUDENT);
      sim.faults().always("/students", Fault.status(503));
      try {
        runner.run(school.id());
        failures.add("a failed read must not produce a plan");
        out.println("!! the run went ahead");
      } catch (SnapshotUnavailableException e) {
        out.println("read failed, nothing planned or applied: " + e.getClass().getSimpleName());
      } finally {
        sim.faults().clear();
      }
      check(
          product.activeUsers(EntityType.STUDENT) == before,
          "an outage never looks like everyone left");

      section("4. MIS migration: every Wonde id changes, UPNs stay");
      int accountsBefore = product.users().size();
      school.migrateMis("Arbor");
      RunResult migration = runner.run(school.id());
      summarise(migration);
      check(
          migration.outcome() == RunResult.Outcome.HELD,
          "a migration is held for a person to look at");
      approveHeld(store, school.id(), migration.plan());
      RunResult rekeyed = runner.run(school.id());
      summarise(rekeyed);
      check(
          rekeyed.plan().statistics().count(ChangeKind.DEACTIVATE_ACCOUNT) == 0,
          "nobody is deactivated by a migration");
      check(
          rekeyed.plan().statistics().count(EntityType.STUDENT, ChangeKind.CREATE_ACCOUNT) == 0,
          "no pupil is recreated by a migration");
      check(product.users().size() == accountsBefore, "no account is lost or duplicated");
      check(
          rekeyed.plan().statistics().count(ChangeKind.CREATE_GROUP) == 0
              && rekeyed.plan().statistics().count(ChangeKind.ARCHIVE_GROUP) == 0,
          "classes and forms are re-keyed, not archived and recreated");

      section("5. Year-end rollover");
      school.rollover();
      RunResult rollover = runAndApprove(runner, store, school.id(), "rollover");
      summarise(rollover);
      check(
          product.activeUsers(EntityType.STUDENT) == school.studentIds().size(),
          "after rollover, active pupil accounts equal pupils on roll");

      section("Done");
      if (failures.isEmpty()) {
        out.println("every safeguarding check held");
      } else {
        failures.forEach(f -> out.println("FAILED: " + f));
      }
      return List.copyOf(failures);
    }
  }

  private static CredentialPolicy credentials() {
    return CohortCredentialPolicy.builder()
        .defaults(UsernameTemplate.initialSurname(), PasswordGenerators.randomText(12))
        .studentsInYears(
            7,
            9,
            UsernameTemplate.forenameSurnameInitial(),
            PasswordGenerators.passphrase(3, "-", true))
        .role(EntityType.STAFF, UsernameTemplate.email(), PasswordGenerators.randomText(14))
        .build();
  }

  /** Runs; when the gate holds, shows why and approves (as a person on a review screen would). */
  private RunResult runAndApprove(
      SyncRunner runner, InMemorySyncStateStore store, String school, String what) {
    tick.run();
    RunResult r = runner.run(school);
    if (r.outcome() == RunResult.Outcome.HELD) {
      out.println("   the gate held the " + what + " plan:");
      summarise(r);
      approveHeld(store, school, r.plan());
      r = runner.run(school);
    }
    return r;
  }

  private void approveHeld(InMemorySyncStateStore store, String school, Plan plan) {
    store.decide(school, plan.id(), HeldPlan.Decision.APPROVED, "demo-reviewer");
    out.println("   -> approved by demo-reviewer");
  }

  private void section(String title) {
    tick.run();
    out.println();
    out.println("== " + title);
  }

  private void summarise(RunResult r) {
    Plan p = r.plan();
    EnumMap<ChangeKind, Integer> byKind = new EnumMap<>(ChangeKind.class);
    for (Change c : p.changes()) {
      byKind.merge(c.kind(), 1, Integer::sum);
    }
    out.printf(
        Locale.ROOT,
        "%s: %d changes %s, %d review items%n",
        r.outcome(),
        p.changes().size(),
        byKind,
        p.reviewItems().size());
    p.gateVerdict()
        .ifPresent(
            v -> {
              for (HoldReason h : v.reasons()) {
                out.println("   held: " + h.code() + " " + h.message());
              }
            });
    r.applyReport()
        .ifPresent(
            a ->
                out.printf(
                    Locale.ROOT,
                    "   applied %d, failed %d, skipped %d%n",
                    a.applied(),
                    a.failed(),
                    a.skipped()));
  }

  private void explain(Plan p, ChangeKind kind, int max) {
    p.changes().stream()
        .filter(c -> c.kind() == kind)
        .limit(max)
        .forEach(
            c ->
                out.println(
                    "   "
                        + c
                        + "  because "
                        + c.reason().code()
                        + " "
                        + c.reason().evidence().lines()));
  }

  private void check(boolean ok, String rule) {
    out.println((ok ? "   ok: " : "   FAILED: ") + rule);
    if (!ok) {
      failures.add(rule);
    }
  }
}
