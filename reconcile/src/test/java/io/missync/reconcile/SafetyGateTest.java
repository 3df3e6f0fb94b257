package io.missync.reconcile;

import static io.missync.reconcile.Fx.snapshot;
import static io.missync.reconcile.Fx.student;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.GroupKind;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.GateVerdict;
import io.missync.core.plan.HoldReason;
import io.missync.core.plan.Plan;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SafetyGateTest {
  private final SafetyGate gate = new SafetyGate(GatePolicy.defaults());

  private static MisSnapshot.Builder students(int n) {
    MisSnapshot.Builder b = snapshot();
    for (int i = 0; i < n; i++) {
      b.addStudent(student("S" + i, "Kid", "No" + i).upn(String.format("A%011d0", i)).build());
    }
    return b;
  }

  private static Set<HoldReason.Code> codes(GateVerdict v) {
    return v.reasons().stream().map(HoldReason::code).collect(Collectors.toSet());
  }

  private static MisSnapshot without(MisSnapshot s, int from, int to) {
    MisSnapshot.Builder b = s.toBuilder();
    for (int i = from; i < to; i++) {
      b.remove(PersonRef.student("S" + i));
    }
    return b.build();
  }

  @Test
  void anOrdinaryPlanIsApplied() {
    Fx.Product p = new Fx.Product();
    MisSnapshot s = students(100).build();
    p.sync(s);
    MisSnapshot five = without(s, 0, 5);
    Plan plan = p.planner.plan(p.state(), five);
    assertEquals(GateVerdict.apply(), gate.evaluate(plan, five));
  }

  @Test
  void deactivationsPastBothThresholdsAreHeld() {
    Fx.Product p = new Fx.Product();
    MisSnapshot s = students(100).build();
    p.sync(s);
    // both conditions: 10 of 100 is more than 3 but not more than 10% (the default since issue 13:
    // a percentage with a small floor, so that small schools are protected too)
    MisSnapshot ten = without(s, 0, 10);
    assertFalse(gate.evaluate(p.planner.plan(p.state(), ten), ten).isHeld());
    MisSnapshot quarter = without(s, 0, 25);
    GateVerdict v = gate.evaluate(p.planner.plan(p.state(), quarter), quarter);
    assertEquals(Set.of(HoldReason.Code.THRESHOLD_EXCEEDED), codes(v));
    assertEquals(EntityType.STUDENT, v.reasons().get(0).type().orElseThrow());
    assertTrue(v.reasons().get(0).message().contains("25 deactivate_account of students"));
    SafetyGate lenient =
        new SafetyGate(
            GatePolicy.builder()
                .threshold(
                    EntityType.STUDENT,
                    ChangeKind.DEACTIVATE_ACCOUNT,
                    new GatePolicy.Threshold(30, 20))
                .build());
    assertFalse(lenient.evaluate(p.planner.plan(p.state(), quarter), quarter).isHeld());
  }

  @Test
  void anEmptyOrAbsentSourceIsHeld() {
    Fx.Product p = new Fx.Product();
    p.sync(students(3).build());
    MisSnapshot empty = snapshot().build();
    GateVerdict v = gate.evaluate(p.planner.plan(p.state(), empty), empty);
    assertTrue(codes(v).contains(HoldReason.Code.EMPTY_SOURCE));
    MisSnapshot absent = snapshot().completeness(EntityType.STUDENT, Completeness.ABSENT).build();
    assertTrue(
        codes(gate.evaluate(p.planner.plan(p.state(), absent), absent))
            .contains(HoldReason.Code.INCOMPLETE_SOURCE));
    // a partial read with no records is an empty delta, not an empty school
    MisSnapshot delta = snapshot().completeness(EntityType.STUDENT, Completeness.PARTIAL).build();
    assertFalse(gate.evaluate(p.planner.plan(p.state(), delta), delta).isHeld());
    SafetyGate strict = new SafetyGate(GatePolicy.builder().holdOnPartial(true).build());
    MisSnapshot partial =
        students(2).completeness(EntityType.STUDENT, Completeness.PARTIAL).build();
    assertEquals(
        Set.of(HoldReason.Code.INCOMPLETE_SOURCE),
        codes(strict.evaluate(p.planner.plan(p.state(), partial), partial)));
  }

  @Test
  void countsThatDisagreeWithTheSourceAreHeld() {
    Fx.Product p = new Fx.Product();
    MisSnapshot s = students(10).sourceCount(EntityType.STUDENT, 10).build();
    p.sync(s);
    assertFalse(gate.evaluate(p.planner.plan(p.state(), s), s).isHeld());
    MisSnapshot truncated =
        without(s, 6, 10).toBuilder().sourceCount(EntityType.STUDENT, 10).build();
    GateVerdict v = gate.evaluate(p.planner.plan(p.state(), truncated), truncated);
    // 4 of 10 gone also passes the deactivation threshold (more than 3 and more than 10%)
    assertEquals(
        Set.of(HoldReason.Code.COUNT_MISMATCH, HoldReason.Code.THRESHOLD_EXCEEDED), codes(v));
    assertEquals("fetched 6 students but the source reports 10", v.reasons().get(0).message());
  }

  @Test
  void migrationsAreHeld() {
    Fx.Product p = new Fx.Product();
    MisSnapshot s = students(30).build();
    p.sync(s);
    MisSnapshot.Builder migrated = snapshot();
    for (var st : s.students()) {
      migrated.addStudent(st.toBuilder().id("new-" + st.id()).build());
    }
    MisSnapshot m = migrated.build();
    Plan plan = p.planner.plan(p.state(), m);
    assertEquals(30, plan.statistics().count(ChangeKind.REKEY_ACCOUNT));
    GateVerdict v = gate.evaluate(plan, m);
    assertEquals(Set.of(HoldReason.Code.MIGRATION_DETECTED), codes(v));
    MisSnapshot quiet = students(30).build();
    assertEquals(
        List.of(HoldReason.Code.MIGRATION_DETECTED),
        gate.evaluate(p.planner.plan(p.state(), quiet), quiet, true).reasons().stream()
            .map(HoldReason::code)
            .toList());
  }

  @Test
  void reviewItemsHoldOnlyWhenThePolicySays() {
    Fx.Product p = new Fx.Product();
    p.sync(students(1).build());
    MisSnapshot s = snapshot().addStudent(student("N", "Kid", "No0").upn(null).build()).build();
    Plan plan = p.planner.plan(p.state(), s);
    assertEquals(1, plan.reviewItems().size());
    assertFalse(gate.evaluate(plan, s).isHeld());
    SafetyGate strict = new SafetyGate(GatePolicy.builder().holdOnReviewItems(true).build());
    assertEquals(Set.of(HoldReason.Code.REVIEW_REQUIRED), codes(strict.evaluate(plan, s)));
  }

  /** A secondary's classes: each pupil in a form and two teaching groups. */
  private static MisSnapshot.Builder timetabled(int n) {
    MisSnapshot.Builder b = students(n);
    for (int f = 0; f < 4; f++) {
      b.addGroup(Fx.group("F" + f, GroupKind.REGISTRATION, "9" + (char) ('A' + f)));
      b.addGroup(Fx.group("MA" + f, GroupKind.CLASS, "9 Maths " + f));
      b.addGroup(Fx.group("EN" + f, GroupKind.CLASS, "9 English " + f));
    }
    for (int i = 0; i < n; i++) {
      b.addMembership(Fx.member("F" + (i % 4), "S" + i));
      b.addMembership(Fx.member("MA" + (i / 10 % 4), "S" + i));
      b.addMembership(Fx.member("EN" + (i / 7 % 4), "S" + i));
    }
    return b;
  }

  /**
   * The class-lists endpoint fails and answers "no memberships" for a read marked complete: that is
   * an outage, not every pupil leaving every class. There is no leaver and no archive, so nothing
   * else would hold it.
   */
  @Test
  void anEmptyCompleteMembershipReadIsHeld() {
    Fx.Product p = new Fx.Product();
    MisSnapshot s = timetabled(30).build();
    p.sync(s);
    MisSnapshot noClasses = s.toBuilder().removeMembershipsIf(m -> true).build();
    Plan plan = p.planner.plan(p.state(), noClasses);
    assertEquals(90, plan.statistics().count(ChangeKind.LEAVE_GROUP));
    assertEquals(90, plan.statistics().baseline(EntityType.MEMBERSHIP));
    GateVerdict v = gate.evaluate(plan, noClasses);
    assertTrue(v.isHeld(), v::toString);
    assertTrue(
        v.reasons().stream()
            .anyMatch(
                r ->
                    r.code() == HoldReason.Code.EMPTY_SOURCE
                        && r.type().equals(java.util.Optional.of(EntityType.MEMBERSHIP))),
        v::toString);
  }

  /**
   * A half-loaded membership export (only the first forms' class lists arrived) read as complete
   * would take two thirds of the school out of their classes: past the group-leave threshold. An
   * ordinary timetable change is not held.
   */
  @Test
  void aHalfLoadedMembershipExportPassesTheGroupLeaveThreshold() {
    Fx.Product p = new Fx.Product();
    MisSnapshot s = timetabled(120).build();
    p.sync(s);
    MisSnapshot half =
        s.toBuilder()
            .removeMembershipsIf(m -> Integer.parseInt(m.personId().substring(1)) >= 40)
            .build();
    Plan plan = p.planner.plan(p.state(), half);
    assertEquals(240, plan.statistics().count(ChangeKind.LEAVE_GROUP));
    GateVerdict v = gate.evaluate(plan, half);
    assertEquals(Set.of(HoldReason.Code.THRESHOLD_EXCEEDED), codes(v), v::toString);
    assertEquals(EntityType.MEMBERSHIP, v.reasons().get(0).type().orElseThrow());

    // twelve pupils drop English: an ordinary change
    MisSnapshot dropped =
        s.toBuilder()
            .removeMembershipsIf(
                m ->
                    m.groupId().startsWith("EN")
                        && Integer.parseInt(m.personId().substring(1)) < 12)
            .build();
    Plan ordinary = p.planner.plan(p.state(), dropped);
    assertEquals(12, ordinary.statistics().count(ChangeKind.LEAVE_GROUP));
    assertFalse(gate.evaluate(ordinary, dropped).isHeld());
  }

  /**
   * Migration re-keys are judged per person type: twelve pupils re-keyed by UPN after an MIS switch
   * are a migration even though the twelve staff, exported without their emails, would all be
   * deactivated and recreated (which summed across types used to cancel the re-keys out).
   */
  @Test
  void migrationReKeysAreCountedPerPersonType() {
    Fx.Product p = new Fx.Product();
    MisSnapshot.Builder before = students(12);
    for (int i = 0; i < 12; i++) {
      before.addStaff(Fx.staff("T" + i, "Teacher", "No" + i).build());
    }
    p.sync(before.build());
    MisSnapshot.Builder after = snapshot();
    for (int i = 0; i < 12; i++) {
      after.addStudent(student("N" + i, "Kid", "No" + i).upn(String.format("A%011d0", i)).build());
      after.addStaff(
          Fx.staff("U" + i, "Teacher", "No" + i).email("t" + i + "@newmis.example.org").build());
    }
    MisSnapshot migrated = after.build();
    Plan plan = p.planner.plan(p.state(), migrated);
    assertEquals(12, plan.statistics().count(EntityType.STUDENT, ChangeKind.REKEY_ACCOUNT));
    assertEquals(12, plan.statistics().count(EntityType.STAFF, ChangeKind.DEACTIVATE_ACCOUNT));
    GateVerdict v = gate.evaluate(plan, migrated);
    assertTrue(
        v.reasons().stream()
            .anyMatch(
                r ->
                    r.code() == HoldReason.Code.MIGRATION_DETECTED
                        && r.type().equals(java.util.Optional.of(EntityType.STUDENT))),
        v::toString);
  }
}
