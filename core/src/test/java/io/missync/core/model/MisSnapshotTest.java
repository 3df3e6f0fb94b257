package io.missync.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MisSnapshotTest {
  static final SourceInfo SOURCE = new SourceInfo("A1930499544", "test", "SIMS", Instant.EPOCH);

  static Student student(String id, String upn) {
    return Student.builder()
        .id(id)
        .legalName("F" + id, "S" + id)
        .upn(upn)
        .dateOfBirth(LocalDate.of(2012, 3, 4))
        .build();
  }

  static Group form(String id) {
    return Group.builder().id(id).kind(GroupKind.REGISTRATION).name("Form " + id).build();
  }

  @Test
  void aSecondRecordWithTheSameIdIsRefusedPerEntityType() {
    MisSnapshot.Builder b = MisSnapshot.builder(SOURCE).addStudent(student("S1", "A123456789012"));
    DuplicateIdException e =
        assertThrows(DuplicateIdException.class, () -> b.addStudent(student("S1", null)));
    assertEquals(EntityType.STUDENT, e.entityType());
    assertEquals("S1", e.id());
    assertTrue(e.getMessage().contains("student id 'S1'"));
    assertThrows(DuplicateIdException.class, () -> b.addGroup(form("G")).addGroup(form("G")));
    // the same id string in another entity type is a different record
    b.addContact(Contact.builder().id("S1").legalName("Jane", "B").build());
    assertEquals(1, b.build().count(EntityType.CONTACT));
  }

  @Test
  void danglingReferencesAreKeptAsideAndReported() {
    MisSnapshot s =
        MisSnapshot.builder(SOURCE)
            .addStudent(student("S1", null))
            .addGroup(form("G1"))
            .addMembership(Membership.of("G1", PersonRef.student("S1"), MembershipRole.MEMBER))
            .addMembership(Membership.of("G404", PersonRef.student("S1"), MembershipRole.MEMBER))
            .addMembership(Membership.of("G1", PersonRef.student("S404"), MembershipRole.MEMBER))
            .addGuardianLink(GuardianLink.builder("C404", "S1").build())
            .addContact(Contact.builder().id("C1").legalName("J", "B").build())
            .addGuardianLink(GuardianLink.builder("C1", "S404").build())
            .build();
    assertEquals(1, s.memberships().size());
    assertEquals(2, s.unresolvedMemberships().size());
    assertEquals(0, s.guardianLinks().size());
    assertEquals(2, s.unresolvedGuardianLinks().size());
    assertEquals(
        List.of(
            SnapshotProblem.Kind.MEMBERSHIP_UNKNOWN_GROUP,
            SnapshotProblem.Kind.MEMBERSHIP_UNKNOWN_PERSON,
            SnapshotProblem.Kind.GUARDIAN_UNKNOWN_CONTACT,
            SnapshotProblem.Kind.GUARDIAN_UNKNOWN_STUDENT),
        s.problems().stream().map(SnapshotProblem::kind).collect(Collectors.toList()));
    assertTrue(s.problems().get(0).message().contains("G404"));
    // kept through toBuilder, so a delta that adds the group resolves it
    MisSnapshot next = s.toBuilder().addGroup(form("G404")).build();
    assertEquals(2, next.memberships().size());
    assertEquals(1, next.unresolvedMemberships().size());
  }

  @Test
  void repeatedMembershipsAndLinksAreKeptOnceAndReported() {
    MisSnapshot s =
        MisSnapshot.builder(SOURCE)
            .addStudent(student("S1", null))
            .addStaff(StaffMember.builder().id("E1").legalName("A", "T").build())
            .addContact(Contact.builder().id("C1").legalName("J", "B").build())
            .addGroup(form("G1"))
            .addMembership(Membership.of("G1", PersonRef.student("S1"), MembershipRole.MEMBER))
            .addMembership(Membership.of("G1", PersonRef.student("S1"), MembershipRole.MEMBER))
            .addMembership(Membership.of("G1", PersonRef.staff("E1"), MembershipRole.TEACHER))
            .addMembership(Membership.of("G1", PersonRef.staff("E1"), MembershipRole.MAIN_TEACHER))
            .addGuardianLink(
                GuardianLink.builder("C1", "S1").relationship(Relationship.MOTHER).build())
            .addGuardianLink(
                GuardianLink.builder("C1", "S1").relationship(Relationship.CARER).build())
            .build();
    assertEquals(3, s.memberships().size(), "two roles of one teacher are two memberships");
    assertEquals(1, s.guardianLinks().size());
    assertEquals(Relationship.MOTHER, s.guardianLinks().get(0).relationship(), "first kept");
    assertEquals(
        List.of(
            SnapshotProblem.Kind.DUPLICATE_MEMBERSHIP,
            SnapshotProblem.Kind.DUPLICATE_GUARDIAN_LINK),
        s.problems().stream().map(SnapshotProblem::kind).collect(Collectors.toList()));
    assertEquals(
        2, s.membersOf("G1").stream().filter(m -> m.personType() == EntityType.STAFF).count());
  }

  @Test
  void theBuilderAnswersWhatItHoldsSoFar() {
    MisSnapshot.Builder b =
        MisSnapshot.builder(SOURCE).addStudent(student("S1", null)).addGroup(form("G1"));
    assertTrue(b.contains(PersonRef.student("S1")));
    assertFalse(b.contains(PersonRef.contact("S1")));
    assertEquals("S1", b.person(PersonRef.student("S1")).orElseThrow().id());
    assertEquals("Form G1", b.group("G1").orElseThrow().name());
    assertTrue(b.group("G2").isEmpty());
    b.remove(PersonRef.student("S1"));
    assertFalse(b.contains(PersonRef.student("S1")));
  }

  @Test
  void completenessMustBeDeclared() {
    MisSnapshot s = MisSnapshot.builder(SOURCE).addStudent(student("S1", null)).build();
    assertEquals(Completeness.PARTIAL, s.completeness(EntityType.STUDENT));
    assertEquals(Completeness.ABSENT, s.completeness(EntityType.STAFF));
    assertFalse(s.isComplete(EntityType.STUDENT));
    MisSnapshot full =
        MisSnapshot.builder(SOURCE)
            .addStudent(student("S1", null))
            .allComplete()
            .completeness(EntityType.CONTACT, Completeness.PARTIAL)
            .build();
    assertTrue(full.isComplete(EntityType.STUDENT));
    assertTrue(full.isComplete(EntityType.STAFF), "declared complete and empty: nobody on staff");
    assertFalse(full.isComplete(EntityType.CONTACT));
  }

  @Test
  void sourceCountsAreKeptAndMustNotBeNegative() {
    MisSnapshot s = MisSnapshot.builder(SOURCE).sourceCount(EntityType.STUDENT, 1200).build();
    assertEquals(1200, s.sourceCount(EntityType.STUDENT).getAsLong());
    assertTrue(s.sourceCount(EntityType.STAFF).isEmpty());
    InvalidRecordException e =
        assertThrows(
            InvalidRecordException.class,
            () -> MisSnapshot.builder(SOURCE).sourceCount(EntityType.STAFF, -1));
    assertEquals("sourceCount", e.field());
  }

  @Test
  void lookupsBySecondaryKeysIgnoreCaseAndPunctuation() {
    Student a = student("S1", "A123456789012");
    Student b = student("S2", "B123456789012").toBuilder().formerUpn("A123456789012").build();
    StaffMember t =
        StaffMember.builder()
            .id("E1")
            .legalName("Ann", "Teacher")
            .email("Ann.T@School.org")
            .build();
    MisSnapshot s = MisSnapshot.builder(SOURCE).addStudent(a).addStudent(b).addStaff(t).build();
    assertEquals(List.of(a), s.studentsByUpn("a123456789012"));
    assertEquals(List.of(b), s.studentsByFormerUpn("A123456789012"));
    assertEquals(List.of(t), s.peopleByEmail(" ann.t@school.ORG "));
    assertEquals(List.of(a), s.peopleByNameAndDob("f-s1", "S S1", LocalDate.of(2012, 3, 4)));
    assertEquals(List.of(a), s.peopleByNameAndDob("FS1", "ss1", LocalDate.of(2012, 3, 4)));
    assertTrue(s.peopleByNameAndDob("FS1", "ss1", LocalDate.of(2012, 3, 5)).isEmpty());
    assertEquals(Optional.of(t), s.person(PersonRef.staff("E1")).map(p -> (StaffMember) p));
    assertTrue(s.person(PersonRef.contact("E1")).isEmpty());
    assertTrue(s.studentsByUpn("Z999999999999").isEmpty());
  }

  @Test
  void sameContentIgnoresOrderAndSourceButNotFields() {
    Student a = student("S1", null);
    Student b = student("S2", null);
    MisSnapshot one =
        MisSnapshot.builder(SOURCE).addStudent(a).addStudent(b).addGroup(form("G1")).build();
    MisSnapshot two =
        MisSnapshot.builder(new SourceInfo("X", "other", null, Instant.now()))
            .addGroup(form("G1"))
            .addStudent(b)
            .addStudent(a)
            .build();
    assertTrue(one.sameContentAs(two));
    MisSnapshot changed = two.toBuilder().put(b.toBuilder().yearGroup("9").build()).build();
    assertFalse(one.sameContentAs(changed));
    assertEquals(List.of("student S2 differs"), one.differencesFrom(changed, 10));
    MisSnapshot removed = two.toBuilder().remove(PersonRef.student("S1")).build();
    assertEquals(List.of("student S1 only in this snapshot"), one.differencesFrom(removed, 10));
    MisSnapshot complete =
        two.toBuilder().completeness(EntityType.STUDENT, Completeness.COMPLETE).build();
    assertEquals(
        List.of("completeness of STUDENT: PARTIAL vs COMPLETE"), one.differencesFrom(complete, 10));
  }

  @Test
  void toStringShowsCountsOnly() {
    MisSnapshot s = MisSnapshot.builder(SOURCE).addStudent(student("S1", "A123456789012")).build();
    assertFalse(s.toString().contains("FS1"));
    assertTrue(s.toString().contains("students=1"));
  }
}
