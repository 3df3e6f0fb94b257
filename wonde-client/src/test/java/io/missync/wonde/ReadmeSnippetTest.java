package io.missync.wonde;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.missync.core.model.MisSnapshot;
import io.missync.wonde.model.Student;
import io.missync.wonde.snapshot.WondeSnapshotSource;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's wonde-client snippet, run against WireMock so it keeps compiling and working. */
class ReadmeSnippetTest extends HttpTestSupport {
  @RegisterExtension static WireMockExtension wm = server();

  @Test
  void readmeSnippet() {
    String empty = "{\"data\":[]}";
    wm.stubFor(
        get(urlPathEqualTo(studentsPath()))
            .willReturn(
                okJson(
                    Fixtures.text("students-page.json")
                        .replace("\"per_page\": 200", "\"per_page\": 200"))));
    wm.stubFor(
        get(urlPathEqualTo("/v1.0/schools/" + SCHOOL))
            .willReturn(okJson("{\"data\":{\"id\":\"" + SCHOOL + "\"}}")));
    wm.stubFor(
        get(urlPathEqualTo("/v1.0/schools/" + SCHOOL + "/counts"))
            .willReturn(okJson("{\"data\":{}}")));
    for (String r : List.of("employees", "contacts", "groups", "classes")) {
      wm.stubFor(
          get(urlPathEqualTo("/v1.0/schools/" + SCHOOL + "/" + r)).willReturn(okJson(empty)));
    }
    String schoolToken = TOKEN;
    URI base = URI.create("http://localhost:" + wm.getPort()); // omit in production

    // --- README snippet starts ---
    WondeClient wonde =
        WondeClient.builder()
            .tokens(TokenProvider.perSchool(Map.of("A1930499544", schoolToken)))
            .baseUri(base) // defaults to https://api.wonde.com; regions are looked up per school
            .regionLookup(false) // the default (true) reads data.region.domain; off for the test
            .requestTimeout(Duration.ofSeconds(60))
            .retryPolicy(RetryPolicy.defaults().withMaxAttempts(5))
            .build();

    List<String> upns = new ArrayList<>();
    try (Stream<Student> students =
        wonde
            .school("A1930499544")
            .students()
            .include(StudentInclude.EDUCATION_DETAILS, StudentInclude.YEAR)
            .updatedAfter(Instant.parse("2024-01-01T00:00:00Z"))
            .stream()) { // pages are fetched lazily, 200 at a time
      students.forEach(s -> s.educationDetails().flatMap(e -> e.upn()).ifPresent(upns::add));
    }

    MisSnapshot snapshot = WondeSnapshotSource.builder(wonde, "A1930499544").build().fetchFull();
    // --- README snippet ends ---

    assertEquals(List.of("A123456789012", "B123456789012"), upns);
    assertEquals(2, snapshot.students().size());
  }
}
