package io.missync.wonde;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.missync.wonde.model.Counts;
import io.missync.wonde.model.Permission;
import io.missync.wonde.model.School;
import io.missync.wonde.model.SchoolMeta;
import io.missync.wonde.model.Student;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SchoolEndpointsTest extends HttpTestSupport {
  @RegisterExtension static WireMockExtension wm = server();

  @Test
  void metaPermissionsAndCounts() {
    wm.stubFor(
        get(urlPathEqualTo("/v1.0/meta/schools/" + SCHOOL))
            .willReturn(
                okJson(
                    "{\"data\":{\"online\":true,\"approved\":true,\"audited\":false,"
                        + "\"custom_attendance_codes\":false}}")));
    wm.stubFor(
        get(urlPathEqualTo("/v1.0/meta/schools/" + SCHOOL + "/permissions"))
            .willReturn(
                okJson(
                    "{\"data\":[{\"identity\":\"students.read\",\"name\":\"Students\","
                        + "\"active_from\":{\"date\":\"2024-01-01 00:00:00.000000\","
                        + "\"timezone_type\":3,\"timezone\":\"UTC\"},\"approved\":true}]}")));
    wm.stubFor(
        get(urlPathEqualTo("/v1.0/schools/" + SCHOOL + "/counts"))
            .withQueryParam("include", equalTo("students,contacts"))
            .willReturn(
                okJson(
                    "{\"data\":{\"students\":{\"data\":{\"count\":812}},"
                        + "\"contacts\":{\"data\":{\"count\":1500}}}}")));
    SchoolClient s = client(wm).school(SCHOOL);
    SchoolMeta meta = s.meta();
    assertEquals(Optional.of(true), meta.online());
    assertEquals(Optional.of(false), meta.audited());
    List<Permission> perms = s.permissions();
    assertEquals(Optional.of("students.read"), perms.get(0).identity());
    assertEquals(Optional.of(Instant.parse("2024-01-01T00:00:00Z")), perms.get(0).activeFrom());
    Counts c = s.counts(CountType.STUDENTS, CountType.CONTACTS);
    assertEquals(812, c.count("students").orElseThrow());
    assertEquals(
        1500,
        s.countsAsync(CountType.STUDENTS, CountType.CONTACTS)
            .join()
            .count("contacts")
            .orElseThrow());
  }

  @Test
  void schoolRecordSyncAndAsync() {
    wm.stubFor(
        get(urlPathEqualTo("/v1.0/schools/" + SCHOOL))
            .willReturn(
                okJson(Fixtures.text("school.json").replace("REGION_DOMAIN", "api.wonde.com"))));
    School a = client(wm).school(SCHOOL).get();
    School b = client(wm).school(SCHOOL).getAsync().join();
    assertEquals(a, b);
    assertEquals(Optional.of("SIMS"), a.mis());
  }

  @Test
  void leaverAndPreAdmissionEndpoints() {
    String body =
        "{\"data\":[{\"id\":\"L1\",\"education_details\":{\"data\":{\"leaving_date\":\"2025-07-18\"}}}]}";
    wm.stubFor(
        get(urlPathEqualTo("/v1.0/schools/" + SCHOOL + "/students-leaver"))
            .willReturn(okJson(body)));
    wm.stubFor(
        get(urlPathEqualTo("/v1.0/schools/" + SCHOOL + "/students-pre-admission"))
            .willReturn(okJson("{\"data\":[]}")));
    List<Student> leavers =
        client(wm)
            .school(SCHOOL)
            .studentsLeaver()
            .include(StudentInclude.EDUCATION_DETAILS)
            .stream()
            .toList();
    assertEquals(
        Optional.of(java.time.LocalDate.of(2025, 7, 18)),
        leavers.get(0).educationDetails().orElseThrow().leavingDate());
    assertTrue(client(wm).school(SCHOOL).studentsPreAdmission().stream().findAny().isEmpty());
  }

  @Test
  void schoolListsUseTheAccountToken() {
    wm.stubFor(
        get(urlPathEqualTo("/v1.0/schools/all"))
            .willReturn(okJson("{\"data\":[{\"id\":\"A1\",\"name\":\"One\",\"urn\":100}]}")));
    List<School> all =
        client(wm).schools(SchoolList.ALL).param("postcode", "CB8").stream().toList();
    assertEquals(Optional.of("100"), all.get(0).urn());
    wm.verify(
        getRequestedFor(urlPathEqualTo("/v1.0/schools/all"))
            .withQueryParam("postcode", equalTo("CB8"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
  }
}
