package io.missync.testkit.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.missync.core.model.MisSnapshot;
import io.missync.testkit.wonde.GuardianRelationship;
import io.missync.testkit.wonde.SchoolWorld;
import io.missync.testkit.wonde.SimulatorConfig;
import io.missync.testkit.wonde.WireVariants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After each mutation, one after another on the same world, an incremental fetch chained from the
 * previous incremental result equals a fresh full fetch and the ground truth.
 */
class IncrementalFetchTest {
  private static final GuardianRelationship AUNT =
      new GuardianRelationship("Aunt", false, 3, false, false);

  /** Runs each step, then checks incremental == full == truth; collects every failing step. */
  private static final class Steps {
    final FetchFixture f;
    final List<String> failures = new ArrayList<>();
    MisSnapshot previous;
    int incrementals;

    Steps(FetchFixture f) {
      this.f = f;
      this.previous = f.source.fetchFull();
      FetchFixture.assertSameContent("initial full fetch", f.truth(), previous);
    }

    void step(String name, Runnable mutation) {
      // the world clock moves before and after each mutation, so every updated_at lies strictly
      // between two captures; the adapter's overlap (10 min by default) re-reads earlier steps
      f.sim.world().clock().advance(Duration.ofMinutes(3));
      mutation.run();
      f.sim.world().clock().advance(Duration.ofMinutes(3));
      MisSnapshot incremental = f.source.fetchIncremental(previous);
      incrementals++;
      MisSnapshot full = f.source.fetchFull();
      MisSnapshot truth = f.truth();
      try {
        FetchFixture.assertSameContent(name + ": full vs truth", truth, full);
        FetchFixture.assertSameContent(name + ": incremental vs full", full, incremental);
      } catch (AssertionError e) {
        failures.add(e.getMessage());
        // carry on from the full fetch so later steps are judged on their own
        previous = full;
        return;
      }
      previous = incremental;
    }

    void assertAllPassed() {
      if (!failures.isEmpty()) {
        fail(failures.size() + " step(s) failed:\n" + String.join("\n", failures));
      }
    }
  }

  @Test
  void everyMutationKindInTurn() {
    try (FetchFixture f =
        new FetchFixture(SimulatorConfig.builder().seed(31).studentsPerSchool(150).build())) {
      SchoolWorld s = f.school;
      Steps steps = new Steps(f);
      List<String> students = s.studentIds();
      String leaver = students.get(0);
      String mover = students.get(1);
      String guarded = students.get(2);
      String renamed = students.get(3);

      steps.step("studentLeaves", () -> s.studentLeaves(leaver));
      steps.step("addStudent", () -> s.addStudent(s.years().get(1)));
      String staffLeaver = s.employeeIds().get(0);
      steps.step("employeeLeaves", () -> s.employeeLeaves(staffLeaver));
      steps.step("restore employee", () -> s.restore(staffLeaver));
      String[] newTeacher = new String[1];
      steps.step("addEmployee", () -> newTeacher[0] = s.addEmployee(true));
      steps.step("assignTeacher", () -> s.assignTeacher(s.classIds().get(2), newTeacher[0], true));
      String contact = s.guardianIdsOf(students.get(4)).get(0);
      steps.step("contactLeaves", () -> s.contactLeaves(contact));
      List<String> classes = s.classIdsOf(mover);
      String from = classes.get(0);
      String to = s.classIds().stream().filter(c -> !classes.contains(c)).findFirst().orElseThrow();
      steps.step("moveClass", () -> s.moveClass(mover, from, to));
      String form = s.groupIdOf(mover, "REGISTRATION").orElseThrow();
      String otherForm =
          s.groupIds("REGISTRATION").stream()
              .filter(g -> !g.equals(form))
              .findFirst()
              .orElseThrow();
      steps.step("moveGroup", () -> s.moveGroup(mover, otherForm));
      String[] added = new String[1];
      steps.step("addGuardian", () -> added[0] = s.addGuardian(guarded, AUNT));
      steps.step(
          "changeRelationship",
          () ->
              s.changeRelationship(
                  guarded, added[0], new GuardianRelationship("Grandmother", true, 2, true, true)));
      steps.step("removeGuardian", () -> s.removeGuardian(guarded, added[0]));
      steps.step(
          "linkGuardian (sibling)",
          () ->
              s.linkGuardian(
                  renamed, contactOf(s, guarded), GuardianRelationship.parent("Mother", 1)));
      steps.step("rename", () -> s.rename(renamed, "Zebedee", "Quartermaine"));
      steps.step("unenrol", () -> s.unenrol(renamed, s.classIdsOf(renamed).get(0)));
      steps.step("enrol", () -> s.enrol(renamed, from));
      String[] pre = new String[1];
      steps.step("addPreAdmission", () -> pre[0] = s.addPreAdmission(s.years().get(0)));
      steps.step("admit", () -> s.admit(pre[0]));
      steps.step("restore leaver", () -> s.restore(leaver));
      steps.step("restore contact", () -> s.restore(contact));
      steps.step("deleteGroupOrClass", () -> s.deleteGroupOrClass(to));
      steps.step("restore class", () -> s.restore(to));
      steps.step("rollover", s::rollover);
      steps.step("migrateMis", () -> s.migrateMis("Arbor"));
      steps.step("nothing changed", () -> {});
      steps.assertAllPassed();
      assertEquals(25, steps.incrementals);
    }
  }

  private static String contactOf(SchoolWorld s, String studentId) {
    return s.guardianIdsOf(studentId).get(0);
  }

  @Test
  void leaverDeletionTypeStudentLeaver() {
    try (FetchFixture f =
        new FetchFixture(
            SimulatorConfig.builder()
                .seed(32)
                .studentsPerSchool(120)
                .variants(WireVariants.defaults().withLeaverDeletionType("student_leaver"))
                .build())) {
      SchoolWorld s = f.school;
      Steps steps = new Steps(f);
      String leaver = s.studentIds().get(0);
      steps.step("studentLeaves (student_leaver deletion)", () -> s.studentLeaves(leaver));
      steps.step("restore leaver", () -> s.restore(leaver));
      steps.assertAllPassed();
    }
  }

  /**
   * The incremental fetch reads only what changed: after a single rename it must not fall back to
   * reading whole lists (the point of incremental fetches), and it must see the rename.
   */
  @Test
  void incrementalReadsOnlyWhatChanged() {
    try (FetchFixture f =
        new FetchFixture(SimulatorConfig.builder().seed(33).studentsPerSchool(120).build())) {
      SchoolWorld s = f.school;
      MisSnapshot before = f.source.fetchFull();
      f.sim.world().clock().advance(Duration.ofMinutes(30));
      String id = s.studentIds().get(5);
      s.rename(id, "Ysolde", "Vantongeren");
      f.sim.world().clock().advance(Duration.ofMinutes(1));
      int requestsBefore = f.sim.requests().size();
      MisSnapshot after = f.source.fetchIncremental(before);
      long unfiltered =
          f.sim.requests().subList(requestsBefore, f.sim.requests().size()).stream()
              .filter(r -> r.path().matches(".*/(students|employees|contacts|groups|classes)$"))
              .filter(r -> !r.query().contains("updated_after="))
              .count();
      assertEquals(0, unfiltered, "incremental fetch read a whole list");
      assertEquals("Ysolde", after.student(id).orElseThrow().forename());
      assertFalse(before.sameContentAs(after));
      FetchFixture.assertSameContent("after rename", f.truth(), after);
      assertTrue(after.isComplete(io.missync.core.EntityType.STUDENT));
    }
  }

  /**
   * A change stamped in the same second as the previous capture (the world clock did not move) is
   * still picked up: {@code updated_after} is exclusive, the adapter's overlap covers it.
   */
  @Test
  void changeInTheSameSecondAsTheCaptureIsNotMissed() {
    try (FetchFixture f =
        new FetchFixture(SimulatorConfig.builder().seed(34).studentsPerSchool(80).build())) {
      SchoolWorld s = f.school;
      MisSnapshot before = f.source.fetchFull();
      String id = s.studentIds().get(7);
      s.rename(id, "Clementine", "Ashdown-Pryce");
      String leaver = s.studentIds().get(8);
      s.studentLeaves(leaver);
      f.sim.world().clock().advance(Duration.ofSeconds(1));
      MisSnapshot after = f.source.fetchIncremental(before);
      assertEquals("Clementine", after.student(id).orElseThrow().forename());
      assertTrue(after.student(leaver).isEmpty(), "leaver removed");
      FetchFixture.assertSameContent("same-second change", f.truth(), after);
    }
  }
}
