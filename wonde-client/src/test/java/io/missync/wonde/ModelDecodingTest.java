package io.missync.wonde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.missync.wonde.internal.PageDecoder;
import io.missync.wonde.model.Contact;
import io.missync.wonde.model.Counts;
import io.missync.wonde.model.Deletion;
import io.missync.wonde.model.DeletionType;
import io.missync.wonde.model.Employee;
import io.missync.wonde.model.Gender;
import io.missync.wonde.model.GroupType;
import io.missync.wonde.model.ModelType;
import io.missync.wonde.model.Relationship;
import io.missync.wonde.model.RelationshipType;
import io.missync.wonde.model.School;
import io.missync.wonde.model.SchoolClass;
import io.missync.wonde.model.Student;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ModelDecodingTest {
  private static final URI REQ = URI.create("http://localhost/v1.0/schools/A1/students");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static List<Student> students() {
    return PageDecoder.page(Fixtures.bytes("students-page.json"), REQ, ModelType.STUDENT, 200)
        .items();
  }

  @Test
  void decodesStudentWithIncludes() {
    Student s = students().get(0);
    assertEquals("A1749191433", s.id());
    assertEquals(Optional.of("9919"), s.misId());
    assertEquals(Optional.of(Gender.FEMALE), s.gender());
    assertEquals(Optional.of(LocalDate.of(2012, 9, 29)), s.dateOfBirth());
    assertEquals(Optional.of(Instant.parse("2024-06-14T15:42:27Z")), s.updatedAt());
    assertEquals(Optional.empty(), s.restoredAt());
    assertEquals(Optional.of("A123456789012"), s.educationDetails().orElseThrow().upn());
    assertEquals(
        Optional.of(LocalDate.of(2023, 9, 4)), s.educationDetails().orElseThrow().admissionDate());
    assertEquals(Optional.of(GroupType.YEAR), s.year().orElseThrow().type());
    SchoolClass c = s.classes().orElseThrow().get(0);
    assertEquals(Optional.of("A1811287457"), c.subjectId());
    assertEquals(Optional.empty(), c.subject());
    assertEquals(Optional.empty(), s.groups(), "groups were not included: absent, not empty");
    assertEquals(Optional.empty(), s.registration());
  }

  @Test
  void relationshipAsObjectOrString() {
    List<Contact> contacts = students().get(0).contacts().orElseThrow();
    Relationship mother = contacts.get(0).relationship().orElseThrow();
    assertEquals(Optional.of(RelationshipType.MOTHER), mother.type());
    assertEquals(Optional.of(true), mother.parentalResponsibility());
    assertEquals(OptionalInt.of(1), mother.priority());
    assertEquals(Optional.of(true), mother.livesWithPupil());
    assertEquals(Optional.of(true), mother.billPayer());
    Relationship father = contacts.get(1).relationship().orElseThrow();
    assertEquals(Optional.of(RelationshipType.FATHER), father.type());
    assertEquals(Optional.empty(), father.parentalResponsibility());
  }

  @Test
  void lenientVariantsOnSecondStudent() {
    Student s = students().get(1);
    assertEquals(Optional.of(LocalDate.of(2013, 2, 11)), s.dateOfBirth(), "plain date string");
    assertEquals(Optional.of("6"), s.educationDetails().orElseThrow().currentNcYear(), "number");
    assertEquals(
        Optional.of(LocalDate.of(2019, 9, 3)),
        s.educationDetails().orElseThrow().admissionDate(),
        "date object without fraction");
    assertEquals(Optional.empty(), s.year(), "{data: null}");
    assertEquals(Optional.of(List.of()), s.classes(), "included but empty");
    assertEquals(Optional.empty(), s.createdAt());
  }

  @Test
  void keepsUnknownFields() {
    Student s = students().get(0);
    Map<String, com.fasterxml.jackson.databind.JsonNode> extra = s.extra();
    assertEquals(List.of("favourite_colour"), List.copyOf(extra.keySet()));
    assertEquals("teal", extra.get("favourite_colour").textValue());
    assertTrue(s.classes().orElseThrow().get(0).extra().containsKey("alternative"));
    assertEquals(Optional.of("teal"), s.string("favourite_colour"));
  }

  @Test
  void toStringShowsNoPersonalData() {
    Student s = students().get(0);
    String text = s + " " + s.contacts().orElseThrow() + " " + s.educationDetails().orElseThrow();
    assertFalse(text.contains("Bennett"), text);
    assertFalse(text.contains("Ruth"), text);
    assertFalse(text.contains("A123456789012"), text);
    assertTrue(text.contains("A1749191433"));
  }

  @Test
  void malformedFieldFailsOnlyWhenReadAndNamesPathNotValue() throws Exception {
    String json =
        "{\"data\":[{\"id\":\"A1\",\"surname\":\"Secretname\",\"forename\":{\"x\":1},"
            + "\"date_of_birth\":\"29/09/2012-Secretdob\","
            + "\"education_details\":{\"data\":{\"part_time\":\"sometimes\"}},"
            + "\"classes\":{\"data\":[{\"id\":\"C1\"},7]}}]}";
    Student s =
        PageDecoder.page(
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8), REQ, ModelType.STUDENT, 0)
            .items()
            .get(0);
    assertEquals("A1", s.id());
    assertEquals(Optional.of("Secretname"), s.surname());
    WondeDecodeException e1 = assertThrows(WondeDecodeException.class, s::forename);
    assertEquals("data[0].forename", e1.fieldPath());
    WondeDecodeException e2 = assertThrows(WondeDecodeException.class, s::dateOfBirth);
    assertEquals("data[0].date_of_birth", e2.fieldPath());
    assertFalse(e2.getMessage().contains("Secretdob"));
    assertFalse(String.valueOf(e2.getCause()).contains("Secretdob"), "cause leaks the value");
    WondeDecodeException e3 =
        assertThrows(
            WondeDecodeException.class, () -> s.educationDetails().orElseThrow().partTime());
    assertEquals("data[0].education_details.data.part_time", e3.fieldPath());
    assertFalse(e3.getMessage().contains("sometimes"));
    WondeDecodeException e4 = assertThrows(WondeDecodeException.class, s::classes);
    assertEquals("data[0].classes.data[1]", e4.fieldPath());
  }

  @Test
  void requiredIdMissingIsTyped() throws Exception {
    Student s = ModelType.STUDENT.fromJson(MAPPER.readTree("{\"surname\":\"X\"}"));
    WondeDecodeException e = assertThrows(WondeDecodeException.class, s::id);
    assertEquals("id", e.fieldPath());
  }

  @Test
  void schoolWithNumericUrnAndRegion() {
    School school =
        PageDecoder.single(
            Fixtures.text("school.json")
                .replace("REGION_DOMAIN", "api.wonde.com")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
            ModelType.SCHOOL);
    assertEquals(Optional.of("10003"), school.urn());
    assertEquals(Optional.of("api.wonde.com"), school.region().orElseThrow().domain());
    assertEquals(Optional.of("GBR"), school.address().orElseThrow().countryCode());
    assertEquals(
        Optional.of(Instant.parse("2022-01-28T15:45:10Z")),
        school.extended().orElseThrow().auditApprovedAt());
    assertEquals(Optional.of(true), school.extended().orElseThrow().allowsWriteback());
  }

  @Test
  void employeeWithPivotAndIncludedSubject() {
    Employee e =
        PageDecoder.page(Fixtures.bytes("employees-page.json"), REQ, ModelType.EMPLOYEE, 0)
            .items()
            .get(0);
    assertEquals(Optional.of(true), e.employmentDetails().orElseThrow().current());
    assertEquals(
        Optional.of(LocalDate.of(2015, 9, 1)),
        e.employmentDetails().orElseThrow().employmentStartDate());
    SchoolClass c = e.classes().orElseThrow().get(0);
    assertEquals(Optional.of("A1811287457"), c.subjectId());
    assertEquals(Optional.of("Biology"), c.subject().orElseThrow().name());
    assertEquals(Optional.of(true), c.pivot().orElseThrow().isMainTeacher());
    assertEquals(
        List.of("Main Class Teacher", "Class Teacher"), c.pivot().orElseThrow().allRoles());
    assertEquals(
        Optional.of("s.jones@school.example"),
        e.contactDetails().orElseThrow().emails().orElseThrow().primary());
    assertEquals(Optional.of("Head of Science"), e.roles().orElseThrow().get(0).name());
    assertEquals(Optional.of(GroupType.YEAR), e.groups().orElseThrow().get(0).type());
  }

  @Test
  void deletionsWithOpenTypes() {
    List<Deletion> d =
        PageDecoder.page(Fixtures.bytes("deletions-page.json"), REQ, ModelType.DELETION, 0).items();
    assertEquals(DeletionType.STUDENT, d.get(0).type());
    assertFalse(d.get(0).isRestored());
    assertTrue(d.get(1).isRestored());
    assertEquals(DeletionType.GROUP, d.get(2).type(), "case-insensitive match");
    assertEquals("timetable_thing", d.get(3).type().value());
    assertFalse(d.get(3).type().isKnown());
    assertEquals(Optional.of(Instant.parse("2024-06-04T02:13:55Z")), d.get(3).deletedAt());
  }

  @Test
  void countsInEveryShape() throws Exception {
    Counts c =
        ModelType.COUNTS.fromJson(
            MAPPER.readTree(
                "{\"students\":{\"data\":{\"count\":812}},\"contacts\":{\"count\":\"1500\"},"
                    + "\"employees\":95,\"groups\":{\"data\":null}}"));
    assertEquals(812, c.count("students").orElseThrow());
    assertEquals(1500, c.count("contacts").orElseThrow());
    assertEquals(95, c.count("employees").orElseThrow());
    assertTrue(c.count("groups").isEmpty());
    assertTrue(c.count("classes").isEmpty());
    assertEquals(Map.of("students", 812L, "contacts", 1500L, "employees", 95L), c.all());
  }

  @Test
  void openValuesKeepUnknownStrings() {
    assertEquals(Gender.FEMALE, Gender.of("female"));
    assertEquals("female", Gender.of("female").value(), "wire spelling kept");
    assertTrue(Gender.of("female").isKnown());
    assertEquals(Gender.FEMALE.hashCode(), Gender.of(" Female ").hashCode());
    Gender other = Gender.of("Not stated");
    assertFalse(other.isKnown());
    assertEquals("Not stated", other.value());
    assertEquals(other, Gender.of("Not stated"));
    assertEquals(GroupType.of("DIVISION"), GroupType.DIVISION);
  }

  @Test
  void modelsAreImmutableViews() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode node =
        (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree("{\"id\":\"A1\"}");
    Student s = ModelType.STUDENT.fromJson(node);
    node.put("id", "changed");
    assertEquals("A1", s.id());
    s.json().put("id", "changed too");
    assertEquals("A1", s.id());
  }
}
