package io.missync.testkit.wonde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaginationTest {
  WondeSimulator sim;
  SimHttp http;
  SchoolWorld school;
  String base;

  @BeforeAll
  void start() {
    sim = WondeSimulator.start(SimulatorConfig.builder().seed(11).studentsPerSchool(260).build());
    http = new SimHttp(sim);
    school = sim.world().school(0);
    base = "schools/" + school.id() + "/";
  }

  @AfterAll
  void stop() {
    sim.close();
  }

  @Test
  void walkingEveryPageReturnsEveryStudentExactlyOnce() {
    for (int perPage : new int[] {1, 7, 50, 200}) {
      List<String> ids =
          SimHttp.ids(http.walk(base + "students?per_page=" + perPage, school.token()));
      assertEquals(school.studentIds(), ids, "per_page=" + perPage);
      assertEquals(ids.size(), new HashSet<>(ids).size());
    }
  }

  @Test
  void defaultPageSizeIs50AndPaginatesWithoutPerPage() {
    JsonNode page = http.json(base + "students", school.token());
    assertEquals(50, page.get("data").size());
    JsonNode p = page.get("meta").get("pagination");
    assertEquals(50, p.get("per_page").asInt());
    assertEquals(1, p.get("current_page").asInt());
    assertTrue(p.get("more").asBoolean());
    assertTrue(p.get("previous").isNull());
    assertEquals(
        sim.baseUri().resolve(base + "students?page=2").toString(), p.get("next").asText());
    assertEquals(school.studentIds(), SimHttp.ids(http.walk(base + "students", school.token())));
  }

  @Test
  void nextIsAbsoluteAndCarriesEveryOriginalParameter() {
    String q =
        "students?include=contacts,year&updated_before=2030-01-01%2000:00:00&per_page=3&only_mis_ids=";
    JsonNode page = http.json(base + q, school.token());
    String next = page.get("meta").get("pagination").get("next").asText();
    URI u = URI.create(next);
    assertEquals(sim.baseUri().getHost(), u.getHost());
    assertEquals(sim.port(), u.getPort());
    assertEquals("/v1.0/" + base + "students", u.getRawPath());
    String query = u.getQuery();
    assertTrue(query.contains("include=contacts,year"), query);
    assertTrue(query.contains("updated_before=2030-01-01 00:00:00"), query);
    assertTrue(query.contains("per_page=3"), query);
    assertTrue(query.endsWith("page=2"), query);
    JsonNode page2 = http.json(next, school.token());
    assertEquals(2, page2.get("meta").get("pagination").get("current_page").asInt());
    assertTrue(page2.get("data").get(0).has("contacts"), "page 2 kept the include");
    String prev = page2.get("meta").get("pagination").get("previous").asText();
    assertTrue(prev.endsWith("page=1"), prev);
  }

  @Test
  void lastPageHasNoNextAndPagesBeyondAreEmpty() {
    int n = school.studentIds().size();
    int perPage = 100;
    int last = (n + perPage - 1) / perPage;
    JsonNode page = http.json(base + "students?per_page=100&page=" + last, school.token());
    JsonNode p = page.get("meta").get("pagination");
    assertFalse(p.get("more").asBoolean());
    assertTrue(p.get("next").isNull());
    assertEquals(n - (last - 1) * perPage, page.get("data").size());
    JsonNode beyond = http.json(base + "students?per_page=100&page=" + (last + 5), school.token());
    assertEquals(0, beyond.get("data").size());
  }

  @Test
  void perPageIsCappedAt200() {
    JsonNode page = http.json(base + "students?per_page=1000", school.token());
    assertEquals(200, page.get("data").size());
    assertEquals(200, page.get("meta").get("pagination").get("per_page").asInt());
  }

  @Test
  void smallListsWithoutPerPageHaveNoMetaUnlessConfigured() {
    JsonNode years = http.json(base + "groups?type=YEAR", school.token());
    assertEquals(5, years.get("data").size());
    assertFalse(years.has("meta"), years.toString());
    JsonNode withPerPage = http.json(base + "groups?type=YEAR&per_page=50", school.token());
    assertTrue(withPerPage.get("meta").has("pagination"));
    sim.variants(sim.variants().withOmitMetaForSmallLists(false));
    try {
      JsonNode always = http.json(base + "groups?type=YEAR", school.token());
      assertFalse(always.get("meta").get("pagination").get("more").asBoolean());
    } finally {
      sim.variants(WireVariants.defaults());
    }
  }

  @Test
  void listFiltersNarrowTheResult() {
    List<String> ids = school.studentIds();
    String upn = school.upnOf(ids.get(4)).orElseThrow();
    assertEquals(
        List.of(ids.get(4)),
        SimHttp.ids(http.walk(base + "students?only_upns=" + upn, school.token())));
    JsonNode first = http.json(base + "students/" + ids.get(0), school.token()).get("data");
    JsonNode second = http.json(base + "students/" + ids.get(1), school.token()).get("data");
    assertEquals(
        List.of(ids.get(0), ids.get(1)),
        SimHttp.ids(
            http.walk(
                base
                    + "students?only_mis_ids="
                    + first.get("mis_id").asText()
                    + ","
                    + second.get("mis_id").asText(),
                school.token())));
    String subject = school.subjectIds().get(0);
    List<JsonNode> classes = http.walk(base + "classes?class_subject=" + subject, school.token());
    assertTrue(classes.size() > 1);
    for (JsonNode c : classes) {
      assertEquals(subject, c.get("subject").asText());
    }
    List<JsonNode> staffGroups = http.walk(base + "groups?has_students=false", school.token());
    assertFalse(staffGroups.isEmpty());
    for (JsonNode g : staffGroups) {
      assertEquals("DEPARTMENT", g.get("type").asText());
    }
    assertEquals(
        school.employeeIds().size(),
        http.walk(base + "employees?has_class=true", school.token()).size()
            + http.walk(base + "employees?has_class=false", school.token()).size());
  }

  @Test
  void badPagingParametersAre422() throws Exception {
    assertEquals(422, http.get(base + "students?per_page=abc", school.token()).statusCode());
    assertEquals(
        422, http.get(base + "students?updated_after=yesterday", school.token()).statusCode());
    assertTrue(rawStatusLine("/v1.0/" + base + "students?include=%ZZ").contains(" 400 "));
  }

  /** java.net.URI refuses a malformed escape, so send this one over a plain socket. */
  private String rawStatusLine(String target) throws java.io.IOException {
    try (java.net.Socket socket = new java.net.Socket(sim.baseUri().getHost(), sim.port())) {
      socket.setSoTimeout(10_000);
      String req =
          "GET "
              + target
              + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
              + school.token()
              + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(req.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      java.io.BufferedReader in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
      String line = in.readLine();
      return line == null ? "" : line;
    }
  }

  @Test
  void schoolListsPaginateToo() {
    JsonNode page = http.json("schools/all?per_page=1", sim.world().appToken());
    assertEquals(1, page.get("data").size());
    assertFalse(page.get("meta").get("pagination").get("more").asBoolean());
  }
}
