package io.missync.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.MissyncException;
import io.missync.core.model.GroupKind;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetStateTest {

  static Account pupil(String accountId, String studentId) {
    return Account.builder(accountId, EntityType.STUDENT)
        .link(PersonRef.student(studentId))
        .username("u" + accountId)
        .field(AccountField.FORENAME, "Ruth")
        .group("pg-1", MembershipRole.MEMBER)
        .build();
  }

  @Test
  void accountRules() {
    assertThrows(MissyncException.class, () -> Account.builder(" ", EntityType.STUDENT).build());
    assertThrows(MissyncException.class, () -> Account.builder("a", EntityType.GROUP).build());
    assertThrows(
        MissyncException.class,
        () -> Account.builder("a", EntityType.STUDENT).link(PersonRef.staff("E1")).build());
    Account active =
        Account.builder("a", EntityType.STUDENT).deactivatedOn(LocalDate.of(2026, 1, 1)).build();
    assertEquals(Optional.empty(), active.deactivatedOn(), "an active account has no end date");
    Account gone = active.toBuilder().active(false).deactivatedOn(LocalDate.of(2026, 1, 1)).build();
    assertEquals(Optional.of(LocalDate.of(2026, 1, 1)), gone.deactivatedOn());
    assertEquals(gone, gone.toBuilder().build());
    assertFalse(pupil("a", "S1").toString().contains("Ruth"));
  }

  @Test
  void twoAccountsMayNotLinkToOnePerson() {
    MissyncException e =
        assertThrows(
            MissyncException.class,
            () ->
                TargetState.builder("school", 1)
                    .putAccount(pupil("a1", "S1"))
                    .putAccount(pupil("a2", "S1"))
                    .build());
    assertTrue(e.getMessage().contains("student:S1"), e.getMessage());
  }

  @Test
  void twoGroupsMayNotLinkToOneMisGroup() {
    assertThrows(
        MissyncException.class,
        () ->
            TargetState.builder("school", 1)
                .putGroup(new ProductGroup("p1", "G1", GroupKind.CLASS, "7x/Ma1", null, false))
                .putGroup(new ProductGroup("p2", "G1", GroupKind.CLASS, "7x/Ma1", null, false))
                .build());
  }

  @Test
  void versionMustNotBeNegative() {
    assertThrows(MissyncException.class, () -> TargetState.builder("s", -1));
  }

  @Test
  void lookupsAndApply() {
    TargetState s =
        TargetState.builder("school", 3)
            .putAccount(pupil("a1", "S1"))
            .putGroup(new ProductGroup("pg-1", "G1", GroupKind.REGISTRATION, "7A", null, false))
            .build();
    assertEquals("a1", s.accountFor(PersonRef.student("S1")).orElseThrow().accountId());
    assertTrue(s.accountFor(PersonRef.contact("S1")).isEmpty());
    assertEquals("pg-1", s.groupForSource("G1").orElseThrow().groupId());

    ProductGuardianLink link = new ProductGuardianLink("c1", "a1", Relationship.MOTHER, true);
    StateUpdate u =
        new StateUpdate(
            List.of(pupil("a2", "S2")),
            List.of("a1"),
            List.of(),
            List.of("pg-1"),
            List.of(link),
            List.of());
    TargetState next = s.apply(u, 4);
    assertEquals(4, next.version());
    assertTrue(next.account("a1").isEmpty());
    assertTrue(next.account("a2").isPresent());
    assertTrue(next.groups().isEmpty());
    assertEquals(List.of(link), next.guardianLinks());
    assertEquals(3, s.version(), "the original is unchanged");
    assertTrue(next.apply(StateUpdate.unlink(link.key()), 5).guardianLinks().isEmpty());
    assertTrue(StateUpdate.none().isEmpty());
    assertFalse(u.isEmpty());
  }
}
