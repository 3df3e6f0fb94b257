package io.missync.testkit.wonde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.missync.core.EntityType;
import io.missync.core.model.Contact;
import io.missync.core.model.Gender;
import io.missync.core.model.Group;
import io.missync.core.model.GroupKind;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.Membership;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.Person;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.model.SourceInfo;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fetches a whole school over HTTP, maps the JSON to a snapshot independently of the simulator's
 * own mapper, and checks the result equals the world's ground truth.
 */
class GroundTruthTest {
  WondeSimulator sim;
  SimHttp http;
  SchoolWorld school;

  @BeforeEach
  void start() {
    sim = WondeSimulator.start(SimulatorConfig.builder().seed(99).studentsPerSchool(180).build());
    http = new SimHttp(sim);
    school = sim.world().school(0);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void fullFetchEqualsGroundTruth() {
    assertSame(fetch(), sim.snapshot(school.id()));
    MisSnapshot truth = school.toSnapshot();
    assertEquals(school.studentIds().size(), truth.students().size());
    assertTrue(truth.isComplete(EntityType.STUDENT));
    assertTrue(truth.problems().isEmpty(), truth.problems().toString());
    assertFalse(truth.guardianLinks().isEmpty());
  }

  @Test
  void groundTruthFollowsMutations() {
    List<String> ids = school.studentIds();
    school.studentLeaves(ids.get(0));
    school.employeeLeaves(school.employeeIds().get(0));
    school.addGuardian(ids.get(1), new GuardianRelationship("Aunt", false, 3, false, false));
    school.addStudent("8");
    school.rollover();
    assertSame(fetch(), sim.snapshot(school.id()));
    MisSnapshot before = school.toSnapshot();
    school.migrateMis("Bromcom");
    MisSnapshot after = fetch();
    assertSame(after, sim.snapshot(school.id()));
    assertFalse(before.sameContentAs(after));
    Set<String> upns = new java.util.HashSet<>();
    before.students().forEach(s -> upns.add(s.upn().orElseThrow()));
    for (Student s : after.students()) {
      assertTrue(upns.contains(s.upn().orElseThrow()));
      assertTrue(before.student(s.id()).isEmpty());
    }
  }

  @Test
  void groundTruthFollowsTheWireVariants() {
    sim.variants(
        WireVariants.defaults()
            .withRelationship(WireVariants.RelationshipStyle.STRING)
            .withDateOfBirth(WireVariants.DateStyle.NULL)
            .withEducationDates(WireVariants.DateStyle.DATETIME_OBJECT)
            .withNullInclude(WireVariants.NullInclude.ABSENT));
    MisSnapshot fetched = fetch();
    assertSame(fetched, sim.snapshot(school.id()));
    assertTrue(fetched.students().get(0).dateOfBirth().isEmpty());
    assertFalse(school.toSnapshot().sameContentAs(fetched), "defaults carry more facts");
  }

  @Test
  void realWondeShapesByDefaultAndTheSimsVariant() {
    String teacher = school.employeeIds().get(0);
    String pupil = school.studentIds().get(0);
    String contact =
        school.addStaffParent(teacher, pupil, GuardianRelationship.parent("Mother", 1));
    String other = school.guardianIdsOf(pupil).get(0);
    school.setCourtOrder(pupil, other, true);
    MisSnapshot truth = school.toSnapshot();
    assertSame(fetch(), truth);
    assertEquals(teacher, truth.contact(contact).orElseThrow().staffId().orElseThrow());
    assertEquals(contact, truth.contactSameAsStaff(teacher).orElseThrow().id());
    assertTrue(
        truth.guardiansOf(pupil).stream()
            .anyMatch(l -> l.contactId().equals(other) && l.courtOrder()));
    // by default classes carry no year_group; their year is their pupils'
    String k = school.classIdsOf(pupil).get(0);
    assertFalse(
        http.get("schools/" + school.id() + "/classes/" + k, school.token())
            .body()
            .contains("year_group"));
    assertEquals(school.yearOf(pupil), truth.group(k).orElseThrow().yearGroup().orElseThrow());
    sim.variants(WireVariants.defaults().withClassYearFields(true));
    assertTrue(
        http.get("schools/" + school.id() + "/classes/" + k, school.token())
            .body()
            .contains("\"year_group\""));
    assertSame(fetch(), sim.snapshot(school.id()));
  }

  static void assertSame(MisSnapshot fetched, MisSnapshot truth) {
    List<String> diff = truth.differencesFrom(fetched, 20);
    assertTrue(diff.isEmpty(), () -> String.join("\n", diff));
    assertTrue(fetched.sameContentAs(truth));
  }

  // ------------------------------------------------------------------ an independent wire mapping

  MisSnapshot fetch() {
    String token = school.token();
    String base = "schools/" + school.id() + "/";
    MisSnapshot.Builder b =
        MisSnapshot.builder(new SourceInfo(school.id(), "wonde", school.mis(), Instant.now()));
    java.util.Map<String, String> yearOf = new java.util.HashMap<>();
    for (JsonNode s :
        http.walk(
            base + "students?per_page=200&include=education_details,contacts.contact_details",
            token)) {
      JsonNode ed = s.get("education_details").get("data");
      String ncYear = text(ed, "current_nc_year");
      if (ncYear != null) {
        yearOf.put(s.get("id").asText(), ncYear);
      }
      Student.Builder sb =
          Student.builder()
              .upn(text(ed, "upn"))
              .formerUpn(text(ed, "former_upn"))
              .yearGroup(text(ed, "current_nc_year"))
              .admissionNumber(text(ed, "admission_number"))
              .admissionDate(date(ed.get("admission_date")))
              .leavingDate(date(ed.get("leaving_date")));
      person(sb, s, null);
      b.addStudent(sb.build());
      for (JsonNode c : s.get("contacts").get("data")) {
        JsonNode rel = c.get("relationship");
        GuardianLink.Builder lb = GuardianLink.builder(c.get("id").asText(), s.get("id").asText());
        if (rel.isObject()) {
          lb.relationship(Relationship.of(rel.get("relationship").asText()))
              .parentalResponsibility(rel.get("parental_responsibility").asBoolean())
              .priority(rel.get("priority").asInt())
              .livesWithPupil(rel.get("lives_with_pupil").asBoolean())
              .courtOrder(rel.get("court_order").asBoolean());
        } else {
          lb.relationship(Relationship.of(rel.asText()));
        }
        b.addGuardianLink(lb.build());
      }
    }
    java.util.Map<String, String> staffByUpi = new java.util.HashMap<>();
    for (JsonNode e :
        http.walk(
            base + "employees?per_page=200&include=employment_details,contact_details", token)) {
      JsonNode ed = e.get("employment_details").get("data");
      StaffMember.Builder sb =
          StaffMember.builder()
              .jobTitle(text(ed, "role_text"))
              .teaching(ed.get("teaching_staff").asBoolean())
              .employmentStart(date(ed.get("employment_start_date")))
              .employmentEnd(date(ed.get("employment_end_date")));
      person(sb, e, e.get("contact_details").get("data"));
      String upi = text(e, "upi");
      if (upi != null && staffByUpi.put(upi, e.get("id").asText()) != null) {
        staffByUpi.put(upi, ""); // shared by two employees: no one to name
      }
      b.addStaff(sb.build());
    }
    for (JsonNode c : http.walk(base + "contacts?per_page=200&include=contact_details", token)) {
      JsonNode cd = c.get("contact_details").get("data");
      String staffId = staffByUpi.get(String.valueOf(text(c, "upi")));
      Contact.Builder cb =
          Contact.builder()
              .phone(text(cd.get("phones"), "primary"))
              .staffId(staffId == null || staffId.isEmpty() ? null : staffId);
      person(cb, c, cd);
      b.addContact(cb.build());
    }
    for (JsonNode g : http.walk(base + "groups?per_page=200&include=students,employees", token)) {
      String type = g.get("type").asText();
      GroupKind kind =
          switch (type) {
            case "YEAR" -> GroupKind.YEAR;
            case "REGISTRATION" -> GroupKind.REGISTRATION;
            case "HOUSE" -> GroupKind.HOUSE;
            default -> GroupKind.OTHER;
          };
      String id = g.get("id").asText();
      b.addGroup(
          Group.builder()
              .id(id)
              .kind(kind)
              .name(g.get("name").asText())
              .code(text(g, "code"))
              .misId(text(g, "mis_id"))
              .sourceType(type)
              .build());
      for (JsonNode s : g.get("students").get("data")) {
        b.addMembership(
            Membership.of(id, PersonRef.student(s.get("id").asText()), MembershipRole.MEMBER));
      }
      for (JsonNode e : g.get("employees").get("data")) {
        b.addMembership(
            Membership.of(
                id,
                PersonRef.staff(e.get("id").asText()),
                kind == GroupKind.OTHER ? MembershipRole.MEMBER : MembershipRole.TEACHER));
      }
    }
    for (JsonNode c :
        http.walk(base + "classes?per_page=200&include=subject,students,employees", token)) {
      String id = c.get("id").asText();
      JsonNode subject = c.path("subject").path("data");
      b.addGroup(
          Group.builder()
              .id(id)
              .kind(GroupKind.CLASS)
              .name(c.get("name").asText())
              .code(text(c, "code"))
              .misId(text(c, "mis_id"))
              .subject(subject.isObject() ? text(subject, "name") : null)
              .yearGroup(c.has("year_group") ? text(c, "year_group") : majority(c, yearOf))
              .build());
      for (JsonNode s : c.get("students").get("data")) {
        b.addMembership(
            Membership.of(id, PersonRef.student(s.get("id").asText()), MembershipRole.MEMBER));
      }
      for (JsonNode e : c.get("employees").get("data")) {
        b.addMembership(
            Membership.of(
                id,
                PersonRef.staff(e.get("id").asText()),
                e.get("meta").get("is_main_teacher").asBoolean()
                    ? MembershipRole.MAIN_TEACHER
                    : MembershipRole.TEACHER));
      }
    }
    b.allComplete();
    return b.build();
  }

  /** The year of more than half of a class's pupils whose year is known, or null. */
  private static @Nullable String majority(JsonNode c, java.util.Map<String, String> yearOf) {
    java.util.Map<String, Integer> n = new java.util.HashMap<>();
    int known = 0;
    for (JsonNode s : c.get("students").get("data")) {
      String y = yearOf.get(s.get("id").asText());
      if (y != null) {
        n.merge(y, 1, Integer::sum);
        known++;
      }
    }
    for (java.util.Map.Entry<String, Integer> e : n.entrySet()) {
      if (e.getValue() * 2 > known) {
        return e.getKey();
      }
    }
    return null;
  }

  private static <B extends Person.Builder<?, B>> void person(
      B b, JsonNode p, @Nullable JsonNode contactDetails) {
    String legalF = text(p, "legal_forename");
    String legalS = text(p, "legal_surname");
    String f = text(p, "forename");
    String s = text(p, "surname");
    String gender = text(p, "gender");
    b.id(p.get("id").asText())
        .misId(text(p, "mis_id"))
        .upi(text(p, "upi"))
        .title(text(p, "title"))
        .legalName(legalF, legalS)
        .preferredName(
            f != null && !f.equals(legalF) ? f : null, s != null && !s.equals(legalS) ? s : null)
        .middleNames(text(p, "middle_names"))
        .gender(gender == null ? null : Gender.of(gender))
        .dateOfBirth(date(p.get("date_of_birth")))
        .email(contactDetails == null ? null : text(contactDetails.get("emails"), "email"));
  }

  private static @Nullable String text(@Nullable JsonNode o, String field) {
    if (o == null) {
      return null;
    }
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static @Nullable LocalDate date(@Nullable JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    String s = v.isObject() ? v.get("date").asText() : v.asText();
    return LocalDate.parse(s.substring(0, 10));
  }
}
