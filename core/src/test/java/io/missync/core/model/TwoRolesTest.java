package io.missync.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A member of staff who is also a parent, and a guardian link under a court order. */
class TwoRolesTest {
  private static final SourceInfo SRC = new SourceInfo("S1", "test", null, Instant.EPOCH);

  @Test
  void aContactNamingAStaffMemberIsTheSamePersonWithTwoRoles() {
    MisSnapshot s =
        MisSnapshot.builder(SRC)
            .addStaff(StaffMember.builder().id("T1").legalName("Ann", "Lee").build())
            .addContact(Contact.builder().id("T1").legalName("Ann", "Lee").staffId("T1").build())
            .addStudent(Student.builder().id("P1").legalName("Bo", "Lee").build())
            .addGuardianLink(GuardianLink.builder("T1", "P1").build())
            .build();
    assertEquals(1, s.staff().size());
    assertEquals(1, s.contacts().size());
    assertEquals("T1", s.contactSameAsStaff("T1").orElseThrow().id());
    assertEquals(PersonRef.staff("T1"), s.contacts().get(0).staffRef().orElseThrow());
    assertEquals(1, s.linksOfContact("T1").size());
    assertTrue(s.problems().isEmpty(), s.problems().toString());
  }

  @Test
  void aStaffIdNamingNoStaffMemberIsReportedAndIgnored() {
    MisSnapshot s =
        MisSnapshot.builder(SRC)
            .addContact(Contact.builder().id("C1").legalName("Ann", "Lee").staffId("T9").build())
            .build();
    assertTrue(s.contactSameAsStaff("T9").isEmpty());
    List<SnapshotProblem> p = s.problems();
    assertEquals(1, p.size());
    assertEquals(SnapshotProblem.Kind.CONTACT_UNKNOWN_STAFF, p.get(0).kind());
    assertEquals(EntityType.CONTACT, p.get(0).entityType());
  }

  @Test
  void courtOrderIsPartOfTheLinkAndSurvivesToBuilder() {
    GuardianLink plain = GuardianLink.builder("C1", "P1").build();
    GuardianLink ordered = GuardianLink.builder("C1", "P1").courtOrder(true).build();
    assertFalse(plain.courtOrder());
    assertTrue(ordered.courtOrder());
    assertTrue(ordered.toBuilder().build().courtOrder());
    assertNotEquals(plain, ordered);
    assertEquals(plain.key(), ordered.key());
    Contact c = Contact.builder().id("C1").legalName("A", "B").staffId("T1").build();
    assertEquals(c, c.toBuilder().build());
    assertNotEquals(c, c.toBuilder().staffId(null).build());
  }
}
