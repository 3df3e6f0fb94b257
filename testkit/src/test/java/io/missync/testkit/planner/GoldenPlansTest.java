package io.missync.testkit.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.missync.core.EntityType;
import io.missync.core.model.MisSnapshot;
import io.missync.core.plan.GateVerdict;
import io.missync.core.plan.HoldReason;
import io.missync.core.plan.Plan;
import io.missync.reconcile.GatePolicy;
import io.missync.reconcile.SafetyGate;
import io.missync.reconcile.SyncPolicy;
import io.missync.testkit.gen.SchoolMutations;
import io.missync.testkit.gen.SchoolShape;
import io.missync.testkit.gen.Schools;
import io.missync.testkit.gen.SyncHarness;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The golden oracle: the plans (their SHA-256 ids) and the gate's verdicts for a fixed corpus of
 * generated schools (first syncs, a school's life with its mutations, migrations, partial and
 * truncated reads, policy variants) are recorded in {@code golden-plans.txt}, and must not change
 * through a purely structural change of the planner. A behaviour change changes them on purpose:
 * regenerate with {@code -Dgolden.update=true} (the file is rewritten in the source tree) in the
 * same commit, and say so.
 */
class GoldenPlansTest {
  private static final String RESOURCE = "golden-plans.txt";
  private static final Path SOURCE =
      Path.of("src/test/resources/io/missync/testkit/planner", RESOURCE);
  private static final LocalDate TODAY = Schools.TODAY;

  @Test
  void plansForTheFixedCorpusAreUnchanged() throws IOException {
    String actual = String.join("\n", corpus()) + "\n";
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(SOURCE, actual, StandardCharsets.UTF_8);
      return;
    }
    String expected;
    try (InputStream in =
        Objects.requireNonNull(GoldenPlansTest.class.getResourceAsStream(RESOURCE), RESOURCE)) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(expected, actual);
  }

  private static List<String> corpus() {
    List<String> out = new ArrayList<>();
    long[] seeds = {1L, 42L, 7_777L, 123_456_789L, -99L};
    int[] sizes = {3, 12, 35, 60, 120};
    for (int i = 0; i < seeds.length; i++) {
      for (SchoolShape.Phase phase : SchoolShape.Phase.values()) {
        SchoolShape shape = new SchoolShape(phase, sizes[i], 2 + i * 2, 1 + i % 3, i % 5, seeds[i]);
        String name = phase + "/" + sizes[i] + "/" + seeds[i];
        life(out, name, shape, SyncPolicy.defaults());
      }
    }
    SchoolShape mid = new SchoolShape(SchoolShape.Phase.SECONDARY, 40, 8, 2, 1, 2026L);
    List<SyncPolicy> variants =
        List.of(
            SyncPolicy.builder().names(SyncPolicy.NameSource.LEGAL).build(),
            SyncPolicy.builder().renames(SyncPolicy.RenameAction.REGENERATE_USERNAME).build(),
            SyncPolicy.builder().rejoiners(SyncPolicy.RejoinerAction.REVIEW).build(),
            SyncPolicy.builder().contactRequiresEmail(true).contactMaxPriority(1).build(),
            SyncPolicy.builder().autoApplyLikelyMatches(true).build(),
            SyncPolicy.builder().respectEffectiveDates(false).build(),
            SyncPolicy.builder().hardDeleteAfter(EntityType.STUDENT, Period.ZERO).build(),
            SyncPolicy.builder()
                .leavingDateMakesLeaver(false)
                .employmentEndMakesLeaver(false)
                .build());
    for (int v = 0; v < variants.size(); v++) {
      life(out, "policy" + v, mid, variants.get(v));
    }
    return out;
  }

  /** A school's life under a policy: each step plans, records, and applies. */
  private static void life(List<String> out, String name, SchoolShape shape, SyncPolicy policy) {
    SyncHarness h = new SyncHarness("school-1", policy, World.credentials(), World.CLOCK);
    SafetyGate gate = new SafetyGate(GatePolicy.defaults());
    MisSnapshot s = Schools.build(shape);
    long sd = shape.seed();
    record(out, name, "first", h, gate, s, false);
    List<Step> steps =
        List.of(
            new Step("joiners", x -> SchoolMutations.joiners(x, 3, sd)),
            new Step("leavers", x -> SchoolMutations.leaversRemoved(x, 2, sd + 1)),
            new Step("leaving-date", x -> SchoolMutations.leaversByDate(x, 2, sd + 2, TODAY)),
            new Step("staff-leavers", x -> SchoolMutations.staffLeavers(x, 1, sd + 3, TODAY)),
            new Step("moves", x -> SchoolMutations.moves(x, 3, sd + 4)),
            new Step("contacts", x -> SchoolMutations.contactChanges(x, sd + 5)),
            new Step(
                "next-year-early", x -> SchoolMutations.nextYearLoadedEarly(x, TODAY.plusDays(30))),
            new Step("rollover", SchoolMutations::rollover));
    for (Step st : steps) {
      s = st.f.apply(s);
      record(out, name, st.name, h, gate, s, false);
    }
    // damaged reads: planned and gated, never applied
    MisSnapshot partial = SchoolMutations.partial(s, EntityType.STUDENT, 60, sd);
    out.add(line(name, "partial-students", h.plan(partial), gate, partial, false));
    MisSnapshot partialContacts = SchoolMutations.partial(s, EntityType.CONTACT, 50, sd);
    out.add(line(name, "partial-contacts", h.plan(partialContacts), gate, partialContacts, false));
    MisSnapshot truncated = SchoolMutations.truncated(s, EntityType.STUDENT, 55, sd);
    out.add(line(name, "truncated", h.plan(truncated), gate, truncated, false));
    MisSnapshot gone = SchoolMutations.removePeople(s, java.util.Set.of());
    out.add(line(name, "unchanged", h.plan(gone), gate, gone, false));
    // an announced migration, then the run after it
    MisSnapshot migrated = SchoolMutations.migration(s);
    Plan announced = h.planner().plan(h.state(), migrated, true);
    out.add(line(name, "migration-announced", announced, gate, migrated, true));
    record(out, name, "migration", h, gate, migrated, false);
    record(out, name, "after-migration", h, gate, migrated, false);
    MisSnapshot staffOnly = SchoolMutations.partial(migrated, EntityType.STAFF, 70, sd + 9);
    out.add(line(name, "after-migration-partial-staff", h.plan(staffOnly), gate, staffOnly, false));
  }

  private static void record(
      List<String> out,
      String name,
      String step,
      SyncHarness h,
      SafetyGate gate,
      MisSnapshot s,
      boolean announced) {
    Plan p = h.planner().plan(h.state(), s, announced);
    out.add(line(name, step, p, gate, s, announced));
    h.apply(p);
  }

  private static String line(
      String name, String step, Plan p, SafetyGate gate, MisSnapshot s, boolean announced) {
    GateVerdict v = gate.evaluate(p, s, announced);
    StringJoiner reasons = new StringJoiner(",");
    for (HoldReason r : v.reasons()) {
      reasons.add(r.code() + (r.entityType() == null ? "" : ":" + r.entityType()));
    }
    return name
        + " "
        + step
        + " "
        + p.id()
        + " changes="
        + p.changes().size()
        + " reviews="
        + p.reviewItems().size()
        + " "
        + v.decision()
        + (v.reasons().isEmpty() ? "" : "[" + reasons + "]");
  }

  private record Step(String name, UnaryOperator<MisSnapshot> f) {}
}
