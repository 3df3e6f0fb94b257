package io.missync.wonde;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.missync.wonde.model.Student;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Whatever the page layout Wonde chooses, the pager yields every item once, in order. */
class PaginationProperties {
  private static WireMockServer server;

  @BeforeContainer
  static void start() {
    server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
  }

  @AfterContainer
  static void stop() {
    server.stop();
  }

  @Property(tries = 25)
  void pagerYieldsEveryItemOnceInOrder(
      @ForAll @IntRange(min = 0, max = 23) int total,
      @ForAll @IntRange(min = 1, max = 7) int perPage,
      @ForAll boolean sendMore,
      @ForAll boolean relativeNext,
      @ForAll boolean asyncCollect) {
    server.resetAll();
    String path = "/v1.0/schools/A1/students";
    int pages = Math.max(1, (total + perPage - 1) / perPage);
    for (int p = 1; p <= pages; p++) {
      StringBuilder data = new StringBuilder();
      for (int i = (p - 1) * perPage; i < Math.min(total, p * perPage); i++) {
        data.append(data.length() == 0 ? "" : ",").append("{\"id\":\"S").append(i).append("\"}");
      }
      boolean last = p == pages;
      String next =
          last
              ? "null"
              : "\""
                  + (relativeNext ? "" : "http://localhost:" + server.port())
                  + path
                  + "?per_page="
                  + perPage
                  + "&page="
                  + (p + 1)
                  + "\"";
      String more = sendMore ? ",\"more\":" + !last : "";
      String body =
          "{\"data\":["
              + data
              + "],\"meta\":{\"pagination\":{\"next\":"
              + next
              + more
              + ",\"per_page\":"
              + perPage
              + ",\"current_page\":"
              + p
              + "}}}";
      server.stubFor(
          get(urlPathEqualTo(path))
              .withQueryParam("page", p == 1 ? absent() : equalTo(Integer.toString(p)))
              .willReturn(okJson(body)));
    }
    WondeClient client =
        WondeClient.builder()
            .tokens(TokenProvider.multiSchool("t"))
            .baseUri(URI.create("http://localhost:" + server.port()))
            .regionLookup(false)
            .retryPolicy(RetryPolicy.none())
            .build();
    ListRequest<Student, StudentInclude> req = client.school("A1").students().perPage(perPage);
    List<String> got = new ArrayList<>();
    if (asyncCollect) {
      req.allAsync().join().forEach(s -> got.add(s.id()));
    } else {
      req.items().forEach(s -> got.add(s.id()));
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      expected.add("S" + i);
    }
    assertEquals(expected, got);
    assertEquals(pages, server.getAllServeEvents().size(), "each page fetched exactly once");
  }
}
