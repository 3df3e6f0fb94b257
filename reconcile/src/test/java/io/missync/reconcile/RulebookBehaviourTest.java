package io.missync.reconcile;

import static io.missync.reconcile.Fx.contact;
import static io.missync.reconcile.Fx.link;
import static io.missync.reconcile.Fx.of;
import static io.missync.reconcile.Fx.snapshot;
import static io.missync.reconcile.Fx.staff;
import static io.missync.reconcile.Fx.student;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.plan.Change;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.CreateAccount;
import io.missync.core.plan.DeactivateAccount;
import io.missync.core.plan.GateVerdict;
import io.missync.core.plan.HoldReason;
import io.missync.core.plan.Plan;
import io.missync.core.plan.RekeyAccount;
import io.missync.core.plan.ReviewItem;
import io.missync.core.spi.AuditEvent;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.SnapshotSource;
import io.missync.core.state.Account;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The safeguarding outcomes of issue 13 that were wrong, each through the public entry points
 * ({@link Planner}, {@link SafetyGate}, {@link SyncRunner}) and with the default policies unless
 * said otherwise. Each of these failed on the planner before the rulebook work.
 */
class RulebookBehaviourTest {
  private final Fx.Product product = new Fx.Product();
  private final AtomicReference<MisSnapshot> source = new AtomicReference<>();
  private final SafetyGate gate = new SafetyGate(GatePolicy.defaults());

  private SyncRunner runner() {
    SnapshotSource s = source::get;
    return SyncRunner.builder()
        .source(s)
        .store(product.store)
        .sink(product.sink)
        .credentials(Fx.credentials())
        .clock(Fx.CLOCK)
        .build();
  }

  /** {@code n} pupils, each with their own parent. */
  private static MisSnapshot.Builder school(int n) {
    MisSnapshot.Builder b = snapshot();
    for (int i = 0; i < n; i++) {
      b.addStudent(student("S" + i, "Kid", "No" + i).upn(String.format("A%011d0", i)).build());
      b.addContact(contact("C" + i, "Parent", "No" + i).build());
      b.addGuardianLink(link("C" + i, "S" + i));
    }
    return b;
  }

  private static MisSnapshot.Builder without(MisSnapshot.Builder b, int from, int to) {
    for (int i = from; i < to; i++) {
      Fx.without(b, PersonRef.student("S" + i));
      Fx.without(b, PersonRef.contact("C" + i));
    }
    return b;
  }

  private boolean active(PersonRef p) {
    return product.state().accountFor(p).map(Account::active).orElse(false);
  }

  private static Set<PersonRef> deactivated(Plan p) {
    return of(p, ChangeKind.DEACTIVATE_ACCOUNT).stream()
        .map(c -> ((DeactivateAccount) c).account().person())
        .collect(Collectors.toSet());
  }

  // ------------------------------------------------------------ 1. confirmed leavers

  /**
   * Item 1: a pupil whose leaving date has passed loses access in the run that sees it, although
   * the rest of the plan (a third of the school gone from a "complete" read) is held; the held
   * remainder waits for a person as before, and the audit shows both parts.
   */
  @Test
  void aConfirmedLeaverIsDeactivatedWhileTheRestOfThePlanIsHeld() {
    source.set(school(40).build());
    runner().run(Fx.SCHOOL);
    MisSnapshot next =
        without(school(40), 20, 34)
            .put(
                student("S0", "Kid", "No0")
                    .upn(String.format("A%011d0", 0))
                    .leavingDate(Fx.TODAY.minusDays(1))
                    .build())
            .build();
    source.set(next);
    RunResult r = runner().run(Fx.SCHOOL);
    assertEquals(RunResult.Outcome.HELD, r.outcome());
    assertFalse(active(PersonRef.student("S0")), "the confirmed leaver lost access");
    assertFalse(active(PersonRef.contact("C0")), "their only parent followed them out");
    assertTrue(active(PersonRef.student("S25")), "the absences wait for a person");
    assertTrue(active(PersonRef.contact("C25")));
    List<AuditEvent> audit = product.store.audit(Fx.SCHOOL, 20);
    assertTrue(
        audit.stream()
            .anyMatch(
                e -> e.type().equals("plan.applied") && "evidence".equals(e.details().get("part"))),
        audit::toString);
    assertTrue(audit.stream().anyMatch(e -> e.type().equals("plan.held")), audit::toString);
    // the held remainder no longer holds the leaver, and it is stable run to run
    assertFalse(deactivated(r.plan()).contains(PersonRef.student("S0")));
    RunResult again = runner().run(Fx.SCHOOL);
    assertEquals(RunResult.Outcome.HELD, again.outcome());
    assertEquals(r.plan().id(), again.plan().id());
    product.store.decide(Fx.SCHOOL, r.plan().id(), HeldPlan.Decision.APPROVED, "dsl@school");
    assertEquals(RunResult.Outcome.APPLIED_AFTER_APPROVAL, runner().run(Fx.SCHOOL).outcome());
    assertFalse(active(PersonRef.student("S25")));
  }

  /**
   * Item 1 with an unrelated hold the old thresholds also had: the source's own count disagrees (a
   * half-loaded read), and a pupil's leaving date has passed. The leaver goes now; the rest waits.
   */
  @Test
  void aConfirmedLeaverDoesNotWaitForACountMismatch() {
    source.set(school(10).build());
    runner().run(Fx.SCHOOL);
    MisSnapshot next =
        school(10)
            .put(
                student("S3", "Kid", "No3")
                    .upn(String.format("A%011d0", 3))
                    .leavingDate(Fx.TODAY.minusDays(1))
                    .build())
            .sourceCount(EntityType.STUDENT, 11)
            .build();
    source.set(next);
    RunResult r = runner().run(Fx.SCHOOL);
    assertEquals(RunResult.Outcome.HELD, r.outcome());
    assertTrue(
        r.plan().gateVerdict().orElseThrow().reasons().stream()
            .anyMatch(h -> h.code() == HoldReason.Code.COUNT_MISMATCH));
    assertFalse(active(PersonRef.student("S3")), "the confirmed leaver lost access");
    assertFalse(active(PersonRef.contact("C3")), "their only parent followed them out");
    assertTrue(active(PersonRef.student("S4")));
  }

  /**
   * Item 1's own sanity limit: when more than half of a type would go at once, even on dates, the
   * evidence-backed part is held too (a mistyped bulk leaving date).
   */
  @Test
  void theEvidenceBackedPartIsHeldWhenMoreThanHalfOfATypeWouldGo() {
    source.set(school(40).build());
    runner().run(Fx.SCHOOL);
    MisSnapshot.Builder b = school(40);
    for (int i = 0; i < 25; i++) {
      b.put(
          student("S" + i, "Kid", "No" + i)
              .upn(String.format("A%011d0", i))
              .leavingDate(Fx.TODAY.minusDays(1))
              .build());
    }
    source.set(b.build());
    RunResult r = runner().run(Fx.SCHOOL);
    assertEquals(RunResult.Outcome.HELD, r.outcome());
    assertTrue(active(PersonRef.student("S0")));
  }

  // ------------------------------------------------------------ 2. migration and review items

  private static MisSnapshot.Builder staffSchool(String prefix) {
    MisSnapshot.Builder b = snapshot();
    for (int i = 0; i < 20; i++) {
      b.addStudent(
          student(prefix + "S" + i, "Kid", "No" + i).upn(String.format("A%011d0", i)).build());
    }
    b.addStaff(staff(prefix + "T1", "Ruth", "Evans").build());
    b.addStaff(
        staff(prefix + "T2", "Tom", "Hughes")
            .email(null)
            .dateOfBirth(LocalDate.of(1980, 2, 3))
            .build());
    return b;
  }

  /**
   * Item 2: a member of staff without an email, re-keyed by name and date of birth only during a
   * migration, is a review item; the run after the migration's (pupils already re-keyed, nothing
   * announced) must not deactivate them while the review stands.
   */
  @Test
  void staffUnderReviewAfterAMigrationKeepAccessUntilDecided() {
    source.set(staffSchool("").build());
    runner().run(Fx.SCHOOL);
    source.set(staffSchool("mig-").build());
    RunResult first = runner().run(Fx.SCHOOL, null, true);
    assertEquals(RunResult.Outcome.HELD, first.outcome());
    product.store.decide(Fx.SCHOOL, first.plan().id(), HeldPlan.Decision.APPROVED, "dsl@school");
    RunResult approved = runner().run(Fx.SCHOOL, null, true);
    assertEquals(RunResult.Outcome.APPLIED_AFTER_APPROVAL, approved.outcome());
    assertTrue(active(PersonRef.staff("T2")));
    assertEquals(1, approved.plan().reviewItems().size(), approved.plan().reviewItems()::toString);
    // the next night: nothing announced, the pupils already re-keyed
    RunResult next = runner().run(Fx.SCHOOL);
    assertEquals(Set.of(), deactivated(next.plan()), next.plan().changes()::toString);
    assertTrue(active(PersonRef.staff("T2")));
    assertEquals(1, next.plan().reviewItems().size());
  }

  // ------------------------------------------------------------ 3. staff matched by email

  /**
   * Item 3: in an announced migration, under the default policy, a member of staff whose email and
   * surname both agree is re-keyed (certain); an email match with another surname is reviewed.
   */
  @Test
  void inAMigrationStaffWhoseEmailAndSurnameAgreeAreRekeyed() {
    MisSnapshot before =
        snapshot()
            .addStaff(staff("T1", "Ruth", "Evans").build())
            .addStaff(staff("T2", "Tom", "Hughes").build())
            .build();
    product.sync(before);
    MisSnapshot after =
        snapshot()
            .addStaff(staff("N1", "Ruthie", "Evans").email("ruth.evans@school.example.org").build())
            .addStaff(staff("N2", "Tom", "Price").email("tom.hughes@school.example.org").build())
            .build();
    Plan p = product.planner.plan(product.state(), after, true);
    List<Change> rekeys = of(p, ChangeKind.REKEY_ACCOUNT);
    assertEquals(1, rekeys.size(), p.changes()::toString);
    RekeyAccount r = (RekeyAccount) rekeys.get(0);
    assertEquals(PersonRef.staff("N1"), r.next());
    assertEquals("CERTAIN", r.confidence().name());
    assertEquals(1, p.reviewItems().size());
    assertEquals(
        PersonRef.staff("N2"), ((ReviewItem.PossibleDuplicate) p.reviewItems().get(0)).person());
    assertEquals(Set.of(), deactivated(p));
  }

  // ------------------------------------------------------------ 4. small schools

  /**
   * Item 4: a 35-pupil school's "complete" read missing 15 pupils (43%) is held, pupils and parents
   * both; a handful of leavers (3) is not.
   */
  @Test
  void aThirdOfASmallSchoolGoneIsHeldButAHandfulIsNot() {
    product.sync(school(35).build());
    MisSnapshot fifteen = without(school(35), 0, 15).build();
    GateVerdict v = gate.evaluate(product.planner.plan(product.state(), fifteen), fifteen);
    Set<EntityType> held =
        v.reasons().stream()
            .filter(r -> r.code() == HoldReason.Code.THRESHOLD_EXCEEDED)
            .map(r -> r.type().orElseThrow())
            .collect(Collectors.toSet());
    assertTrue(held.containsAll(Set.of(EntityType.STUDENT, EntityType.CONTACT)), v::toString);
    MisSnapshot three = without(school(35), 0, 3).build();
    assertFalse(gate.evaluate(product.planner.plan(product.state(), three), three).isHeld());
  }

  // ------------------------------------------------------------ 5. duplicate keys

  /**
   * Item 5: two pupils with one UPN on a first sync are a review item, and neither is created on a
   * guess; two staff with one email likewise. The others are created as usual.
   */
  @Test
  void duplicateUpnsAndStaffEmailsAreReviewItems() {
    MisSnapshot s =
        snapshot()
            .addStudent(student("S1", "Amelia", "Smith").upn("A000000000110").build())
            .addStudent(student("S2", "Amelie", "Smyth").upn("A000000000110").build())
            .addStudent(student("S3", "Oliver", "Jones").upn("A000000000330").build())
            .addStaff(staff("T1", "Ruth", "Evans").email("office@school.example.org").build())
            .addStaff(staff("T2", "Tom", "Hughes").email("Office@school.example.org").build())
            .build();
    Plan p = product.planner.plan(product.state(), s);
    Set<PersonRef> created =
        of(p, ChangeKind.CREATE_ACCOUNT).stream()
            .map(c -> ((CreateAccount) c).account().person())
            .collect(Collectors.toSet());
    assertEquals(Set.of(PersonRef.student("S3")), created);
    List<ReviewItem> dup =
        p.reviewItems().stream()
            .filter(r -> r.reason().code().name().equals("DUPLICATE_KEY"))
            .collect(Collectors.toList());
    assertEquals(2, dup.size(), p.reviewItems()::toString);
  }

  /**
   * Item 5: a UPN that a pupil already on roll shares by mistake with a newcomer never hands the
   * newcomer an existing (unlinked) account with that UPN: the match is reviewed.
   */
  @Test
  void aDuplicatedUpnNeverMatchesAnExistingAccount() {
    product.sync(
        snapshot()
            .addStudent(student("S1", "Amelia", "Smith").upn("A000000000110").build())
            .addStudent(student("S5", "Oliver", "Jones").upn("A000000000550").build())
            .build());
    // S1's account is unlinked (adopted from the product before missync, say)
    Account acc = product.account(PersonRef.student("S1"));
    product.store.commit(
        Fx.SCHOOL,
        product.state().version(),
        io.missync.core.state.StateUpdate.account(acc.toBuilder().link(null).build()));
    MisSnapshot s =
        snapshot()
            .addStudent(student("S5", "Oliver", "Jones").upn("A000000000110").build())
            .addStudent(student("N1", "Zed", "One").upn("A000000000110").build())
            .build();
    Plan p = product.planner.plan(product.state(), s);
    assertEquals(List.of(), of(p, ChangeKind.REKEY_ACCOUNT), p.changes()::toString);
    assertEquals(List.of(), of(p, ChangeKind.CREATE_ACCOUNT));
  }

  // ------------------------------------------------------------ 7. admission dates

  /**
   * Item 7: a pupil on roll whose admission date is in September (the new intake, loaded in July)
   * gets no working account before that date under the default policy; on the day they do.
   */
  @Test
  void aPupilIsNotGivenAWorkingAccountBeforeTheirAdmissionDate() {
    MisSnapshot s =
        snapshot()
            .addStudent(student("S1", "Amelia", "Smith").build())
            .addStudent(student("S9", "Nina", "New").admissionDate(Fx.TODAY.plusMonths(6)).build())
            .build();
    Plan p = product.planner.plan(product.state(), s);
    Set<PersonRef> created =
        of(p, ChangeKind.CREATE_ACCOUNT).stream()
            .map(c -> ((CreateAccount) c).account().person())
            .collect(Collectors.toSet());
    assertEquals(Set.of(PersonRef.student("S1")), created);
    MisSnapshot onTheDay =
        snapshot()
            .addStudent(student("S1", "Amelia", "Smith").build())
            .addStudent(student("S9", "Nina", "New").admissionDate(Fx.TODAY).build())
            .build();
    assertEquals(
        2, of(product.planner.plan(product.state(), onTheDay), ChangeKind.CREATE_ACCOUNT).size());
  }
}
