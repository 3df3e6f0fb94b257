package io.missync.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.Gender;
import io.missync.core.model.Group;
import io.missync.core.model.GroupKind;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The real Microsoft SDS sample sets; expected numbers were counted from the files by hand (and a
 * script): SDS UK has 2 schools, 28 sections, 22 students, 2 teachers, 154 student enrollments and
 * 4 teacher rosters; SDS v2.1 has 8 users (4 students, 2 staff, 2 guardians), 2 classes, 6
 * enrollments and 3 relationships.
 */
class SdsSamplesConformanceTest {

  @Test
  void sdsUkClassic() {
    ImportResult r = CsvImporter.builder().build().read(Samples.dir("sds-uk-25-users"));
    assertEquals(CsvFormat.SDS_CLASSIC_UK, r.format());
    MisSnapshot s = r.snapshot();
    assertEquals(0, r.errorCount(), r.report());
    assertEquals("10001", s.source().schoolId());
    assertEquals(22, s.count(EntityType.STUDENT));
    assertEquals(2, s.count(EntityType.STAFF));
    assertEquals(0, s.count(EntityType.CONTACT));
    assertEquals(28, s.count(EntityType.GROUP));
    assertEquals(158, s.count(EntityType.MEMBERSHIP));
    assertEquals(0, s.count(EntityType.GUARDIAN_LINK));
    assertTrue(s.problems().isEmpty());
    for (EntityType t :
        List.of(EntityType.STUDENT, EntityType.STAFF, EntityType.GROUP, EntityType.MEMBERSHIP)) {
      assertEquals(Completeness.COMPLETE, s.completeness(t), t.name());
    }
    assertEquals(Completeness.ABSENT, s.completeness(EntityType.CONTACT));
    assertEquals(Completeness.ABSENT, s.completeness(EntityType.GUARDIAN_LINK));

    // 13001: Ora Klein, grade 9, born 4/2/2000 read month-first (the column has 12/19/1997)
    Student ora = s.student("13001").orElseThrow();
    assertEquals("Ora", ora.forename());
    assertEquals("Klein", ora.surname());
    assertEquals("Christopher", ora.middleNames().orElseThrow());
    assertEquals("9", ora.yearGroup().orElseThrow());
    assertEquals(LocalDate.of(2000, 4, 2), ora.dateOfBirth().orElseThrow());
    assertEquals("OKlein", ora.attributes().get("username"));
    assertEquals("13001", ora.admissionNumber().orElseThrow());
    assertEquals(7, s.membershipsOf(PersonRef.student("13001")).size());
    assertEquals(LocalDate.of(1997, 12, 19), s.student("13003").orElseThrow().dateOfBirth().get());
    // no ambiguity warning: the column proves month-first
    assertTrue(
        r.problems().stream().noneMatch(p -> p.kind() == CsvProblem.Kind.AMBIGUOUS_DATE),
        r.report());

    // teachers and their rosters
    StaffMember craig = s.staffMember("14001").orElseThrow();
    assertTrue(craig.teaching());
    assertEquals("101", craig.staffCode().orElseThrow());
    List<String> craigs =
        s.membershipsOf(PersonRef.staff("14001")).stream()
            .peek(m -> assertEquals(MembershipRole.TEACHER, m.role()))
            .map(m -> m.groupId())
            .sorted()
            .collect(Collectors.toList());
    assertEquals(List.of("11001", "11003"), craigs);
    assertEquals(
        List.of("11002", "11004"),
        s.membershipsOf(PersonRef.staff("14002")).stream()
            .map(m -> m.groupId())
            .sorted()
            .collect(Collectors.toList()));

    Group algebra = s.group("11001").orElseThrow();
    assertEquals(GroupKind.CLASS, algebra.kind());
    assertEquals("Math - Algebra 1", algebra.name());
    assertEquals("Math", algebra.subject().orElseThrow());
    assertEquals(23, s.membersOf("11001").size()); // 22 students + Craig Beane
    // the second school's sections have no members in this sample
    assertEquals(0, s.membersOf("11015").size());
    // passwords are never imported
    assertTrue(s.people().stream().allMatch(p -> !p.attributes().containsKey("password")));
  }

  @Test
  void sdsV21() {
    ImportResult r = CsvImporter.builder().build().read(Samples.dir("sds-v2.1"));
    assertEquals(CsvFormat.SDS_V2_1, r.format());
    assertEquals(0, r.errorCount(), r.report());
    MisSnapshot s = r.snapshot();
    assertEquals("110003", s.source().schoolId());
    assertEquals(4, s.count(EntityType.STUDENT));
    assertEquals(2, s.count(EntityType.STAFF));
    assertEquals(2, s.count(EntityType.CONTACT));
    assertEquals(2, s.count(EntityType.GROUP));
    assertEquals(6, s.count(EntityType.MEMBERSHIP));
    assertEquals(3, s.count(EntityType.GUARDIAN_LINK));
    assertTrue(s.problems().isEmpty());
    for (EntityType t : EntityType.values()) {
      assertEquals(Completeness.COMPLETE, s.completeness(t), t.name());
    }
    for (String id : List.of("114001", "114003", "114004", "114008")) {
      assertTrue(s.student(id).isPresent(), id);
    }
    assertTrue(s.staffMember("114006").isPresent());
    assertTrue(s.staffMember("114007").orElseThrow().teaching());
    assertEquals("professor", s.staffMember("114006").orElseThrow().attributes().get("role"));

    // guardians: Jean Craig is guardian of Jack and relative of Fred; Bob Smithee of Alice
    GuardianLink jack = s.guardiansOf("114001").get(0);
    assertEquals("114002", jack.contactId());
    assertEquals(Relationship.GUARDIAN, jack.relationship());
    GuardianLink fred = s.guardiansOf("114003").get(0);
    assertEquals("114002", fred.contactId());
    assertEquals("Relative", fred.relationship().value());
    assertEquals("114005", s.guardiansOf("114004").get(0).contactId());
    assertEquals(2, s.linksOfContact("114002").size());
    assertEquals(0, s.guardiansOf("114008").size());
    assertEquals("+11234567890", s.contact("114002").orElseThrow().phone().orElseThrow());

    // demographics, grades, flags
    Student jackS = s.student("114001").orElseThrow();
    assertEquals(Gender.MALE, jackS.gender().orElseThrow());
    assertEquals(LocalDate.of(2001, 7, 2), jackS.dateOfBirth().orElseThrow());
    assertEquals("10", jackS.yearGroup().orElseThrow());
    assertEquals("iep", jackS.attributes().get("flags"));
    assertEquals("ps1", s.student("114008").orElseThrow().yearGroup().orElseThrow());
    assertEquals(Gender.FEMALE, s.student("114004").orElseThrow().gender().orElseThrow());

    // enrollments: 112001 has Simon (student) and Jason (professor); 112002 three students +
    // Kristen
    assertEquals(2, s.membersOf("112001").size());
    assertEquals(4, s.membersOf("112002").size());
    assertEquals(MembershipRole.TEACHER, s.membershipsOf(PersonRef.staff("114007")).get(0).role());
    assertFalse(s.group("112001").isEmpty());
    assertEquals("10", s.group("112001").orElseThrow().subject().orElseThrow());
  }
}
