package io.missync.testkit.wonde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
  WondeSimulator sim;
  SimHttp http;
  SchoolWorld school;
  String students;

  @BeforeEach
  void start() {
    sim = WondeSimulator.start(SimulatorConfig.builder().seed(3).studentsPerSchool(60).build());
    http = new SimHttp(sim);
    school = sim.world().school(0);
    students = "schools/" + school.id() + "/students";
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private int status(String relative) {
    return http.get(relative, school.token()).statusCode();
  }

  @Test
  void scheduledStatusFiresOnlyOnTheNthMatchingRequest() {
    sim.faults().onNth("/students", 3, Fault.status(503));
    List<Integer> seen = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      seen.add(status(students));
      seen.add(status(students + "-leaver")); // does not match "/students"
    }
    seen.add(status(students));
    assertEquals(List.of(200, 200, 200, 200, 503, 200, 200), seen);
    RecordedRequest faulted =
        sim.requests().stream().filter(r -> r.fault() != null).findFirst().orElseThrow();
    assertEquals(5, faulted.index());
    assertEquals(503, faulted.status());
    assertEquals(Fault.status(503), faulted.fault());
  }

  @Test
  void tooManyRequestsCarriesRetryAfter() {
    sim.faults().onRequests("/students", Fault.tooManyRequests(7), 1, 2);
    HttpResponse<String> r = http.get(students, school.token());
    assertEquals(429, r.statusCode());
    assertEquals("7", r.headers().firstValue("Retry-After").orElseThrow());
    assertEquals(429, status(students));
    assertEquals(200, status(students));
  }

  @Test
  void connectionResetClosesWithoutAResponse() {
    // java.net.http silently retries a GET whose connection closes before any response byte, so
    // a single reset is invisible to it: reset every attempt to see the failure.
    sim.faults().always("*", Fault.connectionReset());
    HttpClient fresh = SimHttp.newClient();
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () ->
                SimHttp.send(
                    fresh, SimHttp.request(http.uri(students), school.token()).GET().build()));
    assertTrue(e.getCause() != null);
    assertFalse(sim.requests().isEmpty());
    assertTrue(sim.requests().stream().allMatch(r -> r.status() == -1));
    sim.faults().clear();
    sim.faults().onNth("*", 1, Fault.connectionReset());
    int before = sim.requests().size();
    assertEquals(200, status(students), "one reset is retried by the JDK client");
    List<RecordedRequest> after = sim.requests().subList(before, sim.requests().size());
    assertEquals(-1, after.get(0).status());
    assertEquals(200, after.get(after.size() - 1).status());
  }

  @Test
  void truncatedBodyFailsTheRead() {
    sim.faults().onNth("/students", 1, Fault.truncatedBody());
    HttpClient fresh = SimHttp.newClient();
    assertThrows(
        UncheckedIOException.class,
        () ->
            SimHttp.send(fresh, SimHttp.request(http.uri(students), school.token()).GET().build()));
    assertEquals(200, status(students));
  }

  @Test
  void truncatedJsonIsACompleteResponseWithBrokenJson() {
    sim.faults().onNth("/students", 1, Fault.truncatedJson());
    HttpResponse<String> r = http.get(students, school.token());
    assertEquals(200, r.statusCode());
    assertThrows(JsonProcessingException.class, () -> SimHttp.JSON.readTree(r.body()));
  }

  @Test
  void missingMetaDropsPagination() {
    sim.faults().onNth("/students", 1, Fault.missingMeta());
    assertFalse(http.json(students + "?per_page=10", school.token()).has("meta"));
    assertTrue(http.json(students + "?per_page=10", school.token()).has("meta"));
  }

  @Test
  void emptyDataLooksLikeASchoolWithNobody() {
    sim.faults().onNth("/students", 1, Fault.emptyData());
    JsonNode empty = http.json(students + "?per_page=10", school.token());
    assertEquals(0, empty.get("data").size());
    assertFalse(empty.has("meta"));
    assertEquals(10, http.json(students + "?per_page=10", school.token()).get("data").size());
  }

  @Test
  void latencyDelaysTheResponse() {
    sim.faults().onNth("/students", 1, Fault.latency(300));
    long t0 = System.nanoTime();
    assertEquals(200, status(students));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms >= 290, "took " + ms + " ms");
  }

  @Test
  void alwaysIsAnOutageUntilCleared() {
    sim.faults().always("*", Fault.status(502));
    assertEquals(502, status(students));
    assertEquals(502, status("schools/" + school.id()));
    sim.faults().clear();
    assertEquals(200, status(students));
  }

  private List<Integer> randomRun(long seed) {
    try (WondeSimulator s =
        WondeSimulator.start(SimulatorConfig.builder().seed(3).studentsPerSchool(20).build())) {
      s.faults()
          .random("/students", seed, 0.3, Fault.status(500), Fault.status(503), Fault.status(504));
      SimHttp h = new SimHttp(s);
      SchoolWorld sc = s.world().school(0);
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        out.add(h.get("schools/" + sc.id() + "/students", sc.token()).statusCode());
      }
      return out;
    }
  }

  @Test
  void randomFaultsAreDeterministicForASeed() {
    List<Integer> a = randomRun(42);
    List<Integer> b = randomRun(42);
    List<Integer> c = randomRun(43);
    assertEquals(a, b);
    assertNotEquals(a, c);
    long faults = a.stream().filter(x -> x != 200).count();
    assertTrue(faults > 3 && faults < 25, "about 30% of 40: " + faults);
    assertTrue(a.stream().allMatch(x -> x == 200 || x == 500 || x == 503 || x == 504));
  }

  @Test
  void configuredFaultRateAndLatencyApplyToEveryPath() {
    try (WondeSimulator s =
        WondeSimulator.start(
            SimulatorConfig.builder()
                .seed(8)
                .studentsPerSchool(10)
                .faultRate(1.0)
                .latencyMs(20)
                .build())) {
      SimHttp h = new SimHttp(s);
      SchoolWorld sc = s.world().school(0);
      int failures = 0;
      for (int i = 0; i < 6; i++) {
        try {
          HttpResponse<String> r =
              SimHttp.send(
                  SimHttp.newClient(),
                  SimHttp.request(h.uri("schools/" + sc.id()), sc.token()).GET().build());
          assertTrue(r.statusCode() == 503 || r.statusCode() == 429, "" + r.statusCode());
          failures++;
        } catch (UncheckedIOException e) {
          failures++;
        }
      }
      assertEquals(6, failures);
      assertTrue(s.requests().stream().allMatch(r -> r.fault() != null));
    }
  }
}
