package io.missync.testkit.wonde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncludesTest {
  WondeSimulator sim;
  SimHttp http;
  SchoolWorld school;
  String base;
  String token;

  @BeforeAll
  void start() {
    sim = WondeSimulator.start(SimulatorConfig.builder().seed(5).studentsPerSchool(150).build());
    http = new SimHttp(sim);
    school = sim.world().school(0);
    base = "schools/" + school.id() + "/";
    token = school.token();
  }

  @AfterEach
  void resetVariants() {
    sim.variants(WireVariants.defaults());
  }

  @AfterAll
  void stop() {
    sim.close();
  }

  private JsonNode firstStudent(String include) {
    return http.json(base + "students?per_page=1&include=" + include, token).get("data").get(0);
  }

  @Test
  void studentIncludesAreWrappedInData() {
    JsonNode s = firstStudent("contacts,year,registration,house,education_details,classes,groups");
    String id = s.get("id").asText();
    assertEquals("YEAR", s.get("year").get("data").get("type").asText());
    assertEquals(school.yearOf(id), s.get("year").get("data").get("code").asText());
    assertEquals(
        school.groupIdOf(id, "REGISTRATION").orElseThrow(),
        s.get("registration").get("data").get("id").asText());
    assertEquals("HOUSE", s.get("house").get("data").get("type").asText());
    JsonNode ed = s.get("education_details").get("data");
    assertEquals(school.upnOf(id).orElseThrow(), ed.get("upn").asText());
    assertEquals(school.yearOf(id), ed.get("current_nc_year").asText());
    assertTrue(ed.get("admission_date").isTextual(), "admission_date is a plain date by default");
    List<String> classIds = new ArrayList<>();
    s.get("classes").get("data").forEach(c -> classIds.add(c.get("id").asText()));
    assertEquals(school.classIdsOf(id), classIds);
    assertTrue(s.get("classes").get("data").get(0).get("subject").isTextual());
    assertTrue(s.get("groups").get("data").size() >= 3);
    List<String> contactIds = new ArrayList<>();
    for (JsonNode c : s.get("contacts").get("data")) {
      contactIds.add(c.get("id").asText());
      JsonNode r = c.get("relationship");
      assertTrue(r.isObject(), r.toString());
      assertTrue(r.get("relationship").isTextual());
      assertTrue(r.get("parental_responsibility").isBoolean());
      assertTrue(r.get("priority").isInt());
      assertTrue(r.get("lives_with_pupil").isBoolean());
      assertTrue(r.get("bill_payer").isBoolean());
      assertTrue(c.get("upi").isTextual());
    }
    assertEquals(school.guardianIdsOf(id), contactIds);
    assertTrue(s.get("date_of_birth").get("date").asText().endsWith(" 00:00:00.000000"));
    assertEquals(
        "UTC", s.get("created_at").get("timezone").asText(), "timestamps are DateTime objects");
  }

  @Test
  void nestedIncludesNest() {
    JsonNode s = firstStudent("classes.employees,classes.subject,contacts.contact_details");
    JsonNode cls = s.get("classes").get("data").get(0);
    assertTrue(cls.get("subject").get("data").get("name").isTextual(), cls.toString());
    JsonNode teacher = cls.get("employees").get("data").get(0);
    assertTrue(teacher.get("forename").isTextual());
    JsonNode cd = s.get("contacts").get("data").get(0).get("contact_details").get("data");
    assertTrue(cd.get("emails").get("email").asText().contains("@"));
    assertTrue(cd.has("phones") && cd.has("addresses"));
    assertFalse(s.has("year"), "not requested, not present");
  }

  @Test
  void repeatedIncludeParametersAreMerged() {
    JsonNode s =
        http.json(base + "students?per_page=1&include=year&include=house", token)
            .get("data")
            .get(0);
    assertTrue(s.has("year") && s.has("house"));
  }

  @Test
  void employeeClassesCarryThePivotMeta() {
    List<JsonNode> staff = http.walk(base + "employees?include=classes,employment_details", token);
    assertEquals(school.employeeIds(), SimHttp.ids(staff));
    int mains = 0;
    for (JsonNode e : staff) {
      assertTrue(e.get("employment_details").get("data").get("current").asBoolean());
      for (JsonNode c : e.get("classes").get("data")) {
        JsonNode m = c.get("meta");
        assertTrue(m.get("is_main_teacher").isBoolean());
        assertTrue(m.get("is_class_teacher").isBoolean());
        assertTrue(m.get("role").isTextual());
        assertTrue(m.get("all_roles").isArray());
        if (m.get("is_main_teacher").asBoolean()) {
          mains++;
        }
      }
    }
    assertEquals(school.classIds().size(), mains, "every class has exactly one main teacher");
  }

  @Test
  void emptyOneToOneIncludeIsDataNullOrAbsent() {
    JsonNode s = firstStudent("boarding");
    assertTrue(s.get("boarding").get("data").isNull());
    sim.variants(sim.variants().withNullInclude(WireVariants.NullInclude.ABSENT));
    assertFalse(firstStudent("boarding").has("boarding"));
  }

  @Test
  void relationshipAndDateVariants() {
    sim.variants(
        WireVariants.defaults()
            .withRelationship(WireVariants.RelationshipStyle.STRING)
            .withDateOfBirth(WireVariants.DateStyle.DATE_STRING)
            .withEducationDates(WireVariants.DateStyle.DATETIME_OBJECT)
            .withMicroseconds(false));
    JsonNode s = firstStudent("contacts,education_details");
    assertTrue(s.get("contacts").get("data").get(0).get("relationship").isTextual());
    assertTrue(s.get("date_of_birth").asText().matches("\\d{4}-\\d{2}-\\d{2}"));
    assertTrue(
        s.get("education_details").get("data").get("admission_date").get("date").isTextual());
    assertTrue(s.get("created_at").get("date").asText().matches("[-0-9]+ [:0-9]+"));
    sim.variants(WireVariants.defaults().withDateOfBirth(WireVariants.DateStyle.NULL));
    assertTrue(firstStudent("year").get("date_of_birth").isNull());
  }

  @Test
  void groupsFilterByTypeAndIncludeMembers() {
    List<JsonNode> forms = http.walk(base + "groups?type=REGISTRATION&include=students", token);
    assertEquals(school.groupIds("REGISTRATION"), SimHttp.ids(forms));
    int members = 0;
    for (JsonNode g : forms) {
      assertEquals("REGISTRATION", g.get("type").asText());
      members += g.get("students").get("data").size();
    }
    assertEquals(school.studentIds().size(), members, "every student is in exactly one form");
    List<JsonNode> yearAndHouse = http.walk(base + "groups?type=YEAR,HOUSE", token);
    assertEquals(5 + 4, yearAndHouse.size());
  }

  @Test
  void classesIncludeSubjectStudentsAndEmployees() {
    List<JsonNode> classes = http.walk(base + "classes?include=subject,students,employees", token);
    assertEquals(school.classIds(), SimHttp.ids(classes));
    for (JsonNode c : classes) {
      assertTrue(c.get("subject").get("data").get("code").isTextual());
      assertTrue(c.get("employees").get("data").size() >= 1);
      assertTrue(c.get("students").isObject());
    }
  }

  @Test
  void singleItemEndpointsAnswerDataAndMetaIncludes() {
    String sid = school.studentIds().get(3);
    JsonNode one = http.json(base + "students/" + sid + "?include=contacts", token);
    assertEquals(sid, one.get("data").get("id").asText());
    assertTrue(one.get("data").has("contacts"));
    assertTrue(one.get("meta").get("includes").isArray());
    String cid = school.classIds().get(0);
    assertEquals(cid, http.json(base + "classes/" + cid, token).get("data").get("id").asText());
    String eid = school.employeeIds().get(0);
    assertEquals(eid, http.json(base + "employees/" + eid, token).get("data").get("id").asText());
    String gid = school.groupIds().get(0);
    assertEquals(gid, http.json(base + "groups/" + gid, token).get("data").get("id").asText());
    String kid = school.contactIds().get(0);
    assertEquals(kid, http.json(base + "contacts/" + kid, token).get("data").get("id").asText());
    String subj = school.subjectIds().get(0);
    assertEquals(subj, http.json(base + "subjects/" + subj, token).get("data").get("id").asText());
    assertEquals(404, http.get(base + "students/A0000000000", token).statusCode());
    assertEquals(404, http.get(base + "students-leaver/" + sid, token).statusCode());
  }

  @Test
  void schoolRecordAndRegionDomain() {
    JsonNode s = http.json("schools/" + school.id(), token).get("data");
    assertEquals(school.id(), s.get("id").asText());
    assertTrue(s.get("urn").isInt());
    assertTrue(s.get("la_code").isTextual());
    assertEquals(
        sim.baseUri().getHost() + ":" + sim.port(), s.get("region").get("domain").asText());
    assertEquals(
        sim.baseUri().resolve("schools/" + school.id()).toString(),
        s.get("region").get("school_url").asText());
    JsonNode meta = http.json("meta/schools/" + school.id(), token).get("data");
    assertTrue(meta.get("approved").asBoolean());
    JsonNode perms = http.json("meta/schools/" + school.id() + "/permissions", token).get("data");
    assertTrue(perms.get(0).get("identity").isTextual());
  }

  @Test
  void countsMatchTheWorld() {
    JsonNode c =
        http.json(base + "counts?include=students,employees,contacts,groups,classes", token)
            .get("data");
    assertEquals(school.studentIds().size(), c.get("students").get("data").get("count").asInt());
    assertEquals(school.employeeIds().size(), c.get("employees").get("data").get("count").asInt());
    assertEquals(school.contactIds().size(), c.get("contacts").get("data").get("count").asInt());
    assertEquals(school.groupIds().size(), c.get("groups").get("data").get("count").asInt());
    assertEquals(school.classIds().size(), c.get("classes").get("data").get("count").asInt());
  }

  @Test
  void contactsListAndContactStudents() {
    List<JsonNode> contacts = http.walk(base + "contacts?per_page=200&include=students", token);
    assertEquals(school.contactIds(), SimHttp.ids(contacts));
    for (JsonNode c : contacts) {
      assertTrue(c.get("students").get("data").size() >= 1, c.toString());
    }
  }
}
