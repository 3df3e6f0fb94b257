package io.missync.wonde;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.missync.wonde.model.Student;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PaginationTest extends HttpTestSupport {
  @RegisterExtension static WireMockExtension wm = server();
  @RegisterExtension static WireMockExtension other = server();

  private static String items(String... ids) {
    return java.util.Arrays.stream(ids)
        .map(id -> "{\"id\":\"" + id + "\"}")
        .collect(Collectors.joining(",", "[", "]"));
  }

  private static String page(String items, String next, Object more, int current) {
    String nextJson = next == null ? "null" : "\"" + next + "\"";
    String moreJson = more == null ? "" : ",\"more\":" + more;
    return "{\"data\":"
        + items
        + ",\"meta\":{\"pagination\":{\"next\":"
        + nextJson
        + moreJson
        + ",\"previous\":null,\"per_page\":2,\"current_page\":"
        + current
        + "}}}";
  }

  private String base() {
    return "http://localhost:" + wm.getPort();
  }

  private void stubPage(int n, String body) {
    wm.stubFor(
        get(urlPathEqualTo(studentsPath()))
            .withQueryParam(
                "page",
                n == 1
                    ? com.github.tomakehurst.wiremock.client.WireMock.absent()
                    : equalTo(Integer.toString(n)))
            .willReturn(okJson(body)));
  }

  private List<String> ids(Iterable<Student> students) {
    List<String> out = new java.util.ArrayList<>();
    students.forEach(s -> out.add(s.id()));
    return out;
  }

  @Test
  void followsNextLinksLazilyKeepingFilters() {
    String next2 =
        base()
            + studentsPath()
            + "?include=education_details%2Cyear&updated_after=2024-06-01%2000%3A00%3A00&per_page=2&page=2";
    String next3 = next2.replace("page=2", "page=3");
    stubPage(1, page(items("A1", "A2"), next2, true, 1));
    stubPage(2, page(items("A3", "A4"), next3, true, 2));
    stubPage(3, page(items("A5"), null, false, 3));
    ListRequest<Student, StudentInclude> req =
        client(wm)
            .school(SCHOOL)
            .students()
            .include(StudentInclude.EDUCATION_DETAILS, StudentInclude.YEAR)
            .updatedAfter(Instant.parse("2024-06-01T00:00:00Z"))
            .updatedBefore(Instant.parse("2024-06-30T23:59:59.900Z"))
            .perPage(2);
    Iterator<Student> it = req.items().iterator();
    assertEquals(0, wm.getAllServeEvents().size(), "nothing fetched before iteration");
    assertEquals("A1", it.next().id());
    assertEquals(1, wm.getAllServeEvents().size(), "only the first page fetched");
    List<String> rest = new java.util.ArrayList<>();
    it.forEachRemaining(s -> rest.add(s.id()));
    assertEquals(List.of("A2", "A3", "A4", "A5"), rest);
    assertEquals(3, wm.getAllServeEvents().size());
    wm.verify(
        com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo(studentsPath()))
            .withQueryParam("include", equalTo("education_details,year"))
            .withQueryParam("updated_after", equalTo("2024-06-01 00:00:00"))
            .withQueryParam("updated_before", equalTo("2024-06-30 23:59:59"))
            .withQueryParam("per_page", equalTo("2")));
    assertEquals(5, req.stream().count());
  }

  @Test
  void pageMetadata() {
    stubPage(1, page(items("A1", "A2"), base() + studentsPath() + "?page=2", true, 1));
    Page<Student> p = client(wm).school(SCHOOL).students().perPage(2).firstPage();
    assertTrue(p.more());
    assertTrue(p.hasNext());
    assertTrue(p.paginated());
    assertEquals(OptionalInt.of(2), p.perPage());
    assertEquals(OptionalInt.of(1), p.currentPage());
  }

  @Test
  void noMetaMeansSinglePage() {
    stubPage(1, "{\"data\":" + items("A1", "A2", "A3") + "}");
    Page<Student> p = client(wm).school(SCHOOL).students().firstPage();
    assertFalse(p.paginated());
    assertFalse(p.hasNext());
    assertEquals(List.of("A1", "A2", "A3"), ids(client(wm).school(SCHOOL).students().items()));
  }

  @Test
  void theStrictCollectorRefusesAnUnpaginatedPageButTakesPaginatedOnes() {
    stubPage(1, "{\"data\":[]}");
    java.util.concurrent.CompletionException e =
        assertThrows(
            java.util.concurrent.CompletionException.class,
            () -> client(wm).school(SCHOOL).students().perPage(2).allPaginatedAsync().join());
    WondeDecodeException cause = assertInstanceOf(WondeDecodeException.class, e.getCause());
    assertTrue(cause.getMessage().contains("meta.pagination"), cause.getMessage());
    // the lenient collector takes the same answer as an empty list
    assertEquals(List.of(), client(wm).school(SCHOOL).students().perPage(2).allAsync().join());
    wm.resetAll();
    stubPage(1, page(items("A1", "A2"), null, false, 1));
    assertEquals(
        List.of("A1", "A2"),
        ids(client(wm).school(SCHOOL).students().perPage(2).allPaginatedAsync().join()));
  }

  @Test
  void metaWithoutPaginationMeansSinglePage() {
    stubPage(1, "{\"data\":" + items("A1") + ",\"meta\":{\"includes\":[\"year\"]}}");
    assertEquals(List.of("A1"), ids(client(wm).school(SCHOOL).students().items()));
  }

  @Test
  void exactlyOnePage() {
    stubPage(1, page(items("A1", "A2"), null, false, 1));
    assertEquals(List.of("A1", "A2"), ids(client(wm).school(SCHOOL).students().perPage(2).items()));
    assertEquals(1, wm.getAllServeEvents().size());
  }

  @Test
  void emptyData() {
    stubPage(1, page("[]", null, false, 1));
    assertEquals(List.of(), ids(client(wm).school(SCHOOL).students().items()));
  }

  @Test
  void missingMoreFollowsNext() {
    stubPage(1, page(items("A1", "A2"), base() + studentsPath() + "?page=2", null, 1));
    stubPage(2, page(items("A3"), null, null, 2));
    assertEquals(
        List.of("A1", "A2", "A3"), ids(client(wm).school(SCHOOL).students().perPage(2).items()));
  }

  @Test
  void relativeNextIsResolvedAgainstTheRequest() {
    stubPage(1, page(items("A1", "A2"), studentsPath() + "?page=2", true, 1));
    stubPage(2, page(items("A3"), null, false, 2));
    assertEquals(
        List.of("A1", "A2", "A3"), ids(client(wm).school(SCHOOL).students().perPage(2).items()));
  }

  @Test
  void moreWithoutNextIsAnErrorNotASilentStop() {
    stubPage(1, page(items("A1", "A2"), null, true, 1));
    WondeDecodeException e =
        assertThrows(
            WondeDecodeException.class,
            () -> ids(client(wm).school(SCHOOL).students().perPage(2).items()));
    assertEquals("meta.pagination.next", e.fieldPath());
  }

  @Test
  void fullPageWithoutPaginationIsAnError() {
    stubPage(1, "{\"data\":" + items("A1", "A2") + "}");
    WondeDecodeException e =
        assertThrows(
            WondeDecodeException.class,
            () -> client(wm).school(SCHOOL).students().perPage(2).firstPage());
    assertEquals("meta.pagination", e.fieldPath());
  }

  @Test
  void dataNullOrMissingIsAnError() {
    stubPage(1, "{\"data\":null}");
    assertEquals(
        "data",
        assertThrows(
                WondeDecodeException.class, () -> client(wm).school(SCHOOL).students().firstPage())
            .fieldPath());
    stubPage(1, "{\"meta\":{}}");
    assertEquals(
        "data",
        assertThrows(
                WondeDecodeException.class, () -> client(wm).school(SCHOOL).students().firstPage())
            .fieldPath());
  }

  @Test
  void loopingNextIsRefused() {
    String first = base() + studentsPath() + "?per_page=2";
    String second = base() + studentsPath() + "?per_page=2&page=2";
    stubPage(1, page(items("A1", "A2"), second, true, 1));
    stubPage(2, page(items("A3", "A4"), first, true, 2));
    assertThrows(
        WondeDecodeException.class,
        () -> ids(client(wm).school(SCHOOL).students().perPage(2).items()));
    assertThrows(
        CompletionException.class,
        () -> client(wm).school(SCHOOL).students().perPage(2).allAsync().join());
  }

  @Test
  void nextOnAnotherHostIsRefusedAndGetsNoRequest() {
    other.stubFor(
        get(urlPathEqualTo(studentsPath())).willReturn(okJson(page("[]", null, false, 2))));
    String evil = "http://localhost:" + other.getPort() + studentsPath() + "?page=2";
    stubPage(1, page(items("A1", "A2"), evil, true, 1));
    WondeHostNotAllowedException e =
        assertThrows(
            WondeHostNotAllowedException.class,
            () -> ids(client(wm).school(SCHOOL).students().perPage(2).items()));
    assertEquals("localhost:" + other.getPort(), e.host());
    CompletionException ce =
        assertThrows(
            CompletionException.class,
            () -> client(wm).school(SCHOOL).students().perPage(2).allAsync().join());
    assertInstanceOf(WondeHostNotAllowedException.class, ce.getCause());
    assertEquals(0, other.getAllServeEvents().size(), "token must never reach another host");
  }

  @Test
  void nextWithOtherSchemeOrUserInfoIsRefused() {
    stubPage(
        1,
        page(
            items("A1", "A2"),
            "https://localhost:" + wm.getPort() + studentsPath() + "?page=2",
            true,
            1));
    assertThrows(
        WondeHostNotAllowedException.class,
        () -> ids(client(wm).school(SCHOOL).students().perPage(2).items()));
    stubPage(
        1,
        page(
            items("A1", "A2"),
            "http://user@localhost:" + wm.getPort() + studentsPath() + "?page=2",
            true,
            1));
    assertThrows(
        WondeHostNotAllowedException.class,
        () -> ids(client(wm).school(SCHOOL).students().perPage(2).items()));
  }

  @Test
  void allAsyncCollectsEveryPage() {
    stubPage(1, page(items("A1", "A2"), base() + studentsPath() + "?page=2", true, 1));
    stubPage(2, page(items("A3"), null, false, 2));
    List<Student> all = client(wm).school(SCHOOL).students().perPage(2).allAsync().join();
    assertEquals(List.of("A1", "A2", "A3"), ids(all));
  }

  @Test
  void perPageIsBounded() {
    assertThrows(
        IllegalArgumentException.class, () -> client(wm).school(SCHOOL).students().perPage(201));
    assertThrows(
        IllegalArgumentException.class, () -> client(wm).school(SCHOOL).students().perPage(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> client(wm).school(SCHOOL).students().param("page", "3"));
  }
}
