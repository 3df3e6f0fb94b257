package io.missync.cli.internal;

import io.missync.core.EntityType;
import io.missync.core.credentials.CohortCredentialPolicy;
import io.missync.core.credentials.PasswordGenerators;
import io.missync.core.credentials.UsernameTemplate;
import io.missync.core.model.PersonRef;
import io.missync.core.plan.Change;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.DeactivateAccount;
import io.missync.core.plan.Plan;
import io.missync.core.spi.CredentialPolicy;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.SnapshotSource;
import io.missync.core.spi.SnapshotUnavailableException;
import io.missync.core.spi.SyncStateStore;
import io.missync.examples.product.SampleProduct;
import io.missync.examples.product.SampleProductSink;
import io.missync.reconcile.GatePolicy;
import io.missync.reconcile.RunResult;
import io.missync.reconcile.SyncListener;
import io.missync.reconcile.SyncPolicy;
import io.missync.reconcile.SyncRunner;
import io.missync.testkit.wonde.Fault;
import io.missync.testkit.wonde.SchoolWorld;
import io.missync.testkit.wonde.SimulatorConfig;
import io.missync.testkit.wonde.WondeSimulator;
import io.missync.wonde.RetryPolicy;
import io.missync.wonde.TokenProvider;
import io.missync.wonde.WondeClient;
import io.missync.wonde.snapshot.WondeSnapshotSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * missync end to end: a Wonde simulator serving a generated secondary school over real HTTP, the
 * typed Wonde client and snapshot adapter, the planner, the safety gate, the applier, a state store
 * (embedded H2 in the output folder, or the one {@code --store} names) and the sample product with
 * its adapter.
 *
 * <p>It plays a school year: the first sync; term-time changes (starters; leavers: a pupil, a
 * member of staff, the last child of a parent, who loses access with them; form and class moves);
 * an outage (the pupils endpoint fails: nothing is planned, nobody loses access); an MIS migration
 * (held, reviewed, approved, re-keyed, nobody recreated); and the year-end rollover. Each step
 * prints its review summary and writes its HTML report, and login cards when accounts were created.
 * It checks the safeguarding rules as it goes. {@link CsvDemo} plays what a CSV export allows
 * instead.
 */
final class DemoYear {
  /** What the demo was asked to do. */
  record Options(
      int pupils, long seed, @Nullable String store, Path out, boolean names, Reviewer reviewer) {}

  /** Decides a held plan: true to approve it, false to stop the demo there. */
  interface Reviewer {
    boolean approve(Plan plan);
  }

  /** Thrown to stop the demo at a held plan nobody approved. */
  static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped(String planId) {
      super("stopped at held plan " + Words.shortId(planId));
    }
  }

  private final PrintWriter out;
  private final Progress progress;
  private final Options options;
  private final List<String> failures = new ArrayList<>();
  private int step;
  private Duration missync = Duration.ZERO;

  DemoYear(PrintWriter out, Progress progress, Options options) {
    this.out = out;
    this.progress = progress;
    this.options = options;
  }

  /** Progress of the runs on the demo's {@link Progress}. */
  SyncListener listener() {
    return new ProgressListener(progress);
  }

  /** The demo's credential policy: passphrases for the youngest pupils, random text otherwise. */
  static CredentialPolicy credentials() {
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

  /**
   * Plays the year.
   *
   * @return the safeguarding checks that failed (empty when all held)
   * @throws Stopped when a held plan was not approved
   */
  List<String> run() {
    SimulatorConfig config =
        SimulatorConfig.builder()
            .seed(options.seed())
            .schools(1)
            .studentsPerSchool(options.pupils())
            .staffPerSchool(Math.max(20, options.pupils() / 15))
            .build();
    out.printf(
        Locale.ROOT,
        "Generating a secondary school of %s pupils (seed %d) and starting the Wonde simulator...%n",
        Words.n(options.pupils()),
        options.seed());
    out.flush();
    try (WondeSimulator sim = WondeSimulator.start(config);
        SampleProduct product = new SampleProduct()) {
      SchoolWorld school = sim.world().school(0);
      out.printf(
          Locale.ROOT,
          "Wonde simulator at %s, school %s (%s): %s pupils, %s staff, %s parents%n",
          sim.baseUri(),
          school.id(),
          school.mis(),
          Words.n(school.studentIds().size()),
          Words.n(school.employeeIds().size()),
          Words.n(school.contactIds().size()));
      WondeClient client =
          WondeClient.builder()
              .tokens(TokenProvider.perSchool(Map.of(school.id(), school.token())))
              .baseUri(sim.baseUri())
              .retryPolicy(RetryPolicy.defaults())
              .requestTimeout(Duration.ofSeconds(20))
              .build();
      SnapshotSource source = WondeSnapshotSource.builder(client, school.id()).perPage(200).build();
      SyncStateStore store = Stores.openForDemo(options.store(), options.out());
      LoginCardCollector sink = new LoginCardCollector(new SampleProductSink(product));
      SyncRunner runner =
          SyncRunner.builder()
              .source(source)
              .store(store)
              .sink(sink)
              .credentials(credentials())
              .policy(SyncPolicy.defaults())
              .gatePolicy(GatePolicy.defaults())
              .clock(Clock.systemUTC())
              .listener(listener())
              .build();
      Steps steps = new Steps(runner, store, sink, school.id(), () -> sim.requests().size());

      section("1. First sync: every pupil, member of staff and parent gets an account");
      steps.sync("first-sync", false);
      check(
          product.activeUsers(EntityType.STUDENT) == school.studentIds().size(),
          "every pupil on roll has an active account");
      out.printf(
          Locale.ROOT,
          "   the product now has %s pupils, %s staff and %s parents able to sign in; %s groups%n",
          Words.n(product.activeUsers(EntityType.STUDENT)),
          Words.n(product.activeUsers(EntityType.STAFF)),
          Words.n(product.activeUsers(EntityType.CONTACT)),
          Words.n(product.groups().size()));

      section("2. Term time: starters, leavers, form and class moves");
      List<String> ids = school.studentIds();
      String parent = onlyChildParent(school).orElse("");
      String parentsChild =
          parent.isEmpty()
              ? ids.get(0)
              : ids.stream()
                  .filter(s -> school.guardianIdsOf(s).contains(parent))
                  .findFirst()
                  .orElse(ids.get(0));
      String pupilLeaver =
          ids.stream().filter(s -> !s.equals(parentsChild)).findFirst().orElseThrow();
      String staffLeaver = school.employeeIds().get(0);
      school.studentLeaves(pupilLeaver);
      school.studentLeaves(parentsChild);
      school.employeeLeaves(staffLeaver);
      school.addStudent("7");
      school.addStudent("10");
      school.addEmployee(true);
      String formMover = ids.get(5);
      List<String> forms = school.groupIds("REGISTRATION");
      String currentForm = school.groupIdOf(formMover, "REGISTRATION").orElse(forms.get(0));
      forms.stream()
          .filter(f -> !f.equals(currentForm))
          .findFirst()
          .ifPresent(f -> school.moveGroup(formMover, f));
      String classMover = ids.get(6);
      List<String> classes = school.classIdsOf(classMover);
      if (!classes.isEmpty()) {
        String from = classes.get(0);
        school.classIds().stream()
            .filter(c -> !classes.contains(c))
            .findFirst()
            .ifPresent(to -> school.moveClass(classMover, from, to));
      }
      out.println(
          "   in the MIS: 2 pupils leave (one the only child of a parent), a teacher leaves,"
              + " 2 pupils and a teacher start, a pupil changes form, a pupil changes class");
      RunResult term = steps.sync("term-time", false).last();
      List<PersonRef> deactivated = deactivated(term.plan());
      check(
          deactivated.contains(new PersonRef(EntityType.STUDENT, pupilLeaver))
              && deactivated.contains(new PersonRef(EntityType.STUDENT, parentsChild)),
          "both pupils who left lose access in the run that sees them leave");
      check(
          deactivated.contains(new PersonRef(EntityType.STAFF, staffLeaver)),
          "the teacher who left loses access in the same run");
      check(
          parent.isEmpty() || deactivated.contains(new PersonRef(EntityType.CONTACT, parent)),
          "the parent whose last child left loses access with them");
      check(
          term.plan().statistics().count(EntityType.STUDENT, ChangeKind.CREATE_ACCOUNT) == 2,
          "both starters get an account (and a login card)");
      check(
          product.activeUsers(EntityType.STUDENT) == school.studentIds().size(),
          "active pupil accounts equal pupils on roll");

      section("3. Outage: the pupils endpoint fails");
      long before = product.activeUsers(EntityType.STUDENT);
      sim.faults().always("/students", Fault.status(503));
      try {
        runner.run(school.id());
        failures.add("a failed read must not produce a plan");
        out.println("!! the run went ahead");
      } catch (SnapshotUnavailableException e) {
        out.println(
            "   the read failed after its retries: nothing was planned or applied ("
                + e.getClass().getSimpleName()
                + ")");
      } finally {
        sim.faults().clear();
      }
      check(
          product.activeUsers(EntityType.STUDENT) == before,
          "an outage never looks like everyone left");

      section("4. MIS migration: the school moves to Arbor, every Wonde id changes");
      int accountsBefore = product.users().size();
      school.migrateMis("Arbor");
      Steps.Result migration = steps.sync("migration", false);
      check(
          migration.first().outcome() == RunResult.Outcome.HELD,
          "a migration is held for a person to look at");
      Plan rekeyed = migration.last().plan();
      check(
          rekeyed.statistics().count(ChangeKind.DEACTIVATE_ACCOUNT) == 0,
          "nobody is deactivated by a migration");
      check(
          rekeyed.statistics().count(ChangeKind.CREATE_ACCOUNT) == 0,
          "nobody is recreated by a migration");
      check(product.users().size() == accountsBefore, "no account is lost or duplicated");
      check(
          rekeyed.statistics().count(ChangeKind.CREATE_GROUP) == 0
              && rekeyed.statistics().count(ChangeKind.ARCHIVE_GROUP) == 0,
          "classes and forms are re-keyed, not archived and recreated");

      section("5. Year-end rollover: Year 11 leaves, everyone else moves up, Year 7 starts");
      school.rollover();
      steps.sync("rollover", false);
      check(
          product.activeUsers(EntityType.STUDENT) == school.studentIds().size(),
          "after the rollover, active pupil accounts equal pupils on roll");

      finish(product);
      return List.copyOf(failures);
    }
  }

  /** A contact with exactly one child on roll, if the school has one. */
  private static Optional<String> onlyChildParent(SchoolWorld school) {
    Map<String, Integer> children = new HashMap<>();
    for (String s : school.studentIds()) {
      for (String g : school.guardianIdsOf(s)) {
        children.merge(g, 1, Integer::sum);
      }
    }
    return children.entrySet().stream()
        .filter(e -> e.getValue() == 1)
        .map(Map.Entry::getKey)
        .sorted()
        .findFirst();
  }

  private static List<PersonRef> deactivated(Plan plan) {
    List<PersonRef> people = new ArrayList<>();
    for (Change c : plan.changes()) {
      if (c instanceof DeactivateAccount d) {
        people.add(d.account().person());
      }
    }
    return people;
  }

  void finish(SampleProduct product) {
    section("Done");
    SampleProduct.PasswordHashing h = product.passwordHashing();
    out.printf(
        Locale.ROOT,
        "missync's own time (reading, planning, gating, applying): %.1f s%n",
        missync.toMillis() / 1000.0);
    out.printf(
        Locale.ROOT,
        "the sample product hashes passwords on its own thread (PBKDF2-HMAC-SHA256, %s"
            + " iterations): %s hashed in %.1f s of CPU%s, %s still queued%n",
        Words.n(SampleProduct.PBKDF2_ITERATIONS),
        Words.n(h.hashed()),
        h.cpu().toMillis() / 1000.0,
        h.hashed() == 0
            ? ""
            : String.format(Locale.ROOT, " (%d ms each)", h.cpu().toMillis() / h.hashed()),
        Words.n(h.queued()));
    out.println("reports and login cards are in " + options.out().toAbsolutePath());
    if (failures.isEmpty()) {
      out.println("every safeguarding check held");
    } else {
      failures.forEach(f -> out.println("FAILED: " + f));
    }
    out.flush();
  }

  void section(String title) {
    out.println();
    out.println("== " + title);
    out.flush();
  }

  void check(boolean ok, String rule) {
    out.println((ok ? "   ok: " : "   FAILED: ") + rule);
    out.flush();
    if (!ok) {
      failures.add(rule);
    }
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  /** Runs a sync step by step: report, login cards, summary, and a person's review of holds. */
  final class Steps {
    private final SyncRunner runner;
    private final SyncStateStore store;
    private final LoginCardCollector sink;
    private final String school;
    private final java.util.function.IntSupplier requests;

    /**
     * @param first the first run's result
     * @param last the last run's (after an approval, the applied one)
     */
    record Result(RunResult first, RunResult last) {}

    Steps(
        SyncRunner runner,
        SyncStateStore store,
        LoginCardCollector sink,
        String school,
        java.util.function.IntSupplier requests) {
      this.runner = runner;
      this.store = store;
      this.sink = sink;
      this.school = school;
      this.requests = requests;
    }

    /** Runs, reports, and when the gate holds asks the reviewer, then runs again if approved. */
    Result sync(String name, boolean migrationAnnounced) {
      RunResult first = once(name, migrationAnnounced);
      if (first.outcome() != RunResult.Outcome.HELD) {
        return new Result(first, first);
      }
      if (!options.reviewer().approve(first.plan())) {
        out.println(
            "   plan "
                + Words.shortId(first.plan().id())
                + " stays held: approve it with --yes, or look at it in the report");
        out.flush();
        throw new Stopped(first.plan().id());
      }
      store.decide(school, first.plan().id(), HeldPlan.Decision.APPROVED, "demo-reviewer");
      out.println("   approved by demo-reviewer; running again applies the approved plan");
      RunResult last = once(name + "-approved", migrationAnnounced, true);
      return new Result(first, last);
    }

    /** One run, reported; a held plan stays held. */
    RunResult once(String name) {
      return once(name, false, false);
    }

    private RunResult once(String name, boolean migrationAnnounced) {
      return once(name, migrationAnnounced, false);
    }

    private RunResult once(String name, boolean migrationAnnounced, boolean brief) {
      step++;
      int requestsBefore = requests.getAsInt();
      long start = System.nanoTime();
      RunResult r = runner.run(school, null, migrationAnnounced);
      missync = missync.plus(Duration.ofNanos(System.nanoTime() - start));
      String prefix = String.format(Locale.ROOT, "%02d-%s", step, name);
      Path cards = sink.writeCards(options.out().resolve(prefix + "-login-cards.csv"));
      Path html =
          PlanReport.write(
              r.plan(),
              r.outcome().name(),
              options.names(),
              options.out().resolve(prefix + "-plan-" + Words.shortId(r.plan().id()) + ".html"));
      int pages = requests.getAsInt() - requestsBefore;
      if (pages > 0) {
        out.printf(
            Locale.ROOT,
            "   read the school in %s requests; %.1f s to read, plan and apply%n",
            Words.n(pages),
            (System.nanoTime() - start) / 1e9);
      }
      out.print(
          indent(
              ReviewSummary.render(
                  r.plan(),
                  r.outcome().name(),
                  r.report(),
                  cards,
                  html,
                  brief && r.outcome() == RunResult.Outcome.APPLIED_AFTER_APPROVAL)));
      out.flush();
      return r;
    }
  }

  static String indent(String text) {
    return text.lines().map(l -> "   " + l + "\n").reduce("", String::concat);
  }
}
