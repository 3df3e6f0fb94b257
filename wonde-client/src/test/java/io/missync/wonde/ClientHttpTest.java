package io.missync.wonde;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.missync.wonde.model.Student;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientHttpTest extends HttpTestSupport {
  @RegisterExtension static WireMockExtension wm = server();

  private static final String PAGE =
      "{\"data\":[{\"id\":\"A1\"}],\"meta\":{\"pagination\":{\"next\":null,\"more\":false}}}";

  private void stubSequence(ResponseDefinitionBuilder... responses) {
    String state = STARTED;
    for (int i = 0; i < responses.length; i++) {
      String nextState = "s" + (i + 1);
      wm.stubFor(
          get(urlPathEqualTo(studentsPath()))
              .inScenario("seq")
              .whenScenarioStateIs(state)
              .willSetStateTo(nextState)
              .willReturn(responses[i]));
      state = nextState;
    }
  }

  @ParameterizedTest
  @CsvSource({
    "400, WondeBadRequestException",
    "401, WondeUnauthorizedException",
    "403, WondeForbiddenException",
    "404, WondeNotFoundException",
    "422, WondeValidationException",
    "429, WondeRateLimitedException",
    "418, WondeHttpException",
    "500, WondeServerErrorException",
    "503, WondeServerErrorException",
    "599, WondeServerErrorException"
  })
  void statusesMapToTypedExceptions(int status, String type) {
    wm.stubFor(
        get(urlPathEqualTo(studentsPath()))
            .willReturn(
                aResponse().withStatus(status).withBody("{\"error\":\"nope " + TOKEN + "\"}")));
    WondeClient client = builder(wm).retryPolicy(RetryPolicy.none()).build();
    WondeHttpException e =
        assertThrows(WondeHttpException.class, () -> client.school(SCHOOL).students().firstPage());
    assertEquals(type, e.getClass().getSimpleName());
    assertEquals(status, e.status());
    assertEquals("GET", e.method());
    assertTrue(e.url().contains(studentsPath()), e.url());
    assertTrue(e.body().contains("nope"));
    assertFalse(e.body().contains(TOKEN), "token echoed in body must be redacted");
    assertFalse(e.getMessage().contains(TOKEN));
    assertFalse(e.getMessage().contains("nope"), "body is not part of the message");
    assertEquals(1, wm.getAllServeEvents().size());
  }

  @Test
  void redirectsAreNotFollowed() {
    wm.stubFor(
        get(urlPathEqualTo(studentsPath()))
            .willReturn(
                aResponse().withStatus(302).withHeader("Location", "http://127.0.0.1:1/steal")));
    WondeHttpException e =
        assertThrows(
            WondeHttpException.class, () -> client(wm).school(SCHOOL).students().firstPage());
    assertEquals(302, e.status());
    assertEquals(WondeHttpException.class, e.getClass());
  }

  @Test
  void bodyIsBounded() {
    wm.stubFor(
        get(urlPathEqualTo(studentsPath()))
            .willReturn(aResponse().withStatus(400).withBody("x".repeat(100_000))));
    WondeHttpException e =
        assertThrows(
            WondeHttpException.class, () -> client(wm).school(SCHOOL).students().firstPage());
    assertEquals(WondeHttpException.MAX_BODY_CHARS, e.body().length());
  }

  @Test
  void sensitiveQueryParamsAreRedacted() {
    wm.stubFor(get(urlPathEqualTo(studentsPath())).willReturn(aResponse().withStatus(403)));
    WondeForbiddenException e =
        assertThrows(
            WondeForbiddenException.class,
            () ->
                client(wm)
                    .school(SCHOOL)
                    .students()
                    .param("token", TOKEN)
                    .param("secret", "hunter2")
                    .param("only_mis_ids", "1,2")
                    .firstPage());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertFalse(e.url().contains(TOKEN));
    assertTrue(e.url().contains("token=REDACTED"), e.url());
    assertTrue(e.url().contains("only_mis_ids=1%2C2"), e.url());
  }

  @Test
  void sendsBearerByDefault() {
    wm.stubFor(get(urlPathEqualTo(studentsPath())).willReturn(okJson(PAGE)));
    client(wm).school(SCHOOL).students().firstPage();
    wm.verify(
        getRequestedFor(urlPathEqualTo(studentsPath()))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withHeader("Accept", equalTo("application/json")));
  }

  @Test
  void sendsBasicWhenAsked() {
    wm.stubFor(get(urlPathEqualTo(studentsPath())).willReturn(okJson(PAGE)));
    builder(wm).authScheme(AuthScheme.BASIC).build().school(SCHOOL).students().firstPage();
    String expected =
        "Basic "
            + Base64.getEncoder().encodeToString((TOKEN + ":").getBytes(StandardCharsets.UTF_8));
    wm.verify(
        getRequestedFor(urlPathEqualTo(studentsPath()))
            .withHeader("Authorization", equalTo(expected)));
  }

  @Test
  void perSchoolTokens() {
    wm.stubFor(get(urlPathEqualTo(studentsPath())).willReturn(okJson(PAGE)));
    WondeClient c =
        builder(wm).tokens(TokenProvider.perSchool(Map.of(SCHOOL, "school-tok"))).build();
    c.school(SCHOOL).students().firstPage();
    wm.verify(
        getRequestedFor(urlPathEqualTo(studentsPath()))
            .withHeader("Authorization", equalTo("Bearer school-tok")));
    WondeException e =
        assertThrows(WondeException.class, () -> c.school("B999").students().firstPage());
    assertFalse(e.getMessage().contains("school-tok"));
    assertEquals(1, wm.getAllServeEvents().size(), "no request without a token");
    assertThrows(WondeException.class, () -> c.schools(SchoolList.APPROVED).firstPage());
  }

  @Test
  void retriesServerErrorsWithExponentialBackoff() {
    stubSequence(
        aResponse().withStatus(503),
        aResponse().withStatus(502),
        aResponse().withStatus(500),
        okJson(PAGE));
    Page<Student> p = client(wm).school(SCHOOL).students().firstPage();
    assertEquals(1, p.items().size());
    assertEquals(
        List.of(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000)),
        sleeper.delays);
    assertEquals(4, wm.getAllServeEvents().size());
  }

  @Test
  void jitterScalesDelay() {
    stubSequence(aResponse().withStatus(500), aResponse().withStatus(500), okJson(PAGE));
    double[] js = {0.0, 0.99};
    int[] i = {0};
    builder(wm).jitter(() -> js[i[0]++]).build().school(SCHOOL).students().firstPage();
    assertEquals(List.of(Duration.ofMillis(400), Duration.ofMillis(1196)), sleeper.delays);
  }

  @Test
  void honoursRetryAfterSeconds() {
    stubSequence(aResponse().withStatus(429).withHeader("Retry-After", "7"), okJson(PAGE));
    client(wm).school(SCHOOL).students().firstPage();
    assertEquals(List.of(Duration.ofSeconds(7)), sleeper.delays);
  }

  @Test
  void honoursRetryAfterHttpDate() {
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(42).atZone(ZoneOffset.UTC));
    stubSequence(
        aResponse().withStatus(503).withHeader("Retry-After", date),
        aResponse().withStatus(429).withHeader("Retry-After", "0"),
        okJson(PAGE));
    client(wm).school(SCHOOL).students().firstPage();
    assertEquals(List.of(Duration.ofSeconds(42), Duration.ZERO), sleeper.delays);
  }

  @Test
  void retryAfterBeyondCapIsNotWaitedFor() {
    stubSequence(aResponse().withStatus(429).withHeader("Retry-After", "3600"), okJson(PAGE));
    WondeRateLimitedException e =
        assertThrows(
            WondeRateLimitedException.class,
            () -> client(wm).school(SCHOOL).students().firstPage());
    assertEquals(Optional.of(Duration.ofHours(1)), e.retryAfter());
    assertEquals(List.of(), sleeper.delays);
    assertEquals(1, wm.getAllServeEvents().size());
  }

  @Test
  void givesUpAfterMaxAttempts() {
    wm.stubFor(get(urlPathEqualTo(studentsPath())).willReturn(aResponse().withStatus(500)));
    WondeClient c =
        builder(wm)
            .retryPolicy(
                RetryPolicy.defaults()
                    .withMaxAttempts(3)
                    .withInitialDelay(Duration.ofSeconds(1))
                    .withMultiplier(3))
            .build();
    assertThrows(WondeServerErrorException.class, () -> c.school(SCHOOL).students().firstPage());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(3)), sleeper.delays);
    assertEquals(3, wm.getAllServeEvents().size());
  }

  @Test
  void backoffIsCappedAtMaxDelay() {
    wm.stubFor(get(urlPathEqualTo(studentsPath())).willReturn(aResponse().withStatus(500)));
    WondeClient c =
        builder(wm)
            .retryPolicy(
                RetryPolicy.defaults()
                    .withMaxAttempts(5)
                    .withInitialDelay(Duration.ofSeconds(10))
                    .withMaxDelay(Duration.ofSeconds(25)))
            .build();
    assertThrows(WondeServerErrorException.class, () -> c.school(SCHOOL).students().firstPage());
    assertEquals(
        List.of(
            Duration.ofSeconds(10),
            Duration.ofSeconds(20),
            Duration.ofSeconds(25),
            Duration.ofSeconds(25)),
        sleeper.delays);
  }

  @Test
  void clientErrorsAreNotRetried() {
    wm.stubFor(get(urlPathEqualTo(studentsPath())).willReturn(aResponse().withStatus(404)));
    assertThrows(
        WondeNotFoundException.class, () -> client(wm).school(SCHOOL).students().firstPage());
    assertEquals(1, wm.getAllServeEvents().size());
    assertEquals(List.of(), sleeper.delays);
  }

  @Test
  void retriesConnectionFailures() {
    stubSequence(
        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
        aResponse().withFault(Fault.EMPTY_RESPONSE),
        okJson(PAGE));
    assertEquals(1, client(wm).school(SCHOOL).students().firstPage().items().size());
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000)), sleeper.delays);
  }

  @Test
  void persistentConnectionFailureIsTypedIoError() {
    wm.stubFor(
        get(urlPathEqualTo(studentsPath()))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    WondeIoException e =
        assertThrows(
            WondeIoException.class, () -> client(wm).school(SCHOOL).students().firstPage());
    assertEquals("GET", e.method());
    assertFalse(e.getMessage().contains(TOKEN));
    assertEquals(3, sleeper.delays.size());
  }

  @Test
  void requestTimeoutIsTypedIoError() {
    wm.stubFor(get(urlPathEqualTo(studentsPath())).willReturn(okJson(PAGE).withFixedDelay(3000)));
    WondeClient c =
        builder(wm).requestTimeout(Duration.ofMillis(200)).retryPolicy(RetryPolicy.none()).build();
    WondeIoException e =
        assertThrows(WondeIoException.class, () -> c.school(SCHOOL).students().firstPage());
    assertInstanceOf(HttpTimeoutException.class, e.getCause());
  }

  @Test
  void asyncRetriesAndDecodes() {
    stubSequence(
        aResponse().withStatus(503).withHeader("Retry-After", "3"),
        aResponse().withStatus(500),
        okJson(PAGE));
    Page<Student> p = client(wm).school(SCHOOL).students().firstPageAsync().join();
    assertEquals("A1", p.items().get(0).id());
    assertEquals(List.of(Duration.ofSeconds(3), Duration.ofMillis(1000)), sleeper.delays);
  }

  @Test
  void asyncFailuresAreTyped() {
    wm.stubFor(get(urlPathEqualTo(studentsPath())).willReturn(aResponse().withStatus(401)));
    CompletionException e =
        assertThrows(
            CompletionException.class,
            () -> client(wm).school(SCHOOL).students().firstPageAsync().join());
    assertInstanceOf(WondeUnauthorizedException.class, e.getCause());
    assertFalse(e.getCause().getMessage().contains(TOKEN));
  }

  @Test
  void concurrencyIsLimitedPerHost() {
    wm.stubFor(get(urlPathEqualTo(studentsPath())).willReturn(okJson(PAGE).withFixedDelay(300)));
    WondeClient c = builder(wm).maxConcurrentRequestsPerHost(1).build();
    long start = System.nanoTime();
    List<CompletableFuture<Page<Student>>> fs =
        List.of(
            c.school(SCHOOL).students().firstPageAsync(),
            c.school(SCHOOL).students().firstPageAsync(),
            c.school(SCHOOL).students().firstPageAsync());
    fs.forEach(CompletableFuture::join);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms >= 850, "three 300 ms requests one at a time took only " + ms + " ms");
  }

  @Test
  void toStringsNeverShowTheToken() {
    WondeClient c = client(wm);
    String all =
        c
            + " "
            + c.school(SCHOOL)
            + " "
            + c.school(SCHOOL).students()
            + " "
            + TokenProvider.multiSchool(TOKEN)
            + " "
            + TokenProvider.perSchool(Map.of(SCHOOL, TOKEN));
    assertFalse(all.contains(TOKEN), all);
  }

  @Test
  void getSingleStudentWithIncludes() {
    wm.stubFor(
        get(urlPathEqualTo(studentsPath() + "/A1749191433"))
            .withQueryParam("include", equalTo("education_details,year"))
            .willReturn(
                okJson(
                    "{\"data\":{\"id\":\"A1749191433\",\"year\":{\"data\":{\"id\":\"Y\",\"type\":\"YEAR\"}}}}")));
    Student s =
        client(wm)
            .school(SCHOOL)
            .students()
            .include(StudentInclude.EDUCATION_DETAILS, StudentInclude.YEAR)
            .get("A1749191433");
    assertEquals("Y", s.year().orElseThrow().id());
    assertThrows(
        IllegalArgumentException.class, () -> client(wm).school(SCHOOL).students().get("../x"));
  }
}
