package io.missync.testkit.fetch;

import static org.junit.jupiter.api.Assertions.fail;

import io.missync.core.model.MisSnapshot;
import io.missync.testkit.wonde.SchoolWorld;
import io.missync.testkit.wonde.SimulatorConfig;
import io.missync.testkit.wonde.WondeSimulator;
import io.missync.wonde.RetryPolicy;
import io.missync.wonde.TokenProvider;
import io.missync.wonde.WondeClient;
import io.missync.wonde.snapshot.WondeSnapshotSource;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A simulator, a typed client pointed at it (retries recorded, never slept) and a snapshot source
 * whose clock is the simulator's world clock, so {@code capturedAt} and {@code updated_after} live
 * on the same time line as the world's {@code updated_at} stamps.
 */
final class FetchFixture implements AutoCloseable {
  final WondeSimulator sim;
  final SchoolWorld school;
  final RecordingSleeper sleeper = new RecordingSleeper();
  final WondeClient client;
  final WondeSnapshotSource source;

  FetchFixture(SimulatorConfig config) {
    this(config, RetryPolicy.defaults(), UnaryOperator.identity());
  }

  FetchFixture(
      SimulatorConfig config,
      RetryPolicy retry,
      UnaryOperator<WondeSnapshotSource.Builder> sourceConfig) {
    this.sim = WondeSimulator.start(config);
    this.school = sim.world().school(0);
    this.client =
        WondeClient.builder()
            .tokens(TokenProvider.perSchool(Map.of(school.id(), school.token())))
            .baseUri(sim.baseUri())
            .retryPolicy(retry)
            .sleeper(sleeper)
            .jitter(() -> 0.5)
            .build();
    this.source =
        sourceConfig
            .apply(WondeSnapshotSource.builder(client, school.id()).clock(worldClock()))
            .build();
  }

  /** A {@link Clock} reading the simulator's world clock. */
  Clock worldClock() {
    return new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Instant instant() {
        return sim.world().clock().now();
      }
    };
  }

  MisSnapshot truth() {
    return sim.snapshot(school.id());
  }

  @Override
  public void close() {
    sim.close();
  }

  /**
   * Fails with every difference (up to 30), and for records that differ, both versions, when {@code
   * actual} does not have the same content as {@code expected}.
   */
  static void assertSameContent(String what, MisSnapshot expected, MisSnapshot actual) {
    List<String> diff = expected.differencesFrom(actual, 30);
    if (diff.isEmpty() && expected.sameContentAs(actual)) {
      return;
    }
    StringBuilder m = new StringBuilder(what).append(": snapshots differ (expected vs actual)\n");
    for (String d : diff) {
      m.append("  ").append(d).append('\n');
      detail(d, expected, actual, m);
    }
    fail(m.toString());
  }

  private static void detail(String line, MisSnapshot e, MisSnapshot a, StringBuilder m) {
    String[] w = line.split(" ");
    if (w.length < 3 || !line.endsWith("differs")) {
      return;
    }
    String id = w[1];
    Object x;
    Object y;
    switch (w[0]) {
      case "student" -> {
        x = e.student(id).orElse(null);
        y = a.student(id).orElse(null);
      }
      case "staff" -> {
        x = e.staffMember(id).orElse(null);
        y = a.staffMember(id).orElse(null);
      }
      case "contact" -> {
        x = e.contact(id).orElse(null);
        y = a.contact(id).orElse(null);
      }
      case "group" -> {
        x = e.group(id).orElse(null);
        y = a.group(id).orElse(null);
      }
      default -> {
        return;
      }
    }
    m.append("    ").append(fieldDiff(x, y)).append('\n');
  }

  /** Names the public accessors whose values differ (test output only: it may show values). */
  static String fieldDiff(@Nullable Object x, @Nullable Object y) {
    if (x == null || y == null) {
      return "expected " + x + ", actual " + y;
    }
    StringBuilder out = new StringBuilder();
    for (Method m : x.getClass().getMethods()) {
      if (m.getParameterCount() != 0
          || m.getDeclaringClass() == Object.class
          || m.getName().equals("hashCode")
          || m.getName().equals("toString")
          || m.getName().equals("toBuilder")) {
        continue;
      }
      try {
        Object a = m.invoke(x);
        Object b = m.invoke(y);
        if (!Objects.equals(a, b)) {
          out.append(m.getName()).append(": ").append(a).append(" vs ").append(b).append("; ");
        }
      } catch (ReflectiveOperationException e) {
        out.append(m.getName()).append(": ").append(e).append("; ");
      }
    }
    return out.toString();
  }
}
