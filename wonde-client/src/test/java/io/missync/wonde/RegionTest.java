package io.missync.wonde;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegionTest extends HttpTestSupport {
  @RegisterExtension static WireMockExtension home = server();
  @RegisterExtension static WireMockExtension regional = server();

  private static final String PAGE = "{\"data\":[{\"id\":\"A1\"}]}";

  private void schoolRegion(String domain) {
    home.stubFor(
        get(urlPathEqualTo("/v1.0/schools/" + SCHOOL))
            .willReturn(okJson(Fixtures.text("school.json").replace("REGION_DOMAIN", domain))));
  }

  private String regionalDomain() {
    return "localhost:" + regional.getPort();
  }

  @Test
  void resolvesRegionAndCachesIt() {
    schoolRegion(regionalDomain());
    regional.stubFor(get(urlPathEqualTo(studentsPath())).willReturn(okJson(PAGE)));
    WondeClient c =
        builder(home).regionLookup(true).allowedDomains(localhost(regional.getPort())).build();
    c.school(SCHOOL).students().firstPage();
    c.school(SCHOOL).students().firstPageAsync().join();
    assertEquals(URI.create("http://" + regionalDomain()), c.school(SCHOOL).regionBase());
    assertEquals(1, home.getAllServeEvents().size(), "region looked up once");
    assertEquals(2, regional.getAllServeEvents().size());
  }

  @Test
  void concurrentFirstCallsShareOneLookup() {
    schoolRegion(regionalDomain());
    regional.stubFor(get(urlPathEqualTo(studentsPath())).willReturn(okJson(PAGE)));
    WondeClient c =
        builder(home).regionLookup(true).allowedDomains(localhost(regional.getPort())).build();
    java.util.List<java.util.concurrent.CompletableFuture<?>> fs = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      fs.add(c.school(SCHOOL).students().firstPageAsync());
    }
    fs.forEach(java.util.concurrent.CompletableFuture::join);
    assertEquals(1, home.getAllServeEvents().size(), "one region lookup for six calls");
    assertEquals(6, regional.getAllServeEvents().size());
  }

  @Test
  void regionOffTheAllowListIsRefusedAndGetsNoRequest() {
    schoolRegion(regionalDomain());
    regional.stubFor(get(urlPathEqualTo(studentsPath())).willReturn(okJson(PAGE)));
    WondeClient c = builder(home).regionLookup(true).build();
    WondeHostNotAllowedException e =
        assertThrows(
            WondeHostNotAllowedException.class, () -> c.school(SCHOOL).students().firstPage());
    assertEquals(regionalDomain(), e.host());
    CompletionException ce =
        assertThrows(
            CompletionException.class, () -> c.school(SCHOOL).students().firstPageAsync().join());
    assertInstanceOf(WondeHostNotAllowedException.class, ce.getCause());
    assertEquals(0, regional.getAllServeEvents().size());
  }

  @Test
  void malformedDomainsAreRefused() {
    for (String d :
        new String[] {
          "evil.example/@" + regionalDomain(),
          "user@" + regionalDomain(),
          "http://" + regionalDomain()
        }) {
      schoolRegion(d);
      WondeClient c =
          builder(home).regionLookup(true).allowedDomains(localhost(regional.getPort())).build();
      assertThrows(
          WondeHostNotAllowedException.class, () -> c.school(SCHOOL).students().firstPage(), d);
    }
    assertEquals(0, regional.getAllServeEvents().size());
  }

  @Test
  void missingRegionFallsBackToDefaultHost() {
    home.stubFor(
        get(urlPathEqualTo("/v1.0/schools/" + SCHOOL))
            .willReturn(okJson("{\"data\":{\"id\":\"" + SCHOOL + "\"}}")));
    home.stubFor(get(urlPathEqualTo(studentsPath())).willReturn(okJson(PAGE)));
    WondeClient c = builder(home).regionLookup(true).build();
    assertEquals(1, c.school(SCHOOL).students().firstPage().items().size());
  }

  @Test
  void failedLookupIsNotCached() {
    home.stubFor(
        get(urlPathEqualTo("/v1.0/schools/" + SCHOOL))
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(401)));
    WondeClient c = builder(home).regionLookup(true).build();
    assertThrows(WondeUnauthorizedException.class, () -> c.school(SCHOOL).students().firstPage());
    schoolRegion("localhost:" + home.getPort());
    home.stubFor(get(urlPathEqualTo(studentsPath())).willReturn(okJson(PAGE)));
    assertEquals(1, c.school(SCHOOL).students().firstPage().items().size());
  }

  @Test
  void rememberRegionChecksAllowList() {
    WondeClient c = builder(home).regionLookup(true).build();
    assertThrows(
        WondeHostNotAllowedException.class, () -> c.rememberRegion(SCHOOL, "evil.example"));
    regional.stubFor(get(urlPathEqualTo(studentsPath())).willReturn(okJson(PAGE)));
    WondeClient allowed =
        builder(home).regionLookup(true).allowedDomains(localhost(regional.getPort())).build();
    allowed.rememberRegion(SCHOOL, regionalDomain());
    allowed.school(SCHOOL).students().firstPage();
    assertEquals(0, home.getAllServeEvents().size());
  }
}
