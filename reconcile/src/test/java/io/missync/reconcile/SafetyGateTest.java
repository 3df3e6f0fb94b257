package io.missync.reconcile;

import static io.missync.reconcile.Fx.snapshot;
import static io.missync.reconcile.Fx.student;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
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
    MisSnapshot fifteen = without(s, 0, 15); // > 10% but not > 20
    assertFalse(gate.evaluate(p.planner.plan(p.state(), fifteen), fifteen).isHeld());
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
    assertEquals(Set.of(HoldReason.Code.COUNT_MISMATCH), codes(v));
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
}
