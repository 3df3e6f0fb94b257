package io.missync.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.Secret;
import io.missync.core.model.GroupKind;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.state.AccountField;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeVocabularyTest {
  static final AccountRef RUTH = AccountRef.of(PersonRef.student("S1"), "acc-1");
  static final AccountRef JANE = AccountRef.of(PersonRef.contact("C1"), "acc-2");
  static final GroupRef FORM = GroupRef.of("G1", "pg-1");
  static final GroupRef OTHER_FORM = GroupRef.of("G2", null);
  static final Reason R = Reason.of(ReasonCode.NEW_IN_SOURCE, "k", "v");

  /** One change of every kind. */
  static List<Change> everyKind() {
    return List.of(
        new CreateAccount(
            AccountRef.pending(PersonRef.student("S1")),
            Map.of(AccountField.FORENAME, "Ruth"),
            "ruthb",
            "pupil",
            null,
            R),
        new UpdateAccount(RUTH, List.of(new FieldChange(AccountField.SURNAME, "A", "B")), R),
        new MoveAccount(RUTH, FORM, OTHER_FORM, MembershipRole.MEMBER, R),
        new JoinGroup(RUTH, FORM, MembershipRole.MEMBER, R),
        new LeaveGroup(RUTH, FORM, R),
        new DeactivateAccount(RUTH, R),
        new ReactivateAccount(RUTH, R),
        new DeleteAccount(RUTH, R),
        new RekeyAccount(
            "acc-1", PersonRef.student("S1"), PersonRef.student("S9"), MatchConfidence.CERTAIN, R),
        new LinkGuardian(JANE, RUTH, Relationship.MOTHER, true, 1, R),
        new UnlinkGuardian(JANE, RUTH, R),
        new CreateGroup(OTHER_FORM, GroupKind.REGISTRATION, "7B", null, R),
        new UpdateGroup(FORM, GroupKind.REGISTRATION, "7A (Mrs B)", null, R),
        new ArchiveGroup(FORM, R));
  }

  /** A visitor that names the method it was called through. */
  static final class Namer implements ChangeVisitor<ChangeKind> {
    @Override
    public ChangeKind createAccount(CreateAccount c) {
      return ChangeKind.CREATE_ACCOUNT;
    }

    @Override
    public ChangeKind updateAccount(UpdateAccount c) {
      return ChangeKind.UPDATE_ACCOUNT;
    }

    @Override
    public ChangeKind moveAccount(MoveAccount c) {
      return ChangeKind.MOVE_ACCOUNT;
    }

    @Override
    public ChangeKind joinGroup(JoinGroup c) {
      return ChangeKind.JOIN_GROUP;
    }

    @Override
    public ChangeKind leaveGroup(LeaveGroup c) {
      return ChangeKind.LEAVE_GROUP;
    }

    @Override
    public ChangeKind deactivateAccount(DeactivateAccount c) {
      return ChangeKind.DEACTIVATE_ACCOUNT;
    }

    @Override
    public ChangeKind reactivateAccount(ReactivateAccount c) {
      return ChangeKind.REACTIVATE_ACCOUNT;
    }

    @Override
    public ChangeKind deleteAccount(DeleteAccount c) {
      return ChangeKind.DELETE_ACCOUNT;
    }

    @Override
    public ChangeKind rekeyAccount(RekeyAccount c) {
      return ChangeKind.REKEY_ACCOUNT;
    }

    @Override
    public ChangeKind linkGuardian(LinkGuardian c) {
      return ChangeKind.LINK_GUARDIAN;
    }

    @Override
    public ChangeKind unlinkGuardian(UnlinkGuardian c) {
      return ChangeKind.UNLINK_GUARDIAN;
    }

    @Override
    public ChangeKind createGroup(CreateGroup c) {
      return ChangeKind.CREATE_GROUP;
    }

    @Override
    public ChangeKind updateGroup(UpdateGroup c) {
      return ChangeKind.UPDATE_GROUP;
    }

    @Override
    public ChangeKind archiveGroup(ArchiveGroup c) {
      return ChangeKind.ARCHIVE_GROUP;
    }
  }

  @Test
  void everyKindDispatchesToItsOwnVisitorMethod() {
    Set<ChangeKind> seen = EnumSet.noneOf(ChangeKind.class);
    for (Change c : everyKind()) {
      assertEquals(c.kind(), c.accept(new Namer()), c.getClass().getSimpleName());
      seen.add(c.kind());
    }
    assertEquals(EnumSet.allOf(ChangeKind.class), seen, "the fixture covers every kind");
  }

  @Test
  void entityTypesForStatistics() {
    List<EntityType> types = new ArrayList<>();
    for (Change c : everyKind()) {
      types.add(c.entityType());
    }
    assertEquals(EntityType.STUDENT, types.get(0));
    assertEquals(EntityType.GUARDIAN_LINK, types.get(9));
    assertEquals(EntityType.GROUP, types.get(13));
  }

  @Test
  void changeRules() {
    assertThrows(IllegalArgumentException.class, () -> new UpdateAccount(RUTH, List.of(), R));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new CreateAccount(
                AccountRef.pending(PersonRef.student("S1")), Map.of(), " ", "p", null, R));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new RekeyAccount(
                "a", PersonRef.student("S1"), PersonRef.staff("E1"), MatchConfidence.CERTAIN, R));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LinkGuardian(JANE, RUTH, Relationship.MOTHER, true, -1, R));
    assertTrue(
        new LinkGuardian(JANE, RUTH, Relationship.MOTHER, true, 0, R).priorityIfKnown().isEmpty());
    assertTrue(
        new RekeyAccount("a", null, PersonRef.student("S9"), MatchConfidence.LIKELY, R)
            .previousLink()
            .isEmpty());
  }

  @Test
  void createAccountNeverPrintsNamesOrPasswords() {
    CreateAccount c = (CreateAccount) everyKind().get(0);
    assertTrue(c.password().isEmpty(), "a plan carries no password");
    CreateAccount withPw = c.withInitialPassword(Secret.of("Tr0ub4dor&3"));
    assertEquals("Tr0ub4dor&3", withPw.password().orElseThrow().reveal());
    assertFalse(withPw.toString().contains("Ruth"));
    assertFalse(withPw.toString().contains("Tr0ub4dor"));
    assertFalse(new FieldChange(AccountField.SURNAME, "Old", "New").toString().contains("New"));
  }

  @Test
  void secretIsRedactedComparedByContentAndWipeable() {
    Secret s = Secret.of("1234".toCharArray());
    assertEquals("Secret[redacted]", s.toString());
    assertEquals(Secret.of("1234"), s);
    assertFalse(Secret.of("1235").equals(s));
    s.clear();
    assertThrows(IllegalStateException.class, s::reveal);
  }

  @Test
  void statisticsCountPerTypeAndKind() {
    List<Change> changes = new ArrayList<>(everyKind());
    changes.add(new DeactivateAccount(JANE, R));
    PlanStatistics st = PlanStatistics.of(changes, Map.of(EntityType.STUDENT, 40));
    assertEquals(1, st.count(EntityType.STUDENT, ChangeKind.DEACTIVATE_ACCOUNT));
    assertEquals(1, st.count(EntityType.CONTACT, ChangeKind.DEACTIVATE_ACCOUNT));
    assertEquals(2, st.count(ChangeKind.DEACTIVATE_ACCOUNT));
    assertEquals(0, st.count(EntityType.STAFF, ChangeKind.DEACTIVATE_ACCOUNT));
    assertEquals(15, st.total());
    assertEquals(40, st.baseline(EntityType.STUDENT));
    assertEquals(0, st.baseline(EntityType.STAFF));
  }

  @Test
  void statisticsFromFiguresEqualStatisticsFromChanges() {
    PlanStatistics fromChanges = PlanStatistics.of(everyKind(), Map.of(EntityType.STUDENT, 40));
    PlanStatistics fromFigures =
        PlanStatistics.of(
            fromChanges.counts(), Map.of(EntityType.STUDENT, 40, EntityType.STAFF, 0));
    assertEquals(fromChanges, fromFigures, "a zero baseline is the same as none");
    assertEquals(fromChanges.total(), fromFigures.total());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            PlanStatistics.of(
                Map.of(EntityType.STUDENT, Map.of(ChangeKind.CREATE_ACCOUNT, -1)), Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> PlanStatistics.of(List.of(), Map.of(EntityType.STAFF, -3)));
  }

  @Test
  void verdictRules() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new GateVerdict(
                GateVerdict.Decision.APPLY,
                List.of(new HoldReason(HoldReason.Code.EMPTY_SOURCE, null, "x"))));
    assertThrows(IllegalArgumentException.class, () -> GateVerdict.hold(List.of()));
    assertFalse(GateVerdict.apply().isHeld());
  }

  @Test
  void planPrintsCountsOnlyAndCarriesItsVerdict() {
    Plan p =
        new Plan(
            "fp-1",
            "school",
            7,
            Instant.EPOCH,
            everyKind(),
            List.of(),
            PlanStatistics.of(everyKind(), Map.of()),
            null);
    assertTrue(p.gateVerdict().isEmpty());
    Plan gated = p.withVerdict(GateVerdict.apply());
    assertEquals(GateVerdict.apply(), gated.gateVerdict().orElseThrow());
    assertEquals(7, gated.stateVersion());
    assertFalse(p.toString().contains("Ruth"));
    assertTrue(p.toString().contains("changes=14"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Plan(" ", "s", 0, Instant.EPOCH, List.of(), List.of(), p.statistics(), null));
  }

  @Test
  void evidenceKeepsOrder() {
    Evidence e = Evidence.of("leavingDate", "2026-07-22", "today", "2026-07-23").with("x", "y");
    assertEquals(List.of("leavingDate=2026-07-22", "today=2026-07-23", "x=y"), e.lines());
    assertThrows(IllegalArgumentException.class, () -> Evidence.of("odd"));
    assertEquals("Evidence[3 facts]", e.toString());
  }
}
