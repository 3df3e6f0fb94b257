package io.missync.reconcile;

import static io.missync.reconcile.Fx.codes;
import static io.missync.reconcile.Fx.contact;
import static io.missync.reconcile.Fx.group;
import static io.missync.reconcile.Fx.kinds;
import static io.missync.reconcile.Fx.link;
import static io.missync.reconcile.Fx.member;
import static io.missync.reconcile.Fx.of;
import static io.missync.reconcile.Fx.snapshot;
import static io.missync.reconcile.Fx.staff;
import static io.missync.reconcile.Fx.student;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.GroupKind;
import io.missync.core.model.Membership;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.model.SourceInfo;
import io.missync.core.model.Student;
import io.missync.core.plan.Change;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.CreateAccount;
import io.missync.core.plan.DeactivateAccount;
import io.missync.core.plan.FieldChange;
import io.missync.core.plan.LinkGuardian;
import io.missync.core.plan.MatchConfidence;
import io.missync.core.plan.MoveAccount;
import io.missync.core.plan.Plan;
import io.missync.core.plan.ReasonCode;
import io.missync.core.plan.RekeyAccount;
import io.missync.core.plan.ReviewItem;
import io.missync.core.plan.UpdateAccount;
import io.missync.core.plan.UpdateGroup;
import io.missync.core.state.Account;
import io.missync.core.state.AccountField;
import io.missync.core.state.TargetState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static final PersonRef S1 = PersonRef.student("S1");
  private static final PersonRef S2 = PersonRef.student("S2");
  private static final PersonRef C1 = PersonRef.contact("C1");

  /** Two siblings, one mother, one member of staff, a year group, a form and a class. */
  private static MisSnapshot.Builder family() {
    return snapshot()
        .addStudent(student("S1", "Amelia", "Smith").build())
        .addStudent(student("S2", "Oliver", "Smith").upn("A000000000022").build())
        .addStaff(staff("T1", "Ruth", "Evans").build())
        .addContact(contact("C1", "Jane", "Smith").email("jane@home.example.net").build())
        .addGuardianLink(link("C1", "S1"))
        .addGuardianLink(link("C1", "S2"))
        .addGroup(group("Y6", GroupKind.YEAR, "Yr6"))
        .addGroup(group("6A", GroupKind.REGISTRATION, "6A"))
        .addGroup(group("6B", GroupKind.REGISTRATION, "6B"))
        .addGroup(group("M6", GroupKind.CLASS, "6 Maths"))
        .addMembership(member("Y6", "S1"))
        .addMembership(member("6A", "S1"))
        .addMembership(member("M6", "S1"))
        .addMembership(member("Y6", "S2"))
        .addMembership(Membership.of("6A", PersonRef.staff("T1"), MembershipRole.MAIN_TEACHER));
  }

  private static Fx.Product provisioned(MisSnapshot s) {
    return Fx.provisioned(s);
  }

  @Test
  void firstSyncCreatesGroupsThenAccountsThenMembershipsThenLinks() {
    Plan p = Fx.planner().plan(TargetState.empty(Fx.SCHOOL), family().build());
    List<ChangeKind> k = kinds(p);
    assertEquals(4, of(p, ChangeKind.CREATE_GROUP).size());
    assertEquals(4, of(p, ChangeKind.CREATE_ACCOUNT).size());
    assertEquals(
        List.of(ReasonCode.GUARDIAN_ADDED, ReasonCode.GUARDIAN_ADDED),
        codes(p, ChangeKind.LINK_GUARDIAN));
    assertTrue(k.lastIndexOf(ChangeKind.CREATE_GROUP) < k.indexOf(ChangeKind.CREATE_ACCOUNT));
    assertTrue(k.lastIndexOf(ChangeKind.CREATE_ACCOUNT) < k.indexOf(ChangeKind.JOIN_GROUP));
    assertTrue(k.lastIndexOf(ChangeKind.JOIN_GROUP) < k.indexOf(ChangeKind.LINK_GUARDIAN));
    for (var c : of(p, ChangeKind.CREATE_ACCOUNT)) {
      CreateAccount ca = (CreateAccount) c;
      assertEquals(ReasonCode.NEW_IN_SOURCE, ca.reason().code());
      assertTrue(ca.password().isEmpty(), "a plan never carries a password");
    }
    assertEquals(4, p.statistics().count(ChangeKind.CREATE_ACCOUNT));
  }

  @Test
  void aMirroredProductNeedsNothing() {
    Fx.Product product = provisioned(family().build());
    Plan again = product.planner.plan(product.state(), family().build());
    assertEquals(List.of(), again.changes());
    assertEquals(2, again.statistics().baseline(EntityType.STUDENT));
  }

  @Test
  void usernamesAvoidExistingAndEarlierChoices() {
    MisSnapshot s =
        snapshot()
            .addStudent(student("S1", "Amy", "Smith").build())
            .addStudent(student("S2", "Adam", "Smith").upn("A000000000022").build())
            .addStudent(student("S3", "Anna", "Smíth").upn("A000000000033").build())
            .build();
    TargetState state =
        TargetState.builder(Fx.SCHOOL, 1)
            .putAccount(Account.builder("x", EntityType.STAFF).username("asmith").build())
            .build();
    Plan p = Fx.planner().plan(state, s);
    List<String> names =
        of(p, ChangeKind.CREATE_ACCOUNT).stream().map(c -> ((CreateAccount) c).username()).toList();
    assertEquals(List.of("asmith2", "asmith3", "asmith4"), names);
  }

  @Test
  void renamesUpdateFieldsAndKeepTheUsernameByDefault() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot renamed =
        family()
            .put(student("S1", "Amelia", "Jones").preferredName("Millie", null).build())
            .build();
    Plan p = product.planner.plan(product.state(), renamed);
    UpdateAccount u = (UpdateAccount) of(p, ChangeKind.UPDATE_ACCOUNT).get(0);
    assertEquals(ReasonCode.FIELDS_CHANGED, u.reason().code());
    assertTrue(u.changes().contains(new FieldChange(AccountField.FORENAME, "Amelia", "Millie")));
    assertTrue(u.changes().contains(new FieldChange(AccountField.SURNAME, "Smith", "Jones")));
    assertFalse(u.changes().stream().anyMatch(c -> c.field() == AccountField.USERNAME));
  }

  @Test
  void renamesCanRegenerateTheUsername() {
    SyncPolicy policy =
        SyncPolicy.builder().renames(SyncPolicy.RenameAction.REGENERATE_USERNAME).build();
    Fx.Product product = new Fx.Product(policy);
    product.sync(family().build());
    MisSnapshot renamed = family().put(student("S1", "Amelia", "Jones").build()).build();
    Plan p = product.planner.plan(product.state(), renamed);
    UpdateAccount u = (UpdateAccount) of(p, ChangeKind.UPDATE_ACCOUNT).get(0);
    assertTrue(u.changes().contains(new FieldChange(AccountField.USERNAME, "asmith", "ajones")));
    product.applier.apply(p);
    assertEquals("ajones", product.account(S1).username().orElseThrow());
    assertEquals(List.of(), product.planner.plan(product.state(), renamed).changes());
  }

  @Test
  void legalNamesCanBeShownInsteadOfPreferred() {
    MisSnapshot s =
        snapshot()
            .addStudent(student("S1", "Amelia", "Smith").preferredName("Millie", null).build())
            .build();
    CreateAccount preferred =
        (CreateAccount)
            of(Fx.planner().plan(TargetState.empty(Fx.SCHOOL), s), ChangeKind.CREATE_ACCOUNT)
                .get(0);
    assertEquals("Millie", preferred.fields().get(AccountField.FORENAME));
    SyncPolicy legal = SyncPolicy.builder().names(SyncPolicy.NameSource.LEGAL).build();
    CreateAccount l =
        (CreateAccount)
            of(Fx.planner(legal).plan(TargetState.empty(Fx.SCHOOL), s), ChangeKind.CREATE_ACCOUNT)
                .get(0);
    assertEquals("Amelia", l.fields().get(AccountField.FORENAME));
  }

  @Test
  void yearLabelsAreMapped() {
    MisSnapshot s = family().build();
    Plan p = Fx.planner().plan(TargetState.empty(Fx.SCHOOL), s);
    CreateAccount ca = (CreateAccount) of(p, ChangeKind.CREATE_ACCOUNT).get(0);
    assertEquals("Year 6", ca.fields().get(AccountField.YEAR_GROUP));
    assertTrue(
        p.changes().stream()
            .anyMatch(
                c -> c instanceof io.missync.core.plan.CreateGroup g && g.name().equals("Year 6")));
    YearGroupLabels labels = YearGroupLabels.defaults();
    for (String l : List.of("Y6", "Year Six", "6", "Yr6", "year 6", "Year 06")) {
      assertEquals("Year 6", labels.map(l), l);
    }
    assertEquals("Reception", labels.map("R"));
    assertEquals("Reception", labels.map("Reception"));
    assertEquals("Nursery", labels.map("N"));
    assertEquals("Sixth Form", labels.map("Sixth Form"));
    assertEquals("Top Class", labels.with("Yr6", "Top Class").map("YR6"));
    assertEquals("Yr6", YearGroupLabels.identity().map("Yr6"));
  }

  @Test
  void productOwnedFieldsAreSetOnceAndNeverOverwritten() {
    SyncPolicy policy = SyncPolicy.builder().productOwnedFields(Set.of(AccountField.EMAIL)).build();
    Fx.Product product = new Fx.Product(policy);
    product.sync(family().build());
    assertEquals(
        "jane@home.example.net", product.account(C1).field(AccountField.EMAIL).orElseThrow());
    MisSnapshot changed =
        family().put(contact("C1", "Jane", "Smith").email("new@home.example.net").build()).build();
    assertEquals(List.of(), product.planner.plan(product.state(), changed).changes());
    Plan managed = Fx.planner().plan(product.state(), changed);
    assertEquals(List.of(ReasonCode.FIELDS_CHANGED), codes(managed, ChangeKind.UPDATE_ACCOUNT));
  }

  @Test
  void unmanagedFieldsAreNeitherSetNorCompared() {
    SyncPolicy policy =
        SyncPolicy.builder()
            .managedFields(Set.of(AccountField.FORENAME, AccountField.SURNAME))
            .build();
    Plan p = Fx.planner(policy).plan(TargetState.empty(Fx.SCHOOL), family().build());
    CreateAccount ca = (CreateAccount) of(p, ChangeKind.CREATE_ACCOUNT).get(0);
    assertEquals(Set.of(AccountField.FORENAME, AccountField.SURNAME), ca.fields().keySet());
  }

  @Test
  void aStudentMissingFromACompleteSnapshotIsDeactivatedInTheSameRun() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot gone = Fx.without(family(), S2).build();
    Plan p = product.planner.plan(product.state(), gone);
    assertEquals(List.of(ReasonCode.LEFT_SOURCE), codes(p, ChangeKind.DEACTIVATE_ACCOUNT));
    assertEquals(List.of(ReasonCode.GUARDIAN_REMOVED), codes(p, ChangeKind.UNLINK_GUARDIAN));
    // the mother still has S1: she keeps her account
    assertTrue(
        of(p, ChangeKind.DEACTIVATE_ACCOUNT).stream()
            .noneMatch(c -> c.entityType() == EntityType.CONTACT));
  }

  @Test
  void aPartialSnapshotNeverImpliesLeavers() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot delta =
        Fx.without(family(), S2)
            .completeness(EntityType.STUDENT, Completeness.PARTIAL)
            .completeness(EntityType.GUARDIAN_LINK, Completeness.PARTIAL)
            .completeness(EntityType.MEMBERSHIP, Completeness.PARTIAL)
            .build();
    assertEquals(List.of(), product.planner.plan(product.state(), delta).changes());
    MisSnapshot absent =
        family().build().toBuilder()
            .completeness(EntityType.STAFF, Completeness.ABSENT)
            .remove(PersonRef.staff("T1"))
            .removeMembershipsIf(m -> m.personId().equals("T1"))
            .build();
    assertEquals(
        List.of(),
        of(product.planner.plan(product.state(), absent), ChangeKind.DEACTIVATE_ACCOUNT));
  }

  @Test
  void aLeavingDateThatHasPassedDeactivatesButTodayDoesNot() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot today =
        family().put(student("S1", "Amelia", "Smith").leavingDate(Fx.TODAY).build()).build();
    assertEquals(
        List.of(), of(product.planner.plan(product.state(), today), ChangeKind.DEACTIVATE_ACCOUNT));
    MisSnapshot yesterday =
        family()
            .put(student("S1", "Amelia", "Smith").leavingDate(Fx.TODAY.minusDays(1)).build())
            .build();
    Plan p = product.planner.plan(product.state(), yesterday);
    assertEquals(List.of(ReasonCode.LEAVING_DATE_PASSED), codes(p, ChangeKind.DEACTIVATE_ACCOUNT));
    assertEquals(
        "2026-03-09",
        of(p, ChangeKind.DEACTIVATE_ACCOUNT)
            .get(0)
            .reason()
            .evidence()
            .fact("leavingDate")
            .orElseThrow());
    SyncPolicy ignoreDates = SyncPolicy.builder().leavingDateMakesLeaver(false).build();
    assertEquals(
        List.of(),
        of(
            Fx.planner(ignoreDates).plan(product.state(), yesterday),
            ChangeKind.DEACTIVATE_ACCOUNT));
  }

  @Test
  void staffWhoseEmploymentEndedAreDeactivated() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot ended =
        family()
            .put(staff("T1", "Ruth", "Evans").employmentEnd(Fx.TODAY.minusDays(3)).build())
            .build();
    assertEquals(
        List.of(ReasonCode.EMPLOYMENT_ENDED),
        codes(product.planner.plan(product.state(), ended), ChangeKind.DEACTIVATE_ACCOUNT));
    SyncPolicy keep = SyncPolicy.builder().employmentEndMakesLeaver(false).build();
    assertEquals(
        List.of(),
        of(Fx.planner(keep).plan(product.state(), ended), ChangeKind.DEACTIVATE_ACCOUNT));
  }

  @Test
  void aContactIsDeactivatedWhenItsLastStudentLeavesAfterTheStudents() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot both =
        family()
            .put(student("S1", "Amelia", "Smith").leavingDate(Fx.TODAY.minusDays(1)).build())
            .put(
                student("S2", "Oliver", "Smith")
                    .upn("A000000000022")
                    .leavingDate(Fx.TODAY.minusDays(1))
                    .build())
            .build();
    Plan p = product.planner.plan(product.state(), both);
    List<ReasonCode> deact = codes(p, ChangeKind.DEACTIVATE_ACCOUNT);
    assertEquals(
        List.of(
            ReasonCode.LEAVING_DATE_PASSED,
            ReasonCode.LEAVING_DATE_PASSED,
            ReasonCode.NO_ACTIVE_STUDENT),
        deact);
    assertEquals(EntityType.CONTACT, of(p, ChangeKind.DEACTIVATE_ACCOUNT).get(2).entityType());
  }

  @Test
  void contactEligibilityFollowsThePolicy() {
    MisSnapshot noPr =
        family()
            .removeGuardianLinksIf(l -> true)
            .addGuardianLink(link("C1", "S1").toBuilder().parentalResponsibility(false).build())
            .build();
    Fx.Product product = provisioned(family().build());
    Plan p = product.planner.plan(product.state(), noPr);
    assertEquals(List.of(ReasonCode.NOT_ELIGIBLE), codes(p, ChangeKind.DEACTIVATE_ACCOUNT));
    SyncPolicy anyone = SyncPolicy.builder().contactRequiresParentalResponsibility(false).build();
    assertEquals(
        List.of(),
        of(Fx.planner(anyone).plan(product.state(), noPr), ChangeKind.DEACTIVATE_ACCOUNT));

    MisSnapshot second =
        family()
            .removeGuardianLinksIf(l -> true)
            .addGuardianLink(link("C1", "S1").toBuilder().priority(2).build())
            .build();
    SyncPolicy firstOnly = SyncPolicy.builder().contactMaxPriority(1).build();
    assertEquals(
        0,
        of(
                Fx.planner(firstOnly).plan(TargetState.empty(Fx.SCHOOL), second),
                ChangeKind.CREATE_ACCOUNT)
            .stream()
            .filter(c -> c.entityType() == EntityType.CONTACT)
            .count());
    assertEquals(
        1,
        of(Fx.planner().plan(TargetState.empty(Fx.SCHOOL), second), ChangeKind.CREATE_ACCOUNT)
            .stream()
            .filter(c -> c.entityType() == EntityType.CONTACT)
            .count());

    MisSnapshot noEmail = family().put(contact("C1", "Jane", "Smith").build()).build();
    SyncPolicy needsEmail = SyncPolicy.builder().contactRequiresEmail(true).build();
    assertEquals(
        0,
        of(
                Fx.planner(needsEmail).plan(TargetState.empty(Fx.SCHOOL), noEmail),
                ChangeKind.CREATE_ACCOUNT)
            .stream()
            .filter(c -> c.entityType() == EntityType.CONTACT)
            .count());
  }

  @Test
  void aRelationshipChangeRelinksAndNeverDuplicates() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot changed =
        family()
            .removeGuardianLinksIf(l -> l.studentId().equals("S1"))
            .addGuardianLink(link("C1", "S1").toBuilder().relationship(Relationship.CARER).build())
            .build();
    Plan p = product.planner.plan(product.state(), changed);
    assertEquals(List.of(ChangeKind.LINK_GUARDIAN), kinds(p));
    LinkGuardian l = (LinkGuardian) p.changes().get(0);
    assertEquals(ReasonCode.RELATIONSHIP_CHANGED, l.reason().code());
    assertEquals("Mother", l.reason().evidence().fact("relationship").orElseThrow());
    product.applier.apply(p);
    assertEquals(2, product.state().guardianLinks().size());
    assertEquals(List.of(), product.planner.plan(product.state(), changed).changes());
  }

  @Test
  void rejoinersAreReactivatedUnderTheirOldAccountOrReviewed() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot gone = Fx.without(family(), S2).build();
    product.sync(gone);
    String id = product.account(S2).accountId();
    assertFalse(product.account(S2).active());
    Plan back = product.planner.plan(product.state(), family().build());
    assertEquals(List.of(ReasonCode.REJOINED), codes(back, ChangeKind.REACTIVATE_ACCOUNT));
    assertEquals(List.of(), of(back, ChangeKind.CREATE_ACCOUNT));
    product.applier.apply(back);
    assertEquals(id, product.account(S2).accountId());
    assertTrue(product.account(S2).active());

    Fx.Product reviewing =
        new Fx.Product(SyncPolicy.builder().rejoiners(SyncPolicy.RejoinerAction.REVIEW).build());
    reviewing.sync(family().build());
    reviewing.sync(gone);
    Plan r = reviewing.planner.plan(reviewing.state(), family().build());
    assertEquals(List.of(), of(r, ChangeKind.REACTIVATE_ACCOUNT));
    assertEquals(List.of(), of(r, ChangeKind.CREATE_ACCOUNT));
    assertEquals(ReasonCode.REJOINED, r.reviewItems().get(0).reason().code());
  }

  @Test
  void hardDeletesWaitForTheGracePeriodAndNeverHappenByDefault() {
    Account old =
        Account.builder("acc-9", EntityType.STUDENT)
            .link(PersonRef.student("GONE"))
            .active(false)
            .deactivatedOn(Fx.TODAY.minusDays(40))
            .build();
    TargetState state = TargetState.builder(Fx.SCHOOL, 3).putAccount(old).build();
    MisSnapshot s = family().build();
    assertEquals(List.of(), of(Fx.planner().plan(state, s), ChangeKind.DELETE_ACCOUNT));
    SyncPolicy month =
        SyncPolicy.builder().hardDeleteAfter(EntityType.STUDENT, Period.ofDays(30)).build();
    Plan p = Fx.planner(month).plan(state, s);
    assertEquals(List.of(ReasonCode.GRACE_PERIOD_EXPIRED), codes(p, ChangeKind.DELETE_ACCOUNT));
    assertEquals(ChangeKind.DELETE_ACCOUNT, kinds(p).get(kinds(p).size() - 1));
    SyncPolicy quarter =
        SyncPolicy.builder().hardDeleteAfter(EntityType.STUDENT, Period.ofDays(90)).build();
    assertEquals(List.of(), of(Fx.planner(quarter).plan(state, s), ChangeKind.DELETE_ACCOUNT));
  }

  @Test
  void anMisMigrationRekeysByUpnAndReviewsEmailMatches() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot migrated =
        snapshot()
            .addStudent(
                student("N1", "Amelia", "Smith")
                    .upn(student("S1", "a", "b").build().upn().orElseThrow())
                    .build())
            .addStudent(
                student("N2", "Oliver", "Smith")
                    .upn("A000000000099")
                    .formerUpn("A000000000022")
                    .build())
            .addStaff(staff("NT1", "Ruth", "Evans").build())
            .addContact(contact("NC1", "Jane", "Smith").email("jane@home.example.net").build())
            .addGuardianLink(link("NC1", "N1"))
            .addGuardianLink(link("NC1", "N2"))
            .build();
    Plan p = product.planner.plan(product.state(), migrated);
    List<RekeyAccount> rekeys =
        of(p, ChangeKind.REKEY_ACCOUNT).stream().map(c -> (RekeyAccount) c).toList();
    // the member of staff's work email and surname both agree: in a migration that is certain
    assertEquals(4, rekeys.size(), rekeys::toString);
    assertTrue(
        rekeys.stream()
            .allMatch(
                r ->
                    r.confidence() == MatchConfidence.CERTAIN
                        && r.reason().code() == ReasonCode.MIS_MIGRATION));
    assertEquals("FORMER_UPN", rekeys.get(1).reason().evidence().fact("matchedOn").orElseThrow());
    assertEquals(
        "EMAIL_AND_SURNAME", rekeys.get(2).reason().evidence().fact("matchedOn").orElseThrow());
    assertEquals(
        "NAME_AND_LINKED_STUDENT",
        rekeys.get(3).reason().evidence().fact("matchedOn").orElseThrow());
    assertEquals(List.of(), of(p, ChangeKind.CREATE_ACCOUNT));
    assertEquals(List.of(), of(p, ChangeKind.DEACTIVATE_ACCOUNT));
    assertEquals(List.of(), p.reviewItems());
    // an email match whose surname differs (a role address) is still only LIKELY: reviewed
    MisSnapshot renamed =
        migrated.toBuilder()
            .put(staff("NT1", "Ruth", "Hughes").email("ruth.evans@school.example.org").build())
            .build();
    ReviewItem.PossibleDuplicate staffReview =
        (ReviewItem.PossibleDuplicate)
            product.planner.plan(product.state(), renamed).reviewItems().get(0);
    assertEquals(PersonRef.staff("NT1"), staffReview.person());
    assertEquals(MatchConfidence.LIKELY, staffReview.confidence());

    SyncPolicy trustEmail = SyncPolicy.builder().autoApplyLikelyMatches(true).build();
    Plan auto = Fx.planner(trustEmail).plan(product.state(), migrated);
    assertEquals(4, of(auto, ChangeKind.REKEY_ACCOUNT).size());
    assertEquals(List.of(), auto.reviewItems());
  }

  /** The two pupils and groups of {@link #family()} after an MIS migration: every id new. */
  private static MisSnapshot.Builder migratedPupilsAndGroups(boolean pupilsMigrated) {
    String s1 = pupilsMigrated ? "N1" : "S1";
    String s2 = pupilsMigrated ? "N2" : "S2";
    return snapshot()
        .addStudent(
            student(s1, "Amelia", "Smith")
                .upn(student("S1", "a", "b").build().upn().orElseThrow())
                .build())
        .addStudent(student(s2, "Oliver", "Smith").upn("A000000000022").build())
        .addGroup(group("NY6", GroupKind.YEAR, "Yr6"))
        .addGroup(group("N6A", GroupKind.REGISTRATION, "6A"))
        .addGroup(group("N6B", GroupKind.REGISTRATION, "6B"))
        .addGroup(group("NM6", GroupKind.CLASS, "6 Maths"))
        .addMembership(member("NY6", s1))
        .addMembership(member("N6A", s1))
        .addMembership(member("NM6", s1))
        .addMembership(member("NY6", s2));
  }

  @Test
  void anMisMigrationRekeysGroupsByKindAndNameSoTheyKeepTheirContentAndMembers() {
    SyncPolicy pupilsOnly = SyncPolicy.builder().people(EntityType.STUDENT).build();
    Fx.Product product = new Fx.Product(pupilsOnly);
    product.sync(family().build());
    Map<String, String> productGroupBySource = new java.util.HashMap<>();
    product.state().groups().forEach(g -> productGroupBySource.put(g.sourceGroupId(), g.groupId()));

    Plan p = product.sync(migratedPupilsAndGroups(true).build());
    assertEquals(List.of(), of(p, ChangeKind.CREATE_GROUP), p.changes()::toString);
    assertEquals(List.of(), of(p, ChangeKind.ARCHIVE_GROUP));
    assertEquals(List.of(), of(p, ChangeKind.JOIN_GROUP), "members stay where they were");
    assertEquals(List.of(), of(p, ChangeKind.LEAVE_GROUP));
    List<UpdateGroup> rekeyed =
        of(p, ChangeKind.UPDATE_GROUP).stream().map(c -> (UpdateGroup) c).toList();
    assertEquals(4, rekeyed.size());
    for (UpdateGroup u : rekeyed) {
      assertEquals(ReasonCode.MIS_MIGRATION, u.reason().code());
      String previous = u.reason().evidence().fact("previousSourceGroupId").orElseThrow();
      assertEquals(productGroupBySource.get(previous), u.group().productGroupId());
      assertEquals("N" + previous, u.group().sourceGroupId());
    }
    assertEquals(
        productGroupBySource.get("6A"),
        product.state().groupForSource("N6A").orElseThrow().groupId());
    assertEquals(
        List.of(),
        product.planner.plan(product.state(), migratedPupilsAndGroups(true).build()).changes());
  }

  @Test
  void groupIdsChangingWithoutAMigrationAreNewGroupsNotLastYearsOnes() {
    SyncPolicy pupilsOnly = SyncPolicy.builder().people(EntityType.STUDENT).build();
    Fx.Product product = new Fx.Product(pupilsOnly);
    product.sync(family().build());
    // same pupils, same ids; every group id changed (a new academic year's classes)
    Plan p = product.planner.plan(product.state(), migratedPupilsAndGroups(false).build());
    assertEquals(4, of(p, ChangeKind.CREATE_GROUP).size());
    assertEquals(4, of(p, ChangeKind.ARCHIVE_GROUP).size());
    assertEquals(List.of(), of(p, ChangeKind.UPDATE_GROUP));
  }

  @Test
  void aDeletionTheSourceReportsDeactivatesEvenInAPartialDelta() {
    Fx.Product product = provisioned(family().build());
    Student oliver = student("S2", "Oliver", "Smith").upn("A000000000022").build();
    MisSnapshot delta =
        MisSnapshot.builder(
                new SourceInfo(Fx.SCHOOL, "test", "SIMS", Instant.parse("2026-03-10T07:00:00Z")))
            .addStudent(oliver)
            .completeness(EntityType.STUDENT, Completeness.PARTIAL)
            .build();
    // absence from a partial delta means nothing
    assertEquals(
        List.of(), of(product.planner.plan(product.state(), delta), ChangeKind.DEACTIVATE_ACCOUNT));
    // an explicit deletion means the pupil left, in this run
    MisSnapshot withDeletion = delta.toBuilder().markDeleted(PersonRef.student("S1")).build();
    assertEquals(Set.of(PersonRef.student("S1")), withDeletion.deletedPeople());
    Plan p = product.planner.plan(product.state(), withDeletion);
    List<Change> gone = of(p, ChangeKind.DEACTIVATE_ACCOUNT);
    assertEquals(1, gone.size(), p.changes()::toString);
    DeactivateAccount d = (DeactivateAccount) gone.get(0);
    assertEquals(PersonRef.student("S1"), d.account().person());
    assertEquals(ReasonCode.DELETED_IN_SOURCE, d.reason().code());
    assertEquals("PARTIAL", d.reason().evidence().fact("student").orElseThrow());
    // deleted and restored in the same read: present, so not deleted
    MisSnapshot restored =
        withDeletion.toBuilder().clearDeletions().markDeleted(PersonRef.student("S2")).build();
    assertEquals(Set.of(), restored.deletedPeople(), "S2 is present, so not deleted");
    assertEquals(withDeletion.deletedPeople(), withDeletion.toBuilder().build().deletedPeople());
  }

  @Test
  void nameAndDateOfBirthMatchesAreReviewedAndTouchNobody() {
    Fx.Product product =
        provisioned(snapshot().addStudent(student("S1", "Amelia", "Smith").build()).build());
    MisSnapshot s =
        snapshot().addStudent(student("N1", "Amélia", "SMITH").upn(null).build()).build();
    Plan p = product.planner.plan(product.state(), s);
    assertEquals(List.of(), p.changes());
    ReviewItem.PossibleDuplicate d = (ReviewItem.PossibleDuplicate) p.reviewItems().get(0);
    assertEquals(MatchConfidence.POSSIBLE, d.confidence());
    assertEquals(ReasonCode.UNCERTAIN_MATCH, d.reason().code());
    assertEquals("NAME_DOB", d.reason().evidence().fact("matchedOn").orElseThrow());
    SyncPolicy noNameMatching =
        SyncPolicy.builder().matchTiers(Set.of(SyncPolicy.MatchTier.UPN)).build();
    Plan strict = Fx.planner(noNameMatching).plan(product.state(), s);
    assertEquals(List.of(ReasonCode.NEW_IN_SOURCE), codes(strict, ChangeKind.CREATE_ACCOUNT));
    assertEquals(List.of(ReasonCode.LEFT_SOURCE), codes(strict, ChangeKind.DEACTIVATE_ACCOUNT));
  }

  @Test
  void aFirstSyncLinksExistingUnlinkedAccounts() {
    Account existing =
        Account.builder("legacy-1", EntityType.STUDENT)
            .username("amelia.s")
            .credentialsIssued(true)
            .field(AccountField.UPN, student("S1", "a", "b").build().upn().orElseThrow())
            .build();
    Account twinA =
        Account.builder("legacy-2", EntityType.STAFF)
            .field(AccountField.EMAIL, "ruth.evans@school.example.org")
            .build();
    Account twinB =
        Account.builder("legacy-3", EntityType.STAFF)
            .field(AccountField.EMAIL, "RUTH.EVANS@school.example.org")
            .build();
    TargetState state =
        TargetState.builder(Fx.SCHOOL, 1)
            .putAccount(existing)
            .putAccount(twinA)
            .putAccount(twinB)
            .build();
    Plan p = Fx.planner().plan(state, family().build());
    RekeyAccount r = (RekeyAccount) of(p, ChangeKind.REKEY_ACCOUNT).get(0);
    assertEquals(ReasonCode.MATCHED_EXISTING_ACCOUNT, r.reason().code());
    assertEquals("legacy-1", r.accountId());
    assertTrue(r.previousLink().isEmpty());
    assertTrue(
        of(p, ChangeKind.CREATE_ACCOUNT).stream()
            .noneMatch(c -> ((CreateAccount) c).account().person().equals(S1)));
    ReviewItem.AmbiguousMatch amb =
        p.reviewItems().stream()
            .filter(i -> i instanceof ReviewItem.AmbiguousMatch)
            .map(i -> (ReviewItem.AmbiguousMatch) i)
            .findFirst()
            .orElseThrow();
    assertEquals(List.of("legacy-2", "legacy-3"), amb.candidateAccountIds());
    assertEquals(ReasonCode.AMBIGUOUS_MATCH, amb.reason().code());
  }

  @Test
  void groupsAreUpdatedArchivedAndFilteredByKind() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot changed =
        family()
            .putGroup(group("6B", GroupKind.REGISTRATION, "6 Blue"))
            .removeGroup("M6")
            .removeMembershipsIf(m -> m.groupId().equals("M6"))
            .build();
    Plan p = product.planner.plan(product.state(), changed);
    assertEquals(List.of(ReasonCode.GROUP_CHANGED), codes(p, ChangeKind.UPDATE_GROUP));
    assertEquals(List.of(ReasonCode.GROUP_GONE), codes(p, ChangeKind.ARCHIVE_GROUP));
    assertEquals(ChangeKind.ARCHIVE_GROUP, kinds(p).get(kinds(p).size() - 1));
    SyncPolicy formsOnly = SyncPolicy.builder().groupKinds(Set.of(GroupKind.REGISTRATION)).build();
    Plan f = Fx.planner(formsOnly).plan(TargetState.empty(Fx.SCHOOL), family().build());
    assertEquals(2, of(f, ChangeKind.CREATE_GROUP).size());
  }

  @Test
  void membershipChangesAreMovesJoinsAndLeaves() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot changed =
        family()
            .removeMembershipsIf(
                m ->
                    m.personId().equals("S1")
                        && (m.groupId().equals("6A") || m.groupId().equals("M6")))
            .addMembership(member("6B", "S1"))
            .addMembership(member("6A", "S2"))
            .build();
    Plan p = product.planner.plan(product.state(), changed);
    MoveAccount move = (MoveAccount) of(p, ChangeKind.MOVE_ACCOUNT).get(0);
    assertEquals("6A", move.from().sourceGroupId());
    assertEquals("6B", move.to().sourceGroupId());
    assertEquals(ReasonCode.MOVED_GROUP, move.reason().code());
    assertEquals(List.of(ReasonCode.LEFT_GROUP), codes(p, ChangeKind.LEAVE_GROUP));
    assertEquals(List.of(ReasonCode.JOINED_GROUP), codes(p, ChangeKind.JOIN_GROUP));
    product.applier.apply(p);
    assertEquals(List.of(), product.planner.plan(product.state(), changed).changes());
  }

  @Test
  void membershipsNotYetEffectiveAreNotApplied() {
    Fx.Product product = provisioned(family().build());
    MisSnapshot early =
        family()
            .addGroup(
                group("7A", GroupKind.REGISTRATION, "7A").toBuilder()
                    .effectiveFrom(Fx.TODAY.plusDays(150))
                    .build())
            .addMembership(
                Membership.of("7A", S1, MembershipRole.MEMBER, Fx.TODAY.plusDays(150), null))
            .addMembership(
                Membership.of("6B", S2, MembershipRole.MEMBER, Fx.TODAY.plusDays(150), null))
            .build();
    assertEquals(List.of(), product.planner.plan(product.state(), early).changes());
    SyncPolicy ignore = SyncPolicy.builder().respectEffectiveDates(false).build();
    Plan p = Fx.planner(ignore).plan(product.state(), early);
    assertEquals(1, of(p, ChangeKind.CREATE_GROUP).size());
    assertEquals(2, of(p, ChangeKind.JOIN_GROUP).size());
    Clock later = Clock.offset(Fx.CLOCK, Duration.ofDays(151));
    Plan onTheDay =
        new Planner(SyncPolicy.defaults(), Fx.credentials(), later).plan(product.state(), early);
    assertEquals(2, of(onTheDay, ChangeKind.JOIN_GROUP).size());
  }

  @Test
  void protectedAccountsAreNeverTouched() {
    Fx.Product product = provisioned(family().build());
    TargetState st = product.state();
    Account head =
        st.accountFor(PersonRef.staff("T1")).orElseThrow().toBuilder()
            .protectedAccount(true)
            .build();
    TargetState withProtected = st.toBuilder(st.version()).putAccount(head).build();
    MisSnapshot gone =
        family()
            .remove(PersonRef.staff("T1"))
            .removeMembershipsIf(m -> m.personId().equals("T1"))
            .build();
    assertEquals(List.of(), Fx.planner().plan(withProtected, gone).changes());
    assertEquals(1, Fx.planner().plan(st, gone).changes().size());
  }

  @Test
  void unsyncedTypesAreLeftAlone() {
    SyncPolicy studentsOnly = SyncPolicy.builder().people(EntityType.STUDENT).build();
    Plan p = Fx.planner(studentsOnly).plan(TargetState.empty(Fx.SCHOOL), family().build());
    assertTrue(
        of(p, ChangeKind.CREATE_ACCOUNT).stream()
            .allMatch(c -> c.entityType() == EntityType.STUDENT));
    assertEquals(List.of(), of(p, ChangeKind.LINK_GUARDIAN));
  }

  @Test
  void snapshotProblemsBecomeRejectedRows() {
    MisSnapshot s = family().addMembership(member("NOPE", "S1")).build();
    Plan p = Fx.planner().plan(TargetState.empty(Fx.SCHOOL), s);
    ReviewItem.RejectedRow row = (ReviewItem.RejectedRow) p.reviewItems().get(0);
    assertEquals(ReasonCode.REJECTED_ROW, row.reason().code());
    assertEquals("MEMBERSHIP_UNKNOWN_GROUP", row.reason().evidence().fact("problem").orElseThrow());
  }

  @Test
  void thePlanIdIsAContentFingerprint() {
    MisSnapshot s = family().build();
    TargetState empty = TargetState.empty(Fx.SCHOOL);
    Plan a = Fx.planner().plan(empty, s);
    Plan b =
        new Planner(
                SyncPolicy.defaults(),
                Fx.credentials(),
                Clock.offset(Fx.CLOCK, Duration.ofMinutes(5)))
            .plan(empty, s);
    assertEquals(a.id(), b.id(), "the time of planning is not content");
    assertEquals(a.changes(), b.changes());
    assertEquals(64, a.id().length());
    Plan c =
        Fx.planner().plan(empty, family().put(student("S1", "Amelia", "Smyth").build()).build());
    assertNotEquals(a.id(), c.id());
    Plan d = Fx.planner().plan(TargetState.builder(Fx.SCHOOL, 7).build(), s);
    assertNotEquals(a.id(), d.id(), "the state version is part of the plan");
    Plan e = Fx.planner().plan(empty, s, true);
    assertNotEquals(a.id(), e.id());
  }

  @Test
  void policyBuilderRejectsContactsWithoutStudents() {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> SyncPolicy.builder().people(EntityType.STAFF, EntityType.CONTACT).build());
    assertEquals(SyncPolicy.defaults(), SyncPolicy.defaults().toBuilder().build());
  }
}
