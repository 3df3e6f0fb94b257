package io.missync.wonde;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

/** Shared set-up for tests against real HTTP (WireMock). */
abstract class HttpTestSupport {
  static final String TOKEN = "tok_9f8e7d6c5b4a3210SECRET";
  static final String SCHOOL = "A1930499544";
  static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  static WireMockExtension server() {
    return WireMockExtension.newInstance()
        .options(
            wireMockConfig().dynamicPort().containerThreads(8).asynchronousResponseEnabled(false))
        .build();
  }

  final Fixtures.RecordingSleeper sleeper = new Fixtures.RecordingSleeper();

  WondeClient.Builder builder(WireMockExtension wm) {
    return WondeClient.builder()
        .tokens(TokenProvider.multiSchool(TOKEN))
        .baseUri(URI.create("http://localhost:" + wm.getPort()))
        .regionLookup(false)
        .sleeper(sleeper)
        .jitter(() -> 0.5)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(Duration.ofSeconds(5));
  }

  WondeClient client(WireMockExtension wm) {
    return builder(wm).build();
  }

  static Set<String> localhost(int... ports) {
    java.util.Set<String> s = new java.util.HashSet<>();
    for (int p : ports) {
      s.add("localhost:" + p);
    }
    return s;
  }

  static String studentsPath() {
    return "/v1.0/schools/" + SCHOOL + "/students";
  }
}
