package io.missync.wonde.snapshot;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.missync.wonde.ListRequest;
import io.missync.wonde.RetryPolicy;
import io.missync.wonde.StudentInclude;
import io.missync.wonde.TokenProvider;
import io.missync.wonde.WondeClient;
import io.missync.wonde.model.Student;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PageByPage}: when pages are requested by number, and when {@code next} is followed. */
class PageByPageTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String SCHOOL = "A1930499544";
  private static final String P = "/v1.0/schools/" + SCHOOL + "/students";
  private static final String Q = "include=year&per_page=2";

  private String base() {
    return "http://localhost:" + wm.getPort();
  }

  private ListRequest<Student, StudentInclude> request() {
    return WondeClient.builder()
        .tokens(TokenProvider.multiSchool("page-by-page-token"))
        .baseUri(URI.create(base()))
        .regionLookup(false)
        .retryPolicy(RetryPolicy.none())
        .build()
        .school(SCHOOL)
        .students()
        .include(StudentInclude.YEAR)
        .perPage(2);
  }

  private static String student(String id) {
    return "{\"id\":\"" + id + "\",\"forename\":\"A\",\"surname\":\"B\"}";
  }

  /** A page with {@code next} as given (null for none) and the given meta extras. */
  private static String page(int current, @Nullable String next, String extra, String... ids) {
    List<String> items = new ArrayList<>();
    for (String id : ids) {
      items.add(student(id));
    }
    return "{\"data\":["
        + String.join(",", items)
        + "],\"meta\":{\"pagination\":{\"next\":"
        + (next == null ? "null" : "\"" + next + "\"")
        + ",\"more\":"
        + (next != null)
        + ",\"per_page\":2,\"current_page\":"
        + current
        + extra
        + "}}}";
  }

  private String nextPage(int n) {
    return base() + P + "?" + Q + "&page=" + n;
  }

  private void stubPage(int n, String body) {
    wm.stubFor(
        get(urlPathEqualTo(P))
            .withQueryParam("page", n == 1 ? absent() : equalTo(Integer.toString(n)))
            .willReturn(okJson(body)));
  }

  private PageByPage.Result<Student> read(OptionalLong count) {
    return PageByPage.read(
            request(), CompletableFuture.completedFuture(count), s -> Optional.of(s.id()))
        .join();
  }

  private static List<String> ids(PageByPage.Result<Student> r) {
    return r.items().stream().map(Student::id).toList();
  }

  @Test
  void withACountPagesTwoToNAreRequestedByNumber() {
    stubPage(1, page(1, nextPage(2), "", "S1", "S2"));
    stubPage(2, page(2, nextPage(3), "", "S3", "S4"));
    stubPage(3, page(3, null, "", "S5"));
    PageByPage.Result<Student> r = read(OptionalLong.of(5));
    assertEquals(PageByPage.Mode.CONCURRENT, r.mode());
    assertEquals(List.of("S1", "S2", "S3", "S4", "S5"), ids(r));
    assertEquals(Optional.empty(), r.shifted());
    wm.verify(1, getRequestedFor(urlPathEqualTo(P)).withQueryParam("page", equalTo("3")));
  }

  @Test
  void withoutACountOrTotalNextIsFollowed() {
    stubPage(1, page(1, nextPage(2), "", "S1", "S2"));
    stubPage(2, page(2, nextPage(3), "", "S3", "S4"));
    stubPage(3, page(3, null, "", "S5"));
    PageByPage.Result<Student> r = read(OptionalLong.empty());
    assertEquals(PageByPage.Mode.SEQUENTIAL, r.mode());
    assertTrue(r.fallback().orElseThrow().contains("no total"), r.fallback().toString());
    assertEquals(List.of("S1", "S2", "S3", "S4", "S5"), ids(r));
  }

  @Test
  void aTotalInTheMetaPlansTheRead() {
    stubPage(1, page(1, nextPage(2), ",\"total\":5", "S1", "S2"));
    stubPage(2, page(2, nextPage(3), ",\"total\":5", "S3", "S4"));
    stubPage(3, page(3, null, ",\"total\":5", "S5"));
    PageByPage.Result<Student> r = read(OptionalLong.empty());
    assertEquals(PageByPage.Mode.CONCURRENT, r.mode());
    assertEquals(Optional.empty(), r.shifted());
  }

  @Test
  void aPageWithAnotherTotalMeansTheListShifted() {
    stubPage(1, page(1, nextPage(2), ",\"total\":5", "S1", "S2"));
    stubPage(2, page(2, nextPage(3), ",\"total\":4", "S4", "S5"));
    wm.stubFor(
        get(urlPathEqualTo(P))
            .withQueryParam("page", equalTo("3"))
            .willReturn(
                okJson(
                    "{\"data\":[],\"meta\":{\"pagination\":{\"next\":null,"
                        + "\"more\":false,\"per_page\":2,\"current_page\":3,\"total\":4}}}")));
    PageByPage.Result<Student> r = read(OptionalLong.empty());
    assertTrue(r.shifted().orElseThrow().contains("total 4"), r.shifted().toString());
  }

  @Test
  void aRecordOnTwoPagesMeansTheListShifted() {
    stubPage(1, page(1, nextPage(2), "", "S1", "S2"));
    stubPage(2, page(2, nextPage(3), "", "S2", "S3"));
    stubPage(3, page(3, null, "", "S4"));
    PageByPage.Result<Student> r = read(OptionalLong.of(5));
    assertEquals(PageByPage.Mode.CONCURRENT, r.mode());
    assertEquals(1, r.duplicates());
    assertTrue(r.shifted().isPresent());
  }

  @Test
  void aCursorStyleNextIsFollowed() {
    stubPage(1, page(1, base() + P + "?" + Q + "&cursor=abc", "", "S1", "S2"));
    wm.stubFor(
        get(urlPathEqualTo(P))
            .withQueryParam("cursor", equalTo("abc"))
            .willReturn(okJson(page(2, null, "", "S3"))));
    PageByPage.Result<Student> r = read(OptionalLong.of(5));
    assertEquals(PageByPage.Mode.SEQUENTIAL, r.mode());
    assertEquals(List.of("S1", "S2", "S3"), ids(r));
    wm.verify(0, getRequestedFor(urlPathEqualTo(P)).withQueryParam("page", equalTo("2")));
  }

  @Test
  void aServerIgnoringThePageNumberIsNeverReadAsWhole() {
    // every page=K is answered as page 1: the pages cannot be placed, so next is followed from
    // page 1, and the link back to page 2 is refused as a loop instead of repeating page 1
    stubPage(1, page(1, nextPage(2), "", "S1", "S2"));
    stubPage(2, page(1, nextPage(2), "", "S1", "S2"));
    stubPage(3, page(1, nextPage(2), "", "S1", "S2"));
    CompletionException e = assertThrows(CompletionException.class, () -> read(OptionalLong.of(5)));
    assertInstanceOf(io.missync.wonde.WondeDecodeException.class, e.getCause());
  }

  @Test
  void nextMustBeThisRequestWithPageTwo() {
    URI req = URI.create("http://h:1/v1.0/schools/A1/students?include=a%2Cb&per_page=2");
    assertTrue(
        PageByPage.sameParams(
            req,
            URI.create("http://h:1/v1.0/schools/A1/students?per_page=2&include=a,b&page=2"),
            2));
    assertFalse(
        PageByPage.sameParams(
            req, URI.create("http://h:1/v1.0/schools/A1/students?per_page=2&page=2"), 2));
    assertFalse(
        PageByPage.sameParams(
            req,
            URI.create("http://h:1/v1.0/schools/A1/students?include=a,b&per_page=2&page=3"),
            2));
    assertFalse(
        PageByPage.sameParams(
            req,
            URI.create(
                "http://h:1/v1.0/schools/A1/students?include=a,b&per_page=2&page=2&cursor=x"),
            2));
    assertFalse(
        PageByPage.sameParams(
            req,
            URI.create("http://other:1/v1.0/schools/A1/students?include=a,b&per_page=2&page=2"),
            2));
  }
}
