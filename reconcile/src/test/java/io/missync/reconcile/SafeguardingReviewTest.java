package io.missync.reconcile;

import static io.missync.reconcile.Fx.codes;
import static io.missync.reconcile.Fx.contact;
import static io.missync.reconcile.Fx.group;
import static io.missync.reconcile.Fx.link;
import static io.missync.reconcile.Fx.member;
import static io.missync.reconcile.Fx.of;
import static io.missync.reconcile.Fx.snapshot;
import static io.missync.reconcile.Fx.staff;
import static io.missync.reconcile.Fx.student;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.GroupKind;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.model.SourceInfo;
import io.missync.core.plan.Change;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.CreateAccount;
import io.missync.core.plan.DeactivateAccount;
import io.missync.core.plan.GateVerdict;
import io.missync.core.plan.HoldReason;
import io.missync.core.plan.Plan;
import io.missync.core.plan.ReasonCode;
import io.missync.core.plan.RekeyAccount;
import io.missync.core.plan.ReviewItem;
import io.missync.core.plan.UnlinkGuardian;
import io.missync.core.spi.ChangeContext;
import io.missync.core.spi.ChangeResult;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.SnapshotSource;
import io.missync.core.state.Account;
import io.missync.core.state.TargetState;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Adversarial scenarios from a review of the planner, gate, applier and runner against the rules in
 * DESIGN.md ("Rules the planner must get right"). Each test names the rule it defends.
 */
class SafeguardingReviewTest {
  private static final PersonRef S1 = PersonRef.student("S1");
  private static final PersonRef S2 = PersonRef.student("S2");
  private static final PersonRef C1 = PersonRef.contact("C1");
  private static final PersonRef T1 = PersonRef.staff("T1");
  private static final String UPN_S2 = "A000000000022";

  /** Two siblings sharing one mother, a teacher, a form. */
  private static MisSnapshot.Builder family() {
    return snapshot()
        .addStudent(student("S1", "Amelia", "Smith").build())
        .addStudent(student("S2", "Oliver", "Smith").upn(UPN_S2).build())
        .addStaff(staff("T1", "Ruth", "Evans").build())
        .addContact(contact("C1", "Jane", "Smith").email("jane@home.example.net").build())
        .addGuardianLink(link("C1", "S1"))
        .addGuardianLink(link("C1", "S2"))
        .addGroup(group("6A", GroupKind.REGISTRATION, "6A"))
        .addMembership(member("6A", "S1"))
        .addMembership(member("6A", "S2"));
  }

  private static Fx.Product provisioned(MisSnapshot s) {
    return Fx.provisioned(s);
  }

  private static Set<PersonRef> deactivated(Plan p) {
    return of(p, ChangeKind.DEACTIVATE_ACCOUNT).stream()
        .map(c -> ((DeactivateAccount) c).account().person())
        .collect(Collectors.toSet());
  }

  private static MisSnapshot.Builder delta() {
    return MisSnapshot.builder(
        new SourceInfo(Fx.SCHOOL, "test", "SIMS", Instant.parse("2026-03-10T07:00:00Z")));
  }

  // ------------------------------------------------------------ leavers and contacts

  /** Rule: a leaver loses access in the same run; a contact keeps access while a sibling stays. */
  @Test
  void oneSiblingLeavingByDateKeepsTheSharedContactAndUnlinksOnlyThatSibling() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot s1Left =
        family()
            .put(student("S1", "Amelia", "Smith").leavingDate(Fx.TODAY.minusDays(1)).build())
            .build();
    Plan p = product.sync(s1Left);
    assertEquals(Set.of(S1), deactivated(p));
    List<Change> unlinks = of(p, ChangeKind.UNLINK_GUARDIAN);
    assertEquals(1, unlinks.size(), p.changes()::toString);
    assertEquals(S1, ((UnlinkGuardian) unlinks.get(0)).student().person());
    assertTrue(product.account(C1).active());
    // next day the other sibling leaves too: the mother goes with her, in that same run
    MisSnapshot bothLeft =
        s1Left.toBuilder()
            .put(student("S2", "Oliver", "Smith").upn(UPN_S2).leavingDate(Fx.TODAY).build())
            .build();
    Plan tomorrow =
        new Planner(SyncPolicy.defaults(), Fx.credentials(), dayAfter())
            .plan(product.state(), bothLeft);
    assertEquals(Set.of(S2, C1), deactivated(tomorrow));
    assertEquals(
        ReasonCode.NO_ACTIVE_STUDENT,
        of(tomorrow, ChangeKind.DEACTIVATE_ACCOUNT).stream()
            .filter(c -> c.entityType() == EntityType.CONTACT)
            .findFirst()
            .orElseThrow()
            .reason()
            .code());
  }

  private static Clock dayAfter() {
    return Clock.fixed(Fx.TODAY.plusDays(1).atTime(8, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
  }

  /**
   * Rule: a leaver loses access in the same run (contacts too), and a partial type never implies a
   * leaver. A pupil deleted in a partial delta is deactivated; their mother, whose only child that
   * was, must go in the same run, not at the next full read.
   */
  @Test
  void theOnlyChildDeletedInAPartialDeltaTakesTheContactWithThemInTheSameRun() {
    MisSnapshot onlyChild =
        snapshot()
            .addStudent(student("S1", "Amelia", "Smith").build())
            .addStudent(student("S3", "Noah", "Jones").upn("A000000000033").build())
            .addContact(contact("C1", "Jane", "Smith").build())
            .addContact(contact("C3", "Sam", "Jones").build())
            .addGuardianLink(link("C1", "S1"))
            .addGuardianLink(link("C3", "S3"))
            .build();
    Fx.Product product = provisioned(onlyChild);
    // a delta: Noah's record changed (so he is in it), Amelia was deleted; everything partial
    MisSnapshot d =
        delta()
            .addStudent(student("S3", "Noah", "Jones").upn("A000000000033").build())
            .markDeleted(S1)
            .build();
    assertEquals(Completeness.PARTIAL, d.completeness(EntityType.STUDENT));
    Plan p = product.sync(d);
    assertEquals(Set.of(S1, C1), deactivated(p), p.changes()::toString);
    assertTrue(product.account(PersonRef.contact("C3")).active(), "Noah's parent stays");
    // nothing else: absence from the delta means nothing
    assertEquals(2, of(p, ChangeKind.DEACTIVATE_ACCOUNT).size());
  }

  /** As above, but the delta carries the contact (changed phone) as well. */
  @Test
  void aContactInAPartialDeltaWhoseOnlyChildLeftByDateIsDeactivated() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot d =
        delta()
            .addStudent(student("S1", "Amelia", "Smith").leavingDate(Fx.TODAY.minusDays(2)).build())
            .addStudent(
                student("S2", "Oliver", "Smith")
                    .upn(UPN_S2)
                    .leavingDate(Fx.TODAY.minusDays(2))
                    .build())
            .addContact(
                contact("C1", "Jane", "Smith")
                    .email("jane@home.example.net")
                    .phone("07700 900123")
                    .build())
            .addGuardianLink(link("C1", "S1"))
            .addGuardianLink(link("C1", "S2"))
            .build();
    Plan p = product.sync(d);
    assertEquals(Set.of(S1, S2, C1), deactivated(p), p.changes()::toString);
    assertFalse(product.account(C1).active());
  }

  /** But a partial read that cannot see the other child never deactivates the contact. */
  @Test
  void aPartialReadKeepsAContactWhoseOtherChildItCannotSee() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot d =
        delta()
            .addStudent(student("S1", "Amelia", "Smith").leavingDate(Fx.TODAY.minusDays(2)).build())
            .addContact(contact("C1", "Jane", "Smith").email("jane@home.example.net").build())
            .addGuardianLink(link("C1", "S1"))
            .build();
    Plan p = product.sync(d);
    assertEquals(Set.of(S1), deactivated(p), p.changes()::toString);
    assertTrue(product.account(C1).active());
  }

  /** A member of staff who leaves but is also a parent keeps the parent account only. */
  @Test
  void aStaffLeaverWhoIsAlsoAParentKeepsTheParentAccount() {
    MisSnapshot withParentTeacher =
        family()
            .addContact(
                contact("C2", "Ruth", "Evans").email("ruth.evans@school.example.org").build())
            .addGuardianLink(link("C2", "S2").toBuilder().priority(2).build())
            .build();
    Fx.Product product = provisioned(withParentTeacher);
    Account parent = product.account(PersonRef.contact("C2"));
    MisSnapshot left =
        withParentTeacher.toBuilder()
            .put(staff("T1", "Ruth", "Evans").employmentEnd(Fx.TODAY.minusDays(1)).build())
            .build();
    Plan p = product.sync(left);
    assertEquals(Set.of(T1), deactivated(p));
    assertFalse(product.account(T1).active());
    assertTrue(product.account(PersonRef.contact("C2")).active());
    assertEquals(parent.accountId(), product.account(PersonRef.contact("C2")).accountId());
    assertNotEquals(parent.accountId(), product.account(T1).accountId());
  }

  /**
   * A member of staff who left comes back as a parent: they get a parent account, never their old
   * staff account (reactivating it would hand back staff access).
   */
  @Test
  void aStaffLeaverWhoComesBackAsAParentGetsAParentAccountNotTheStaffOne() {
    Fx.Product product = provisioned(family().build());
    String staffAccount = product.account(T1).accountId();
    product.sync(family().remove(T1).removeMembershipsIf(m -> m.personId().equals("T1")).build());
    assertFalse(product.account(T1).active());
    MisSnapshot back =
        family()
            .remove(T1)
            .removeMembershipsIf(m -> m.personId().equals("T1"))
            .addContact(
                contact("C9", "Ruth", "Evans").email("ruth.evans@school.example.org").build())
            .addGuardianLink(link("C9", "S1").toBuilder().priority(2).build())
            .build();
    Plan p = product.sync(back);
    assertEquals(List.of(), of(p, ChangeKind.REACTIVATE_ACCOUNT));
    assertEquals(List.of(), of(p, ChangeKind.REKEY_ACCOUNT));
    assertEquals(1, of(p, ChangeKind.CREATE_ACCOUNT).size());
    Account parent = product.account(PersonRef.contact("C9"));
    assertNotEquals(staffAccount, parent.accountId());
    assertEquals(EntityType.CONTACT, parent.kind());
    assertFalse(product.state().account(staffAccount).orElseThrow().active());
  }

  // ------------------------------------------------------------ parental responsibility

  /** Losing parental responsibility for one child unlinks that child only. */
  @Test
  void losingParentalResponsibilityForOneSiblingUnlinksThatSiblingOnly() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot noPrForS2 =
        family()
            .removeGuardianLinksIf(l -> l.studentId().equals("S2"))
            .addGuardianLink(link("C1", "S2").toBuilder().parentalResponsibility(false).build())
            .build();
    Plan p = product.sync(noPrForS2);
    List<Change> unlinks = of(p, ChangeKind.UNLINK_GUARDIAN);
    assertEquals(1, unlinks.size(), p.changes()::toString);
    assertEquals(S2, ((UnlinkGuardian) unlinks.get(0)).student().person());
    assertEquals(Set.of(), deactivated(p));
    assertEquals(1, product.state().guardianLinks().size());
  }

  /**
   * The snapshot says outright that the mother no longer holds parental responsibility (a court
   * order). Even when the guardian links are only a partial read, that link is evidence on its own:
   * the link goes, and with it her account when it was her only eligible child.
   */
  @Test
  void anExplicitLossOfParentalResponsibilityInAPartialReadStillUnlinks() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot d =
        delta()
            .addStudent(student("S2", "Oliver", "Smith").upn(UPN_S2).build())
            .addContact(contact("C1", "Jane", "Smith").email("jane@home.example.net").build())
            .addGuardianLink(link("C1", "S2").toBuilder().parentalResponsibility(false).build())
            .build();
    assertEquals(Completeness.PARTIAL, d.completeness(EntityType.GUARDIAN_LINK));
    Plan p = product.sync(d);
    List<Change> unlinks = of(p, ChangeKind.UNLINK_GUARDIAN);
    assertEquals(1, unlinks.size(), p.changes()::toString);
    assertEquals(S2, ((UnlinkGuardian) unlinks.get(0)).student().person());
    // she still holds responsibility for Amelia (not in this read): she keeps her account
    assertEquals(Set.of(), deactivated(p));
    assertEquals(List.of(), product.planner.plan(product.state(), d).changes(), "converges");

    // the same for her only child: the link goes and so does her account
    MisSnapshot only =
        snapshot()
            .addStudent(student("S1", "Amelia", "Smith").build())
            .addContact(contact("C1", "Jane", "Smith").build())
            .addGuardianLink(link("C1", "S1"))
            .build();
    Fx.Product single = provisioned(only);
    MisSnapshot lost =
        delta()
            .addContact(contact("C1", "Jane", "Smith").build())
            .addStudent(student("S1", "Amelia", "Smith").build())
            .addGuardianLink(link("C1", "S1").toBuilder().parentalResponsibility(false).build())
            .build();
    Plan q = single.sync(lost);
    assertEquals(Set.of(C1), deactivated(q), q.changes()::toString);
    assertEquals(1, of(q, ChangeKind.UNLINK_GUARDIAN).size());
    assertEquals(List.of(), single.planner.plan(single.state(), lost).changes(), "converges");
  }

  // ------------------------------------------------------------ re-joiners and migrations

  /** A re-joiner under a new MIS id (re-admitted) gets the old account back, no new password. */
  @Test
  void aRejoinerUnderANewMisIdIsReactivatedWithTheOldCredentials() {
    Fx.Product product = provisioned(family().build());
    String id = product.account(S2).accountId();
    MisSnapshot gone = Fx.without(family(), S2).build();
    product.sync(gone);
    assertFalse(product.account(S2).active());
    MisSnapshot readmitted =
        gone.toBuilder()
            .addStudent(student("S2b", "Oliver", "Smith").upn(UPN_S2).build())
            .addGuardianLink(link("C1", "S2b"))
            .build();
    int sent = product.sink.received.size();
    Plan p = product.sync(readmitted);
    assertEquals(List.of(), of(p, ChangeKind.CREATE_ACCOUNT), p.changes()::toString);
    assertEquals(1, of(p, ChangeKind.REKEY_ACCOUNT).size());
    assertEquals(1, of(p, ChangeKind.REACTIVATE_ACCOUNT).size());
    Account now = product.account(PersonRef.student("S2b"));
    assertEquals(id, now.accountId());
    assertTrue(now.active());
    assertTrue(
        product.sink.received.subList(sent, product.sink.received.size()).stream()
            .noneMatch(c -> c instanceof CreateAccount),
        "no credentials issued");
  }

  /**
   * An MIS migration that re-keys every id mid-year, where the new MIS holds two records with the
   * same UPN (a duplicate made by the migration): both are reviewed, the account is not given to
   * either, nobody is deactivated or created, and the gate holds the plan.
   */
  @Test
  void aMigrationWithDuplicatedUpnsReviewsBothAndDeactivatesNobody() {
    MisSnapshot.Builder b = snapshot();
    for (int i = 0; i < 15; i++) {
      b.addStudent(student("S" + i, "Kid", "No" + i).upn(String.format("A%011d0", i)).build());
    }
    MisSnapshot before = b.build();
    Fx.Product product = provisioned(before);
    MisSnapshot.Builder m = snapshot();
    for (var s : before.students()) {
      m.addStudent(s.toBuilder().id("new-" + s.id()).build());
    }
    m.addStudent(before.students().get(3).toBuilder().id("dup-S3").build());
    MisSnapshot migrated = m.build();
    Plan p = product.planner.plan(product.state(), migrated);
    assertEquals(List.of(), of(p, ChangeKind.DEACTIVATE_ACCOUNT), p.changes()::toString);
    assertEquals(List.of(), of(p, ChangeKind.CREATE_ACCOUNT));
    assertEquals(14, of(p, ChangeKind.REKEY_ACCOUNT).size());
    String s3Account = product.account(PersonRef.student("S3")).accountId();
    assertTrue(
        of(p, ChangeKind.REKEY_ACCOUNT).stream()
            .noneMatch(c -> ((RekeyAccount) c).accountId().equals(s3Account)));
    assertEquals(
        Set.of(PersonRef.student("new-S3"), PersonRef.student("dup-S3")),
        p.reviewItems().stream()
            .filter(r -> r instanceof ReviewItem.AmbiguousMatch)
            .map(r -> ((ReviewItem.AmbiguousMatch) r).person())
            .collect(Collectors.toSet()));
    GateVerdict v = new SafetyGate(GatePolicy.defaults()).evaluate(p, migrated);
    assertTrue(
        v.reasons().stream().anyMatch(r -> r.code() == HoldReason.Code.MIGRATION_DETECTED),
        v::toString);
  }

  /**
   * Two parents with the same name (Pat Smith senior, Amy's parent; Pat Smith junior, Cal's). The
   * new MIS of a migration also lists senior as Cal's contact. Junior's new record matches only
   * junior's account (through Cal); senior's matches both (through Amy and through Cal). Junior's
   * account being surely junior's, senior's is the one left: both are re-keyed in the same run and
   * the next run has nothing to do (before, senior was reviewed as ambiguous, then re-keyed a run
   * later, once junior's account was taken).
   */
  @Test
  void aSurerMatchOfOneSameNamedParentSettlesTheOthersInTheSameRun() {
    MisSnapshot.Builder b = snapshot();
    b.addStudent(student("S1", "Amy", "Smith").upn("A000000000011").build());
    b.addStudent(student("S3", "Cal", "Smith").upn("A000000000033").build());
    b.addContact(contact("P1", "Pat", "Smith").build());
    b.addContact(contact("P2", "Pat", "Smith").build());
    b.addGuardianLink(link("P1", "S1")).addGuardianLink(link("P2", "S3"));
    MisSnapshot before = b.build();
    Fx.Product product = provisioned(before);
    String senior = product.account(PersonRef.contact("P1")).accountId();
    String junior = product.account(PersonRef.contact("P2")).accountId();
    MisSnapshot.Builder m = snapshot();
    for (var s : before.students()) {
      m.addStudent(s.toBuilder().id("new-" + s.id()).build());
    }
    for (var c : before.contacts()) {
      m.addContact(c.toBuilder().id("new-" + c.id()).build());
    }
    m.addGuardianLink(link("new-P1", "new-S1"))
        .addGuardianLink(link("new-P1", "new-S3"))
        .addGuardianLink(link("new-P2", "new-S3"));
    MisSnapshot migrated = m.build();
    Plan p = product.sync(migrated);
    assertEquals(List.of(), p.reviewItems(), p.reviewItems()::toString);
    assertEquals(
        Set.of(senior + "->new-P1", junior + "->new-P2"),
        of(p, ChangeKind.REKEY_ACCOUNT).stream()
            .map(c -> (RekeyAccount) c)
            .filter(r -> r.next().type() == EntityType.CONTACT)
            .map(r -> r.accountId() + "->" + r.next().id())
            .collect(Collectors.toSet()));
    Plan next = product.planner.plan(product.state(), migrated);
    assertEquals(List.of(), next.changes(), next.changes()::toString);
  }

  // ------------------------------------------------------------ deactivate, never delete

  /**
   * The hard-delete grace period is per entity type: a grace set for contacts deletes an expired
   * contact and never a student deactivated as long ago; a leaver who is back after the grace
   * period is reactivated, not deleted.
   */
  @Test
  void theGracePeriodIsPerTypeAndARejoinerPastItIsReactivatedNotDeleted() {
    LocalDate longAgo = Fx.TODAY.minusDays(40);
    Account oldPupil =
        Account.builder("acc-p", EntityType.STUDENT)
            .link(PersonRef.student("GONE"))
            .active(false)
            .deactivatedOn(longAgo)
            .build();
    Account oldParent =
        Account.builder("acc-c", EntityType.CONTACT)
            .link(PersonRef.contact("GONE-C"))
            .active(false)
            .deactivatedOn(longAgo)
            .build();
    Account back =
        Account.builder("acc-b", EntityType.STUDENT)
            .link(S1)
            .active(false)
            .deactivatedOn(longAgo)
            .build();
    TargetState state =
        TargetState.builder(Fx.SCHOOL, 1)
            .putAccount(oldPupil)
            .putAccount(oldParent)
            .putAccount(back)
            .build();
    SyncPolicy contactsOnly =
        SyncPolicy.builder()
            .hardDeleteAfter(EntityType.CONTACT, java.time.Period.ofDays(30))
            .build();
    MisSnapshot s = snapshot().addStudent(student("S1", "Amelia", "Smith").build()).build();
    Plan p = Fx.planner(contactsOnly).plan(state, s);
    assertEquals(
        List.of("acc-c"),
        of(p, ChangeKind.DELETE_ACCOUNT).stream()
            .map(c -> ((io.missync.core.plan.DeleteAccount) c).account().accountId())
            .toList());
    assertEquals(List.of(ReasonCode.REJOINED), codes(p, ChangeKind.REACTIVATE_ACCOUNT));
    // a grace period for students too: the rejoiner is still reactivated, never deleted
    SyncPolicy both =
        contactsOnly.toBuilder()
            .hardDeleteAfter(EntityType.STUDENT, java.time.Period.ofDays(30))
            .build();
    Plan q = Fx.planner(both).plan(state, s);
    assertEquals(
        Set.of("acc-c", "acc-p"),
        of(q, ChangeKind.DELETE_ACCOUNT).stream()
            .map(c -> ((io.missync.core.plan.DeleteAccount) c).account().accountId())
            .collect(Collectors.toSet()));
    assertEquals(List.of(ReasonCode.REJOINED), codes(q, ChangeKind.REACTIVATE_ACCOUNT));
    // a partial read never deletes: absence is not evidence
    MisSnapshot partial =
        s.toBuilder()
            .completeness(EntityType.STUDENT, Completeness.PARTIAL)
            .completeness(EntityType.CONTACT, Completeness.PARTIAL)
            .build();
    assertEquals(List.of(), of(Fx.planner(both).plan(state, partial), ChangeKind.DELETE_ACCOUNT));
  }

  // ------------------------------------------------------------ uncertain matches

  /** The family, with the SENCo (T1) on the shared senco@ role address, and two colleagues. */
  private static MisSnapshot.Builder withSenco() {
    return family()
        .put(staff("T1", "Ruth", "Evans").email("senco@school.example.org").build())
        .addStaff(staff("T2", "Tom", "Hughes").build())
        .addStaff(staff("T3", "Asha", "Patel").build());
  }

  /** The SENCo leaves and her successor, a different person, takes over the senco@ address. */
  private static MisSnapshot newSenco() {
    return withSenco()
        .remove(T1)
        .addStaff(staff("T9", "Priya", "Shah").email("senco@school.example.org").build())
        .build();
  }

  /**
   * Rule: a leaver loses access in the same run. Outside a migration an email match is only a
   * guess: the departing SENCo's account is deactivated now, the match waits for a person, and the
   * new SENCo is not handed the account (nor created) until then.
   */
  @Test
  void aDepartingSencoWhoseRoleEmailIsReusedLosesAccessWhileTheMatchIsReviewed() {
    Fx.Product product = provisioned(withSenco().build());
    String t1Account = product.account(T1).accountId();
    Plan p = product.planner.plan(product.state(), newSenco());
    assertEquals(Set.of(T1), deactivated(p));
    assertEquals(List.of(ReasonCode.LEFT_SOURCE), codes(p, ChangeKind.DEACTIVATE_ACCOUNT));
    assertEquals(List.of(), of(p, ChangeKind.REKEY_ACCOUNT));
    assertEquals(List.of(), of(p, ChangeKind.CREATE_ACCOUNT));
    ReviewItem.PossibleDuplicate review = (ReviewItem.PossibleDuplicate) p.reviewItems().get(0);
    assertEquals(PersonRef.staff("T9"), review.person());
    assertEquals(t1Account, review.accountId());

    // trusting email matches must not hand the leaver's account and credentials to someone else
    SyncPolicy trustEmail = SyncPolicy.builder().autoApplyLikelyMatches(true).build();
    Plan auto = Fx.planner(trustEmail).plan(product.state(), newSenco());
    assertEquals(List.of(), of(auto, ChangeKind.REKEY_ACCOUNT));
    assertEquals(Set.of(T1), deactivated(auto));
    assertEquals(1, auto.reviewItems().size());

    // applied: the account is off; a person who decides "same person after all" links it to T9,
    // and the next run reactivates it with its old credentials
    product.applier.apply(p);
    assertFalse(product.state().account(t1Account).orElseThrow().active());
    TargetState st = product.state();
    Account confirmed =
        st.account(t1Account).orElseThrow().toBuilder().link(PersonRef.staff("T9")).build();
    product.store.commit(
        Fx.SCHOOL, st.version(), io.missync.core.state.StateUpdate.account(confirmed));
    Plan after = product.planner.plan(product.state(), newSenco());
    assertEquals(List.of(ReasonCode.REJOINED), codes(after, ChangeKind.REACTIVATE_ACCOUNT));
    assertEquals(List.of(), of(after, ChangeKind.CREATE_ACCOUNT));
  }

  /**
   * A Year 6 leaver and a joiner with the same name in the same year (no UPN on the joiner yet): a
   * possible match is reviewed, and the leaver's account is deactivated meanwhile, not kept active
   * for the joiner to inherit.
   */
  @Test
  void aLeaverAndAJoinerWithTheSameNameAndYearDoNotShareAccess() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot next =
        Fx.without(family(), S1)
            .addStudent(
                student("S7", "Amelia", "Smith")
                    .upn(null)
                    .dateOfBirth(LocalDate.of(2015, 9, 30))
                    .build())
            .build();
    Plan p = product.planner.plan(product.state(), next);
    assertEquals(Set.of(S1), deactivated(p));
    assertEquals(List.of(), of(p, ChangeKind.CREATE_ACCOUNT));
    ReviewItem.PossibleDuplicate review = (ReviewItem.PossibleDuplicate) p.reviewItems().get(0);
    assertEquals(PersonRef.student("S7"), review.person());
    assertEquals("NAME_YEAR", review.reason().evidence().fact("matchedOn").orElseThrow());
    // the next run, review still open, is stable: nothing more to do
    product.applier.apply(p);
    assertEquals(List.of(), product.planner.plan(product.state(), next).changes());
  }

  /**
   * The name and date of birth case of {@code PlannerTest.nameAndDateOfBirthMatchesAreReviewed...}
   * in a school where one pupil of two changed id (no migration, no id churn): the leaver goes now
   * and the review decides whether the newcomer is them.
   */
  @Test
  void aNameAndDateOfBirthMatchOutsideAMigrationStillDeactivatesTheLeaver() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot next =
        Fx.without(family(), S1)
            .addStudent(student("N1", "Amélia", "SMITH").upn(null).build())
            .build();
    Plan p = product.planner.plan(product.state(), next);
    assertEquals(Set.of(S1), deactivated(p));
    assertEquals(List.of(ReasonCode.LEFT_SOURCE), codes(p, ChangeKind.DEACTIVATE_ACCOUNT));
    assertEquals(List.of(), of(p, ChangeKind.CREATE_ACCOUNT));
    ReviewItem.PossibleDuplicate review = (ReviewItem.PossibleDuplicate) p.reviewItems().get(0);
    assertEquals("NAME_DOB", review.reason().evidence().fact("matchedOn").orElseThrow());
    assertEquals(product.account(S1).accountId(), review.accountId());
  }

  /**
   * During an announced migration an uncertain match keeps today's behaviour: nobody is deactivated
   * or recreated while a person decides, and trusted email matches are re-keyed. The runs after the
   * migration's first, when the pupils are re-keyed and only the staff's reviews are open, show it
   * as mass id churn of the staff (every one of them has a new id and a match): still nobody is
   * deactivated.
   */
  @Test
  void duringAMigrationAnUncertainMatchDeactivatesNobody() {
    Fx.Product product = provisioned(withSenco().build());
    Plan p = product.planner.plan(product.state(), newSenco(), true);
    assertEquals(Set.of(), deactivated(p));
    assertEquals(1, p.reviewItems().size());
    SyncPolicy trustEmail = SyncPolicy.builder().autoApplyLikelyMatches(true).build();
    Plan auto = Fx.planner(trustEmail).plan(product.state(), newSenco(), true);
    assertEquals(1, of(auto, ChangeKind.REKEY_ACCOUNT).size());
    assertEquals(Set.of(), deactivated(auto));

    // every member of staff has a new id, each matched by email only: churn, not three leavers
    MisSnapshot staffMigrated =
        withSenco()
            .remove(T1)
            .remove(PersonRef.staff("T2"))
            .remove(PersonRef.staff("T3"))
            .addStaff(staff("NT1", "Ruth", "Evans").email("senco@school.example.org").build())
            .addStaff(staff("NT2", "Tom", "Hughes").build())
            .addStaff(staff("NT3", "Asha", "Patel").build())
            .build();
    Plan churn = product.planner.plan(product.state(), staffMigrated);
    assertEquals(Set.of(), deactivated(churn));
    assertEquals(3, churn.reviewItems().size());
    // churn alone is not a migration to hand accounts over on an email match
    Plan churnTrusting = Fx.planner(trustEmail).plan(product.state(), staffMigrated);
    assertEquals(List.of(), of(churnTrusting, ChangeKind.REKEY_ACCOUNT));
    assertEquals(3, churnTrusting.reviewItems().size());
  }

  // ------------------------------------------------------------ dates and clocks

  /**
   * Leaving dates are judged on the school's calendar day (Europe/London unless the policy says
   * otherwise), whatever the zone of the clock passed in: at 00:30 on 1 June in London (23:30 UTC
   * on 31 May) a pupil whose leaving date was 31 May has left; at 23:59 on 31 May, the leaving day
   * itself, they have not.
   */
  @Test
  void leavingDatesAreJudgedOnTheSchoolsCalendarDay() {
    LocalDate lastDay = LocalDate.of(2026, 5, 31);
    ZoneId london = ZoneId.of("Europe/London");
    MisSnapshot s =
        family().put(student("S1", "Amelia", "Smith").leavingDate(lastDay).build()).build();
    Fx.Product product = provisioned(family().build());
    TargetState state = product.state();
    Clock justAfterMidnight =
        Clock.fixed(Instant.parse("2026-05-31T23:30:00Z"), london); // 00:30 BST, 1 June
    Clock lastMinute = Clock.fixed(Instant.parse("2026-05-31T22:59:00Z"), london); // 23:59 BST
    Clock utcSameInstant = Clock.fixed(Instant.parse("2026-05-31T23:30:00Z"), ZoneOffset.UTC);
    assertEquals(
        Set.of(S1),
        deactivated(
            new Planner(SyncPolicy.defaults(), Fx.credentials(), justAfterMidnight)
                .plan(state, s)));
    assertEquals(
        Set.of(),
        deactivated(
            new Planner(SyncPolicy.defaults(), Fx.credentials(), lastMinute).plan(state, s)));
    // the same instant on a UTC clock (a host's Clock.systemUTC()) is 1 June in London too: the
    // school's zone decides, not the clock's
    assertEquals(
        Set.of(S1),
        deactivated(
            new Planner(SyncPolicy.defaults(), Fx.credentials(), utcSameInstant).plan(state, s)));
    // a school whose calendar day is UTC's (configured) is still on 31 May at that instant
    SyncPolicy utcSchool = SyncPolicy.builder().schoolZone(ZoneOffset.UTC).build();
    assertEquals(
        Set.of(),
        deactivated(new Planner(utcSchool, Fx.credentials(), justAfterMidnight).plan(state, s)));
  }

  /** Employment that ends today still has today; tomorrow it is over. */
  @Test
  void employmentEndingOnTheRunDayEndsTheNextDay() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot s =
        family().put(staff("T1", "Ruth", "Evans").employmentEnd(Fx.TODAY).build()).build();
    assertEquals(Set.of(), deactivated(product.planner.plan(product.state(), s)));
    assertEquals(
        Set.of(T1),
        deactivated(
            new Planner(SyncPolicy.defaults(), Fx.credentials(), dayAfter())
                .plan(product.state(), s)));
  }

  // ------------------------------------------------------------ gate

  /**
   * An outage of the guardian-links endpoint that answers "no links" for a complete read must not
   * look like every parent left: below the deactivation thresholds (a small school) it would
   * otherwise unlink and deactivate every parent unattended.
   */
  @Test
  void anEmptyCompleteGuardianLinkReadIsHeld() {
    MisSnapshot.Builder b = snapshot();
    for (int i = 0; i < 8; i++) {
      b.addStudent(student("S" + i, "Kid", "No" + i).upn(String.format("A%011d0", i)).build());
      b.addContact(contact("C" + i, "Parent", "No" + i).build());
      b.addGuardianLink(link("C" + i, "S" + i));
    }
    MisSnapshot school = b.build();
    Fx.Product product = provisioned(school);
    MisSnapshot noLinks = school.toBuilder().removeGuardianLinksIf(l -> true).build();
    Plan p = product.planner.plan(product.state(), noLinks);
    assertEquals(8, of(p, ChangeKind.DEACTIVATE_ACCOUNT).size());
    GateVerdict v = new SafetyGate(GatePolicy.defaults()).evaluate(p, noLinks);
    assertTrue(v.isHeld(), v::toString);
    assertTrue(
        v.reasons().stream()
            .anyMatch(
                r ->
                    r.code() == HoldReason.Code.EMPTY_SOURCE
                        && r.entityType() == EntityType.GUARDIAN_LINK),
        v::toString);
    // an ordinary plan of the same school is not held
    assertFalse(
        new SafetyGate(GatePolicy.defaults())
            .evaluate(product.planner.plan(product.state(), school), school)
            .isHeld());
  }

  /** The same for groups: an empty complete group read would archive every class. */
  @Test
  void anEmptyCompleteGroupReadIsHeld() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot noGroups = family().removeGroup("6A").removeMembershipsIf(m -> true).build();
    Plan p = product.planner.plan(product.state(), noGroups);
    assertEquals(1, of(p, ChangeKind.ARCHIVE_GROUP).size());
    GateVerdict v = new SafetyGate(GatePolicy.defaults()).evaluate(p, noGroups);
    assertTrue(
        v.reasons().stream()
            .anyMatch(
                r ->
                    r.code() == HoldReason.Code.EMPTY_SOURCE && r.entityType() == EntityType.GROUP),
        v::toString);
  }

  // ------------------------------------------------------------ runner, journal, held plans

  private SyncRunner runner(Fx.Product product, AtomicReference<MisSnapshot> source) {
    SnapshotSource s = source::get;
    return SyncRunner.builder()
        .source(s)
        .store(product.store)
        .sink(product.sink)
        .credentials(Fx.credentials())
        .clock(Fx.CLOCK)
        .build();
  }

  /** An error that the applier does not catch: the process dies mid-apply. */
  private static final class ProcessDied extends Error {
    private static final long serialVersionUID = 1L;
  }

  /**
   * A plan is applied half-way and the process dies (after the deactivation, which comes first, and
   * the create). The journal keeps what was applied; the next run closes it, plans from the stored
   * state, creates nobody twice and finishes the rest.
   */
  @Test
  void aPlanAppliedHalfWayThenTheProcessDiesIsFinishedByTheNextRun() {
    Fx.Product product = new Fx.Product();
    AtomicReference<MisSnapshot> source = new AtomicReference<>(family().build());
    runner(product, source).run(Fx.SCHOOL);
    // a new pupil joins and Amelia leaves
    MisSnapshot next =
        family()
            .put(student("S1", "Amelia", "Smith").leavingDate(Fx.TODAY.minusDays(1)).build())
            .addStudent(student("S4", "Isla", "Brown").upn("A000000000044").build())
            .addMembership(member("6A", "S4"))
            .build();
    source.set(next);
    int[] calls = {0};
    product.sink.spy =
        c -> {
          // the deactivation and the create go through, then the process dies on the next change
          if (calls[0]++ == 2) {
            throw new ProcessDied();
          }
        };
    assertThrows(ProcessDied.class, () -> runner(product, source).run(Fx.SCHOOL));
    assertEquals(1, product.store.unfinishedApplies(Fx.SCHOOL).size());
    assertTrue(product.state().accountFor(PersonRef.student("S4")).isPresent(), "journaled");
    assertFalse(product.account(S1).active(), "deactivations come first: gone before the crash");
    product.sink.spy = c -> {};
    RunResult r = runner(product, source).run(Fx.SCHOOL);
    assertEquals(RunResult.Outcome.APPLIED, r.outcome());
    assertEquals(List.of(), of(r.plan(), ChangeKind.CREATE_ACCOUNT), "nobody created twice");
    assertFalse(product.account(S1).active(), "the leaver stays without access");
    assertEquals(List.of(), of(r.plan(), ChangeKind.DEACTIVATE_ACCOUNT), "deactivated once");
    assertEquals(
        1,
        product.sink.received.stream()
            .filter(
                c ->
                    c instanceof CreateAccount ca
                        && ca.account().person().equals(PersonRef.student("S4")))
            .count());
    assertTrue(product.store.unfinishedApplies(Fx.SCHOOL).isEmpty());
    assertEquals(
        List.of(),
        product.planner.plan(product.state(), next).changes(),
        "converged after the crash");
  }

  /**
   * A held plan is approved, but the data changes before the next run: the approval was for other
   * changes, so the new plan is held afresh and nothing is applied on the strength of it.
   */
  @Test
  void anApprovalDoesNotCarryOverToAPlanWhoseDataChanged() {
    Fx.Product product = new Fx.Product();
    AtomicReference<MisSnapshot> source = new AtomicReference<>();
    MisSnapshot.Builder b = snapshot();
    for (int i = 0; i < 40; i++) {
      b.addStudent(student("S" + i, "Kid", "No" + i).upn(String.format("A%011d0", i)).build());
    }
    MisSnapshot all = b.build();
    source.set(all);
    runner(product, source).run(Fx.SCHOOL);
    MisSnapshot.Builder half = snapshot();
    all.students().subList(0, 10).forEach(half::addStudent);
    source.set(half.build());
    RunResult held = runner(product, source).run(Fx.SCHOOL);
    assertEquals(RunResult.Outcome.HELD, held.outcome());
    product.store.decide(Fx.SCHOOL, held.plan().id(), HeldPlan.Decision.APPROVED, "dsl@school");
    // before the next run, the export changes: one more pupil is missing
    MisSnapshot.Builder fewer = snapshot();
    all.students().subList(0, 9).forEach(fewer::addStudent);
    source.set(fewer.build());
    RunResult again = runner(product, source).run(Fx.SCHOOL);
    assertEquals(RunResult.Outcome.HELD, again.outcome());
    assertNotEquals(held.plan().id(), again.plan().id());
    assertEquals(
        40, product.state().accounts().stream().filter(Account::active).count(), "nothing applied");
    assertTrue(product.store.applyRecord(Fx.SCHOOL, again.plan().id()).isEmpty(), "no apply begun");
  }

  /** A held plan is refused at apply time once the state it was computed from has moved on. */
  @Test
  void aHeldPlanIsStaleOnceTheStateMovesOn() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot left = family().remove(S2).build();
    Plan held = product.planner.plan(product.state(), left);
    product.sync(family().put(contact("C1", "Jane", "Smyth").build()).build());
    assertThrows(io.missync.core.spi.StaleStateException.class, () -> product.applier.apply(held));
    assertTrue(product.account(S2).active());
    assertTrue(
        product.store.unfinishedApplies(Fx.SCHOOL).isEmpty(), "a refused plan leaves no journal");
  }

  /** A failed deactivation is retried by the next plan: access is not silently kept. */
  @Test
  void aDeactivationTheSinkRefusesIsPlannedAgain() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot gone = family().remove(S2).build();
    Fx.RecordingSink refusing =
        new Fx.RecordingSink() {
          @Override
          public ChangeResult apply(ChangeContext context, Change change) {
            if (change.kind() == ChangeKind.DEACTIVATE_ACCOUNT) {
              return new ChangeResult.Failed("product unavailable", true);
            }
            return super.apply(context, change);
          }
        };
    Applier applier = new Applier(product.store, refusing, Fx.credentials(), Fx.CLOCK);
    applier.apply(product.planner.plan(product.state(), gone));
    assertTrue(product.account(S2).active());
    assertEquals(
        List.of(ReasonCode.LEFT_SOURCE),
        codes(product.planner.plan(product.state(), gone), ChangeKind.DEACTIVATE_ACCOUNT));
  }
}
