package io.missync.reconcile;

import static io.missync.reconcile.Fx.codes;
import static io.missync.reconcile.Fx.of;
import static io.missync.reconcile.Fx.snapshot;
import static io.missync.reconcile.Fx.staff;
import static io.missync.reconcile.Fx.student;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.DeactivateAccount;
import io.missync.core.plan.MatchConfidence;
import io.missync.core.plan.Plan;
import io.missync.core.plan.PlanBasis;
import io.missync.core.plan.Reason;
import io.missync.core.plan.ReasonCode;
import io.missync.core.plan.ReviewItem;
import io.missync.core.state.Account;
import io.missync.core.state.StateUpdate;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The policy choices and entry points issue 13 added: each through the public API. */
class RulebookPolicyTest {
  private static final PersonRef T1 = PersonRef.staff("T1");

  private static MisSnapshot.Builder school() {
    return snapshot()
        .addStudent(student("S1", "Amelia", "Smith").build())
        .addStaff(staff("T1", "Ruth", "Evans").build());
  }

  /** Item 6: a same-day dismissal policy ends access on the employment end date itself. */
  @Test
  void aSameDayDismissalEndsAccessOnTheDay() {
    Fx.Product product = Fx.provisioned(school().build());
    MisSnapshot s =
        school().put(staff("T1", "Ruth", "Evans").employmentEnd(Fx.TODAY).build()).build();
    assertEquals(
        List.of(), of(product.planner.plan(product.state(), s), ChangeKind.DEACTIVATE_ACCOUNT));
    SyncPolicy sameDay = SyncPolicy.builder().dismissals(SyncPolicy.Dismissal.SAME_DAY).build();
    Plan p = Fx.planner(sameDay).plan(product.state(), s);
    assertEquals(List.of(ReasonCode.EMPLOYMENT_ENDED), codes(p, ChangeKind.DEACTIVATE_ACCOUNT));
    assertEquals(p.changes().subList(0, 1), p.evidenceBacked());
    // tomorrow's end date is still tomorrow's
    MisSnapshot later =
        school()
            .put(staff("T1", "Ruth", "Evans").employmentEnd(Fx.TODAY.plusDays(1)).build())
            .build();
    assertEquals(
        List.of(),
        of(Fx.planner(sameDay).plan(product.state(), later), ChangeKind.DEACTIVATE_ACCOUNT));
  }

  /**
   * Item 6: an operator's emergency deactivation (a suspended account) is respected until the MIS
   * agrees: never reactivated while the MIS still lists the person; a flagged account still active
   * is deactivated on evidence.
   */
  @Test
  void anOperatorsSuspensionStandsUntilTheMisAgrees() {
    Fx.Product product = Fx.provisioned(school().build());
    Account acc = product.account(T1);
    product.store.commit(
        Fx.SCHOOL,
        product.state().version(),
        StateUpdate.account(acc.toBuilder().suspended(true).build()));
    Plan flagged = product.planner.plan(product.state(), school().build());
    assertEquals(
        List.of(ReasonCode.OPERATOR_SUSPENDED), codes(flagged, ChangeKind.DEACTIVATE_ACCOUNT));
    assertEquals(1, flagged.evidenceBacked().size());
    product.applier.apply(flagged);
    assertFalse(product.account(T1).active());
    assertTrue(product.account(T1).suspended(), "the store keeps the flag");
    // the MIS still lists them as employed: no reactivation, no review, nothing
    Plan next = product.planner.plan(product.state(), school().build());
    assertEquals(List.of(), next.changes());
    assertEquals(List.of(), next.reviewItems());
  }

  /** Item 7: the opt-in AT_ONCE admission policy gives a future pupil an account straight away. */
  @Test
  void admissionsAtOnceIsAPolicyChoice() {
    MisSnapshot s =
        school()
            .put(student("S9", "Nina", "New").admissionDate(Fx.TODAY.plusMonths(6)).build())
            .build();
    Fx.Product product = new Fx.Product();
    assertEquals(2, of(product.planner.plan(product.state(), s), ChangeKind.CREATE_ACCOUNT).size());
    SyncPolicy atOnce = SyncPolicy.builder().admissions(SyncPolicy.Admission.AT_ONCE).build();
    assertEquals(
        3, of(Fx.planner(atOnce).plan(product.state(), s), ChangeKind.CREATE_ACCOUNT).size());
  }

  /** The plan records its basis, and the gate judges it alone as it judges it with the snapshot. */
  @Test
  void theGateJudgesThePlanAloneFromItsBasis() {
    Fx.Product product = Fx.provisioned(school().build());
    MisSnapshot gone = school().remove(PersonRef.student("S1")).build();
    Plan p = product.planner.plan(product.state(), gone, PlanBasis.Migration.NONE);
    PlanBasis basis = p.planBasis().orElseThrow();
    assertEquals(Fx.TODAY, basis.schoolDay());
    assertEquals(0, basis.count(EntityType.STUDENT));
    assertTrue(basis.isComplete(EntityType.STUDENT));
    SafetyGate gate = new SafetyGate(GatePolicy.defaults());
    assertEquals(gate.evaluate(p, gone), gate.evaluate(p));
    assertTrue(gate.evaluate(p).isHeld());
    Plan announced = product.planner.plan(product.state(), gone, PlanBasis.Migration.ANNOUNCED);
    assertEquals(gate.evaluate(announced, gone, true), gate.evaluate(announced));
  }

  /** Item 2's planner side: in a migration in progress, a claimed account is not deactivated. */
  @Test
  void aMigrationInProgressKeepsAccountsUnderReview() {
    // (T2 stays: one member of staff changing id of two is not mass churn)
    MisSnapshot before =
        snapshot()
            .addStaff(staff("T2", "Tom", "Hughes").build())
            .addStaff(
                staff("T1", "Ruth", "Evans")
                    .email(null)
                    .dateOfBirth(LocalDate.of(1980, 1, 1))
                    .build())
            .build();
    Fx.Product product = Fx.provisioned(before);
    MisSnapshot after =
        snapshot()
            .addStaff(staff("T2", "Tom", "Hughes").build())
            .addStaff(
                staff("N1", "Ruth", "Evans")
                    .email(null)
                    .dateOfBirth(LocalDate.of(1980, 1, 1))
                    .build())
            .build();
    Plan none = product.planner.plan(product.state(), after, PlanBasis.Migration.NONE);
    assertEquals(
        Set.of(T1),
        Set.copyOf(
            of(none, ChangeKind.DEACTIVATE_ACCOUNT).stream()
                .map(c -> ((DeactivateAccount) c).account().person())
                .toList()));
    Plan inProgress = product.planner.plan(product.state(), after, PlanBasis.Migration.IN_PROGRESS);
    assertEquals(List.of(), inProgress.changes());
    assertEquals(1, inProgress.reviewItems().size());
    assertNotEquals(none.id(), inProgress.id());
    assertFalse(new SafetyGate(GatePolicy.defaults()).evaluate(inProgress).isHeld());
  }

  /** Review item ids depend on the kind and subject only, not on evidence or display data. */
  @Test
  void reviewItemIdsAreStable() {
    PersonRef p = PersonRef.student("S1");
    ReviewItem a =
        new ReviewItem.PossibleDuplicate(
            p,
            "acc-1",
            MatchConfidence.POSSIBLE,
            Reason.of(ReasonCode.UNCERTAIN_MATCH, "matchedOn", "NAME_DOB"));
    ReviewItem b =
        new ReviewItem.PossibleDuplicate(
            p,
            "acc-1",
            MatchConfidence.LIKELY,
            Reason.of(ReasonCode.UNCERTAIN_MATCH, "matchedOn", "EMAIL"));
    ReviewItem other =
        new ReviewItem.PossibleDuplicate(
            p,
            "acc-2",
            MatchConfidence.POSSIBLE,
            Reason.of(ReasonCode.UNCERTAIN_MATCH, "matchedOn", "NAME_DOB"));
    ReviewItem ambiguous =
        new ReviewItem.AmbiguousMatch(
            p,
            List.of("acc-1", "acc-2"),
            Reason.of(ReasonCode.AMBIGUOUS_MATCH, "matchedOn", "UPN"));
    ReviewItem ambiguousLater =
        new ReviewItem.AmbiguousMatch(
            p,
            List.of("acc-1", "acc-3"),
            Reason.of(ReasonCode.AMBIGUOUS_MATCH, "matchedOn", "NAME_DOB"));
    assertEquals(a.id(), b.id());
    assertNotEquals(a.id(), other.id());
    assertNotEquals(a.id(), ambiguous.id());
    assertEquals(ambiguous.id(), ambiguousLater.id());
    assertTrue(a.id().matches("ri-[0-9a-f]{32}"), a.id());
    ReviewItem dupKey =
        new ReviewItem.DuplicateKey(
            EntityType.STUDENT,
            "UPN",
            List.of(PersonRef.student("S2"), p),
            Reason.of(ReasonCode.DUPLICATE_KEY, "key", "UPN"));
    ReviewItem dupKeyReordered =
        new ReviewItem.DuplicateKey(
            EntityType.STUDENT,
            "UPN",
            List.of(p, PersonRef.student("S2")),
            Reason.of(ReasonCode.DUPLICATE_KEY, "key", "UPN", "people", "2"));
    assertEquals(dupKey.id(), dupKeyReordered.id());
  }
}
