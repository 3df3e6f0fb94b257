package io.missync.testkit.wonde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.missync.testkit.wonde.internal.Renderer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MutationTest {
  WondeSimulator sim;
  SimHttp http;
  SchoolWorld school;
  String base;
  String token;

  @BeforeEach
  void start() {
    sim = WondeSimulator.start(SimulatorConfig.builder().seed(21).studentsPerSchool(150).build());
    http = new SimHttp(sim);
    school = sim.world().school(0);
    base = "schools/" + school.id() + "/";
    token = school.token();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  /**
   * A watermark strictly between everything done so far and everything done next, in wire format.
   */
  private String watermark() {
    Instant t = sim.world().clock().advance(Duration.ofMinutes(1));
    sim.world().clock().advance(Duration.ofMinutes(1));
    return Renderer.formatTimestamp(t, false).replace(" ", "%20");
  }

  private Set<String> changed(String resource, String since) {
    return new TreeSet<>(
        SimHttp.ids(http.walk(base + resource + "?per_page=200&updated_after=" + since, token)));
  }

  @Test
  void nothingIsUpdatedAfterTheStartInstant() {
    String since = watermark();
    for (String r :
        List.of("students", "employees", "contacts", "groups", "classes", "deletions")) {
      assertEquals(Set.of(), changed(r, since), r);
    }
  }

  @Test
  void updatedAfterReturnsExactlyTheMutatedRecords() {
    String since = watermark();
    List<String> ids = school.studentIds();
    String renamed = ids.get(0);
    String mover = ids.get(1);
    String from = school.classIdsOf(mover).get(0);
    String to =
        school.classIds().stream()
            .filter(c -> !school.classIdsOf(mover).contains(c))
            .findFirst()
            .orElseThrow();
    school.rename(renamed, "Alexandra", "Newname");
    school.moveClass(mover, from, to);
    assertEquals(new TreeSet<>(Set.of(renamed, mover)), changed("students", since));
    assertEquals(new TreeSet<>(Set.of(from, to)), changed("classes", since));
    assertEquals(Set.of(), changed("contacts", since));
    assertEquals(Set.of(), changed("groups", since));
    assertTrue(school.classIdsOf(mover).contains(to));
    assertFalse(school.classIdsOf(mover).contains(from));

    // updated_before bounds the window from above
    String mid = watermark();
    String formMover = ids.get(2);
    String oldForm = school.groupIdOf(formMover, "REGISTRATION").orElseThrow();
    String newForm =
        school.groupIds("REGISTRATION").stream()
            .filter(g -> !g.equals(oldForm))
            .findFirst()
            .orElseThrow();
    school.moveGroup(formMover, newForm);
    assertEquals(
        new TreeSet<>(Set.of(renamed, mover)),
        new TreeSet<>(
            SimHttp.ids(
                http.walk(
                    base + "students?updated_after=" + since + "&updated_before=" + mid, token))));
    assertEquals(new TreeSet<>(Set.of(formMover)), changed("students", mid));
    assertEquals(new TreeSet<>(Set.of(oldForm, newForm)), changed("groups", mid));
  }

  @Test
  void leaverMovesToStudentsLeaverWithADeletionAndLosesGroups() {
    String since = watermark();
    String leaver = school.studentIds().get(5);
    List<String> classes = school.classIdsOf(leaver);
    school.studentLeaves(leaver);
    assertFalse(SimHttp.ids(http.walk(base + "students", token)).contains(leaver));
    List<JsonNode> leavers = http.walk(base + "students-leaver?include=education_details", token);
    assertEquals(List.of(leaver), SimHttp.ids(leavers));
    assertTrue(leavers.get(0).get("education_details").get("data").get("leaving_date").isTextual());
    JsonNode del = http.json(base + "deletions?updated_after=" + since, token).get("data");
    assertEquals("student", del.get(0).get("type").asText());
    assertEquals(leaver, del.get(0).get("id").asText());
    assertTrue(del.get(0).get("restored_at").isNull());
    assertTrue(changed("classes", since).containsAll(classes));
    for (String c : classes) {
      JsonNode cls = http.json(base + "classes/" + c + "?include=students", token).get("data");
      assertFalse(SimHttp.ids(listOf(cls.get("students").get("data"))).contains(leaver));
    }
    sim.variants(WireVariants.defaults().withLeaverDeletionType("student_leaver"));
    assertEquals(
        List.of(leaver), SimHttp.ids(http.walk(base + "deletions?type=student_leaver", token)));
    assertEquals(List.of(), http.walk(base + "deletions?type=student", token));
    sim.variants(WireVariants.defaults());
    assertEquals(
        1,
        http.json(base + "counts?include=students_leaver", token)
            .get("data")
            .get("students_leaver")
            .get("data")
            .get("count")
            .asInt());
  }

  private static List<JsonNode> listOf(JsonNode arr) {
    List<JsonNode> out = new java.util.ArrayList<>();
    arr.forEach(out::add);
    return out;
  }

  @Test
  void contactsOnlyLinkedToALeaverAreDeletedSharedOnesStay() {
    // find a contact shared by two students (siblings) and one that is not
    Map<String, Integer> links = new HashMap<>();
    for (String s : school.studentIds()) {
      for (String c : school.guardianIdsOf(s)) {
        links.merge(c, 1, Integer::sum);
      }
    }
    String sibling =
        school.studentIds().stream()
            .filter(s -> school.guardianIdsOf(s).stream().anyMatch(c -> links.get(c) > 1))
            .findFirst()
            .orElseThrow();
    String loner =
        school.studentIds().stream()
            .filter(s -> school.guardianIdsOf(s).stream().allMatch(c -> links.get(c) == 1))
            .findFirst()
            .orElseThrow();
    String since = watermark();
    List<String> siblingContacts = school.guardianIdsOf(sibling);
    List<String> lonerContacts = school.guardianIdsOf(loner);
    school.studentLeaves(sibling);
    school.studentLeaves(loner);
    Set<String> deletedContacts = new HashSet<>();
    for (JsonNode d : http.walk(base + "deletions?type=contact&updated_after=" + since, token)) {
      assertEquals("contact", d.get("type").asText());
      deletedContacts.add(d.get("id").asText());
    }
    assertTrue(deletedContacts.containsAll(lonerContacts));
    for (String c : siblingContacts) {
      assertEquals(links.get(c) > 1, school.contactIds().contains(c), c);
    }
  }

  @Test
  void restoreBringsTheSameIdBackAndStampsRestoredAt() {
    String s = school.studentIds().get(7);
    school.studentLeaves(s);
    String since = watermark();
    school.restore(s);
    JsonNode back = http.json(base + "students/" + s, token).get("data");
    assertFalse(back.get("restored_at").isNull());
    List<JsonNode> dels = http.walk(base + "deletions?type=student&updated_after=" + since, token);
    assertEquals(1, dels.size(), "the deletion's restored_at moved it past the watermark");
    assertEquals(s, dels.get(0).get("id").asText());
    assertFalse(dels.get(0).get("restored_at").isNull());
    assertTrue(school.leaverIds().isEmpty());
    assertTrue(SimHttp.ids(http.walk(base + "students", token)).contains(s));
    assertThrows(IllegalStateException.class, () -> school.restore(s));
  }

  @Test
  void staffLeaverAndContactRemovalAppearInDeletions() {
    String since = watermark();
    String e = school.employeeIds().get(0);
    String c = school.contactIds().get(0);
    school.employeeLeaves(e);
    school.contactLeaves(c);
    assertEquals(404, http.get(base + "employees/" + e, token).statusCode());
    assertFalse(SimHttp.ids(http.walk(base + "contacts", token)).contains(c));
    List<JsonNode> dels = http.walk(base + "deletions?updated_after=" + since, token);
    assertEquals(List.of(e, c), SimHttp.ids(dels));
    assertEquals("employee", dels.get(0).get("type").asText());
    assertEquals(
        List.of(e),
        SimHttp.ids(http.walk(base + "deletions?type=employee&updated_after=" + since, token)));
  }

  @Test
  void guardianChanges() {
    String s = school.studentIds().get(9);
    String since = watermark();
    String newContact = school.addGuardian(s, GuardianRelationship.parent("Stepfather", 3));
    assertEquals(new TreeSet<>(Set.of(newContact)), changed("contacts", since));
    assertEquals(new TreeSet<>(Set.of(s)), changed("students", since));
    JsonNode st = http.json(base + "students/" + s + "?include=contacts", token).get("data");
    JsonNode added = null;
    for (JsonNode c : st.get("contacts").get("data")) {
      if (c.get("id").asText().equals(newContact)) {
        added = c;
      }
    }
    assertTrue(added != null);
    assertEquals("Stepfather", added.get("relationship").get("relationship").asText());
    assertEquals(3, added.get("relationship").get("priority").asInt());

    String mid = watermark();
    school.changeRelationship(
        s, newContact, new GuardianRelationship("Carer", false, 4, false, false));
    assertEquals(new TreeSet<>(Set.of(newContact)), changed("contacts", mid));
    st = http.json(base + "students/" + s + "?include=contacts", token).get("data");
    for (JsonNode c : st.get("contacts").get("data")) {
      if (c.get("id").asText().equals(newContact)) {
        assertEquals("Carer", c.get("relationship").get("relationship").asText());
        assertFalse(c.get("relationship").get("parental_responsibility").asBoolean());
      }
    }
    String late = watermark();
    school.removeGuardian(s, newContact);
    assertFalse(school.guardianIdsOf(s).contains(newContact));
    assertEquals(
        List.of(newContact),
        SimHttp.ids(http.walk(base + "deletions?type=contact&updated_after=" + late, token)));
  }

  @Test
  void newStarterAndPreAdmission() {
    String since = watermark();
    String starter = school.addStudent("9");
    assertTrue(changed("students", since).contains(starter));
    assertEquals("9", school.yearOf(starter));
    assertFalse(school.classIdsOf(starter).isEmpty());
    assertTrue(changed("contacts", since).containsAll(school.guardianIdsOf(starter)));
    String pre = school.addPreAdmission("7");
    assertEquals(List.of(pre), SimHttp.ids(http.walk(base + "students-pre-admission", token)));
    assertFalse(SimHttp.ids(http.walk(base + "students", token)).contains(pre));
    school.admit(pre);
    assertTrue(SimHttp.ids(http.walk(base + "students", token)).contains(pre));
    assertThrows(IllegalArgumentException.class, () -> school.addStudent("3"));
  }

  @Test
  void yearEndRollover() {
    Map<String, String> yearBefore = new HashMap<>();
    for (String s : school.studentIds()) {
      yearBefore.put(s, school.yearOf(s));
    }
    String since = watermark();
    RolloverResult r = school.rollover();
    for (String s : r.leavers()) {
      assertEquals("11", yearBefore.get(s));
    }
    long year11 = yearBefore.values().stream().filter("11"::equals).count();
    assertEquals(year11, r.leavers().size());
    assertEquals(yearBefore.size() - year11, r.moved());
    for (Map.Entry<String, String> e : yearBefore.entrySet()) {
      if (!e.getValue().equals("11")) {
        assertEquals(
            Integer.toString(Integer.parseInt(e.getValue()) + 1), school.yearOf(e.getKey()));
        String form = school.groupIdOf(e.getKey(), "REGISTRATION").orElseThrow();
        JsonNode g = http.json(base + "groups/" + form, token).get("data");
        assertTrue(g.get("code").asText().startsWith(school.yearOf(e.getKey())));
      }
    }
    assertFalse(r.joiners().isEmpty());
    for (String j : r.joiners()) {
      assertEquals("7", school.yearOf(j));
    }
    assertEquals(new TreeSet<>(r.leavers()), new TreeSet<>(school.leaverIds()));
    Set<String> served = new HashSet<>(SimHttp.ids(http.walk(base + "students", token)));
    assertTrue(served.containsAll(r.joiners()));
    assertFalse(served.removeAll(r.leavers()));
    assertEquals(
        yearBefore.size() - year11 + r.joiners().size(), changed("students", since).size());
  }

  @Test
  void misMigrationChangesEveryIdButKeepsUpns() {
    Map<String, String> upnBefore = new HashMap<>();
    for (String s : school.studentIds()) {
      upnBefore.put(s, school.upnOf(s).orElseThrow());
    }
    Set<String> oldContacts = new HashSet<>(school.contactIds());
    Set<String> oldClasses = new HashSet<>(school.classIds());
    String since = watermark();
    Map<String, String> mapping = school.migrateMis("Arbor");
    assertEquals("Arbor", school.mis());
    List<JsonNode> students = http.walk(base + "students?include=education_details", token);
    assertEquals(upnBefore.size(), students.size());
    Set<String> upnsAfter = new HashSet<>();
    for (JsonNode s : students) {
      assertFalse(upnBefore.containsKey(s.get("id").asText()), "every id changed");
      upnsAfter.add(s.get("education_details").get("data").get("upn").asText());
    }
    assertEquals(new HashSet<>(upnBefore.values()), upnsAfter);
    for (Map.Entry<String, String> e : upnBefore.entrySet()) {
      assertEquals(e.getValue(), school.upnOf(mapping.get(e.getKey())).orElseThrow());
    }
    Set<String> deleted =
        new HashSet<>(SimHttp.ids(http.walk(base + "deletions?updated_after=" + since, token)));
    assertTrue(deleted.containsAll(upnBefore.keySet()));
    assertTrue(deleted.containsAll(oldContacts));
    assertTrue(deleted.containsAll(oldClasses));
    for (String c : school.contactIds()) {
      assertFalse(oldContacts.contains(c));
    }
    JsonNode school1 = http.json("schools/" + school.id(), token).get("data");
    assertEquals("Arbor", school1.get("mis").asText());
    assertNotEquals(0, mapping.size());
  }

  @Test
  void deletedClassDisappearsAndIsRestoredWithItsMembers() {
    String cls = school.classIds().get(0);
    JsonNode before = http.json(base + "classes/" + cls + "?include=students", token).get("data");
    int members = before.get("students").get("data").size();
    String member = before.get("students").get("data").get(0).get("id").asText();
    String since = watermark();
    school.deleteGroupOrClass(cls);
    assertEquals(404, http.get(base + "classes/" + cls, token).statusCode());
    assertFalse(school.classIdsOf(member).contains(cls));
    assertTrue(changed("students", since).contains(member));
    List<JsonNode> dels = http.walk(base + "deletions?type=class&updated_after=" + since, token);
    assertEquals(List.of(cls), SimHttp.ids(dels));
    school.restore(cls);
    JsonNode after = http.json(base + "classes/" + cls + "?include=students", token).get("data");
    assertEquals(members, after.get("students").get("data").size());
    assertFalse(after.get("restored_at").isNull());
    assertFalse(
        http.json(base + "deletions?type=class", token)
            .get("data")
            .get(0)
            .get("restored_at")
            .isNull());
    String form = school.groupIds("REGISTRATION").get(0);
    school.deleteGroupOrClass(form);
    assertFalse(school.groupIds().contains(form));
    assertEquals(
        "group",
        http.json(base + "deletions?type=group", token).get("data").get(0).get("type").asText());
  }

  @Test
  void readersNeverSeeAHalfAppliedMutation() throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      List<java.util.concurrent.Future<Integer>> readers = new java.util.ArrayList<>();
      for (int t = 0; t < 3; t++) {
        readers.add(
            pool.submit(
                () -> {
                  int pages = 0;
                  for (int i = 0; i < 5; i++) {
                    for (JsonNode s :
                        http.walk(base + "students?per_page=40&include=classes,contacts", token)) {
                      assertTrue(s.get("classes").get("data").size() > 0, s.get("id").asText());
                    }
                    pages++;
                  }
                  return pages;
                }));
      }
      for (int i = 0; i < 20; i++) {
        String s = school.addStudent("10");
        school.studentLeaves(school.studentIds().get(0));
        school.rename(s, "Conc", "Urrent");
      }
      for (java.util.concurrent.Future<Integer> f : readers) {
        assertEquals(5, f.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(sim.requests().stream().noneMatch(r -> r.status() >= 500));
  }

  @Test
  void mutationsRejectUnknownIdsAndWrongStates() {
    assertThrows(IllegalArgumentException.class, () -> school.studentLeaves("A0000000001"));
    String s = school.studentIds().get(0);
    school.studentLeaves(s);
    assertThrows(IllegalStateException.class, () -> school.studentLeaves(s));
  }
}
