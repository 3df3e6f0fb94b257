package io.missync.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** One test per validation rule of the model: each fails if its rule is dropped. */
class ValidationTest {

  private static Student.Builder pupil() {
    return Student.builder().id("S1").legalName("Ruth", "Bennett");
  }

  private static InvalidRecordException rejects(String field, Executable build) {
    InvalidRecordException e = assertThrows(InvalidRecordException.class, build);
    assertEquals(field, e.field(), e.getMessage());
    return e;
  }

  @Test
  void personIdIsRequired() {
    rejects("id", () -> Student.builder().legalName("A", "B").build());
    rejects("id", () -> pupil().id("   ").build());
  }

  @Test
  void personIdMustNotHoldControlCharacters() {
    rejects("id", () -> pupil().id("S\u00001").build());
  }

  @Test
  void idsAndNamesAreTrimmed() {
    Student s = pupil().id("  S9 ").legalName("  Ruth ", " ").build();
    assertEquals("S9", s.id());
    assertEquals(Optional.of("Ruth"), s.legalForename());
    assertEquals(Optional.empty(), s.legalSurname());
  }

  @Test
  void aPersonNeedsAtLeastOneName() {
    rejects("name", () -> Student.builder().id("S1").build());
    rejects("name", () -> Contact.builder().id("C1").legalName(" ", "").build());
    // a mononym is fine
    assertEquals("Cher", Contact.builder().id("C1").legalName("Cher", null).build().forename());
  }

  @Test
  void preferredNamesWinForDisplayButLegalNamesAreKept() {
    Student s = pupil().preferredName("Ruthie", null).build();
    assertEquals("Ruthie", s.forename());
    assertEquals("Bennett", s.surname());
    assertEquals(Optional.of("Ruth"), s.legalForename());
  }

  @Test
  void emailMustLookLikeAnEmailAndTheValueNeverReachesTheMessage() {
    InvalidRecordException e =
        rejects("email", () -> pupil().email("ruth.bennett-at-example").build());
    assertFalse(e.getMessage().contains("ruth"), e.getMessage());
    rejects("email", () -> pupil().email("a@b").build());
    assertEquals(Optional.empty(), pupil().email("  ").build().email());
    assertEquals(
        Optional.of("Ruth@Example.com"), pupil().email("Ruth@Example.com").build().email());
  }

  @Test
  void upnMustBeThirteenCharactersOfTheRightShape() {
    rejects("upn", () -> pupil().upn("A12345678901").build()); // 12
    rejects("upn", () -> pupil().upn("112345678901A").build()); // starts with a digit
    rejects("upn", () -> pupil().upn("A12345X78901A").build()); // letter inside
    InvalidRecordException e = rejects("formerUpn", () -> pupil().formerUpn("nope").build());
    assertFalse(e.getMessage().contains("nope"));
    assertEquals(Optional.of("A123456789012"), pupil().upn(" a123456789012 ").build().upn());
    assertEquals(Optional.of("A12345678901B"), pupil().upn("A12345678901b").build().upn());
  }

  @Test
  void leavingDateIsNotBeforeAdmission() {
    rejects(
        "leavingDate",
        () ->
            pupil()
                .admissionDate(LocalDate.of(2024, 9, 4))
                .leavingDate(LocalDate.of(2024, 9, 3))
                .build());
    Student sameDay =
        pupil()
            .admissionDate(LocalDate.of(2024, 9, 4))
            .leavingDate(LocalDate.of(2024, 9, 4))
            .build();
    assertEquals(Optional.of(LocalDate.of(2024, 9, 4)), sameDay.leavingDate());
  }

  @Test
  void employmentEndIsNotBeforeStart() {
    rejects(
        "employmentEnd",
        () ->
            StaffMember.builder()
                .id("E1")
                .legalName("Ann", "Teacher")
                .employmentStart(LocalDate.of(2020, 1, 1))
                .employmentEnd(LocalDate.of(2019, 12, 31))
                .build());
  }

  @Test
  void attributeKeysMustNotBeBlankAndBlankValuesAreDropped() {
    rejects("attributes", () -> pupil().attribute(" ", "Y").build());
    Student s = pupil().attribute("pupil_premium", "Y").attribute("eal", " ").build();
    assertEquals(java.util.Map.of("pupil_premium", "Y"), s.attributes());
  }

  @Test
  void groupNeedsIdNameAndKind() {
    rejects("id", () -> Group.builder().kind(GroupKind.YEAR).name("Year 7").build());
    rejects("name", () -> Group.builder().id("G1").kind(GroupKind.YEAR).name(" ").build());
    rejects("kind", () -> Group.builder().id("G1").name("Year 7").build());
  }

  @Test
  void onlyAClassHasASubject() {
    rejects(
        "subject",
        () ->
            Group.builder()
                .id("G1")
                .kind(GroupKind.REGISTRATION)
                .name("7A")
                .subject("Maths")
                .build());
    Group c =
        Group.builder().id("G2").kind(GroupKind.CLASS).name("7x/Ma1").subject("Maths").build();
    assertEquals(Optional.of("Maths"), c.subject());
  }

  @Test
  void groupEffectiveEndIsNotBeforeStart() {
    rejects(
        "effectiveTo",
        () ->
            Group.builder()
                .id("G1")
                .kind(GroupKind.YEAR)
                .name("Year 8")
                .effectiveFrom(LocalDate.of(2027, 9, 1))
                .effectiveTo(LocalDate.of(2027, 8, 31))
                .build());
  }

  @Test
  void groupEffectiveDatesDecideWhetherItIsInEffect() {
    Group next =
        Group.builder()
            .id("G1")
            .kind(GroupKind.YEAR)
            .name("Year 8")
            .effectiveFrom(LocalDate.of(2027, 9, 1))
            .build();
    assertFalse(next.isEffectiveOn(LocalDate.of(2027, 8, 31)));
    assertTrue(next.isEffectiveOn(LocalDate.of(2027, 9, 1)));
  }

  @Test
  void membershipNeedsAGroupAndItsDatesInOrder() {
    rejects("groupId", () -> Membership.of(" ", PersonRef.student("S1"), MembershipRole.MEMBER));
    rejects(
        "effectiveTo",
        () ->
            Membership.of(
                "G1",
                PersonRef.student("S1"),
                MembershipRole.MEMBER,
                LocalDate.of(2026, 9, 2),
                LocalDate.of(2026, 9, 1)));
    Membership m =
        Membership.of(
            "G1", PersonRef.staff("E1"), MembershipRole.TEACHER, LocalDate.of(2026, 9, 1), null);
    assertFalse(m.isEffectiveOn(LocalDate.of(2026, 8, 31)));
    assertTrue(m.isEffectiveOn(LocalDate.of(2030, 1, 1)));
    assertEquals(PersonRef.staff("E1"), m.person());
  }

  @Test
  void personRefMustNameAPersonType() {
    rejects("type", () -> new PersonRef(EntityType.GROUP, "G1"));
    rejects("id", () -> new PersonRef(EntityType.STUDENT, ""));
  }

  @Test
  void guardianLinkNeedsBothIdsAndAPositivePriority() {
    rejects("contactId", () -> GuardianLink.builder("", "S1").build());
    rejects("studentId", () -> GuardianLink.builder("C1", " ").build());
    rejects("priority", () -> GuardianLink.builder("C1", "S1").priority(0));
    rejects("priority", () -> GuardianLink.builder("C1", "S1").priority(-2));
    GuardianLink l = GuardianLink.builder("C1", "S1").priority(1).livesWithPupil(true).build();
    assertEquals(1, l.priority().getAsInt());
    assertEquals(Optional.of(true), l.livesWithPupil());
    assertSame(Relationship.UNKNOWN, l.relationship());
    assertTrue(GuardianLink.builder("C1", "S1").build().priority().isEmpty());
    assertTrue(GuardianLink.builder("C1", "S1").build().livesWithPupil().isEmpty());
  }

  @Test
  void sourceInfoNeedsASchoolAndAKind() {
    rejects("schoolId", () -> new SourceInfo(" ", "wonde", null, Instant.EPOCH));
    rejects("sourceKind", () -> new SourceInfo("A1", "", null, Instant.EPOCH));
    assertEquals(Optional.empty(), new SourceInfo("A1", "csv", " ", Instant.EPOCH).mis());
  }

  @Test
  void openValuesKeepUnknownStringsAndCompareByKey() {
    assertSame(Gender.FEMALE, Gender.of("female"));
    assertSame(Gender.FEMALE, Gender.of(" F "));
    assertSame(Gender.MALE, Gender.of("m"));
    Gender redacted = Gender.of("Redacted for privacy");
    assertEquals("Redacted for privacy", redacted.value());
    assertEquals(redacted, Gender.of("REDACTED  FOR_PRIVACY"));
    assertEquals(Relationship.of("step father"), Relationship.of("Step-Father"));
    assertSame(Relationship.MOTHER, Relationship.of("MOTHER"));
    rejects("value", () -> Relationship.of("  "));
    rejects("value", () -> Gender.of(""));
  }

  @Test
  void toStringNeverShowsPersonalData() {
    Student s =
        pupil()
            .email("ruth@example.com")
            .upn("A123456789012")
            .dateOfBirth(LocalDate.of(2012, 9, 29))
            .build();
    String text = s.toString();
    assertFalse(
        text.contains("Ruth") || text.contains("Bennett") || text.contains("A123456789012"));
    assertTrue(text.contains("S1"));
  }

  @Test
  void toBuilderGivesAnEqualRecordAndEqualityCoversEveryField() {
    Student s =
        pupil()
            .upn("A123456789012")
            .yearGroup("7")
            .dateOfBirth(LocalDate.of(2012, 9, 29))
            .gender(Gender.FEMALE)
            .attribute("eal", "N")
            .build();
    assertEquals(s, s.toBuilder().build());
    assertFalse(s.equals(s.toBuilder().yearGroup("8").build()));
    assertFalse(s.equals(s.toBuilder().attribute("eal", "Y").build()));
    StaffMember e = StaffMember.builder().id("E1").legalName("A", "B").teaching(true).build();
    assertEquals(e, e.toBuilder().build());
    assertFalse(e.equals(e.toBuilder().teaching(false).build()));
    Contact c = Contact.builder().id("C1").legalName("J", "B").phone("07700 900123").build();
    assertEquals(c, c.toBuilder().build());
    assertFalse(c.equals(c.toBuilder().phone(null).build()));
  }

  @Test
  void nameDobKeyFoldsAccentsCaseAndPunctuation() {
    Student a =
        Student.builder()
            .id("S1")
            .legalName("Zoë", "O'Brien-Smith")
            .dateOfBirth(LocalDate.of(2012, 1, 2))
            .build();
    Student b =
        Student.builder()
            .id("S2")
            .legalName("zoe", "OBRIEN SMITH")
            .dateOfBirth(LocalDate.of(2012, 1, 2))
            .build();
    assertEquals(a.nameDobKey(), b.nameDobKey());
    assertTrue(pupil().build().nameDobKey().isEmpty());
  }
}
