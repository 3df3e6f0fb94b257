package io.missync.wonde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.missync.wonde.internal.RetryAfter;
import io.missync.wonde.internal.WondeDates;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class DateAndRetryAfterProperties {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Provide
  Arbitrary<LocalDateTime> dateTimes() {
    return Arbitraries.longs()
        .between(
            LocalDateTime.of(1950, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC),
            LocalDateTime.of(2100, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC))
        .map(s -> LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC));
  }

  @Provide
  Arbitrary<String> zones() {
    return Arbitraries.of("UTC", "Europe/London", "Australia/Sydney", "Africa/Johannesburg");
  }

  private static ObjectNode phpDate(String text, String zone) {
    ObjectNode o = F.objectNode();
    o.put("date", text);
    o.put("timezone_type", 3);
    o.put("timezone", zone);
    return o;
  }

  @Property
  void phpDateObjectWithAndWithoutFraction(
      @ForAll("dateTimes") LocalDateTime t,
      @ForAll("zones") String zone,
      @ForAll @IntRange(min = 0, max = 999_999) int micros,
      @ForAll boolean withFraction) {
    LocalDateTime expected = withFraction ? t.plusNanos(micros * 1000L) : t;
    String text =
        t.format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss"))
            + (withFraction ? String.format(".%06d", micros) : "");
    JsonNode node = phpDate(text, zone);
    assertEquals(expected.atZone(ZoneId.of(zone)).toInstant(), WondeDates.instant(node, "f"));
    assertEquals(expected.toLocalDate(), WondeDates.localDate(node, "f"));
  }

  @Property
  void plainDateStringsAndIso(@ForAll("dateTimes") LocalDateTime t) {
    LocalDate d = t.toLocalDate();
    assertEquals(d, WondeDates.localDate(F.textNode(d.toString()), "f"));
    assertEquals(
        d.atStartOfDay(ZoneOffset.UTC).toInstant(),
        WondeDates.instant(F.textNode(d.toString()), "f"));
    String spaced = t.format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss"));
    assertEquals(t.toInstant(ZoneOffset.UTC), WondeDates.instant(F.textNode(spaced), "f"));
    String iso = t.atOffset(ZoneOffset.ofHours(1)).toString();
    assertEquals(
        t.atOffset(ZoneOffset.ofHours(1)).toInstant(), WondeDates.instant(F.textNode(iso), "f"));
  }

  @Property
  void garbageFailsWithPathOnly(@ForAll("garbage") String text) {
    WondeDecodeException e =
        assertThrows(WondeDecodeException.class, () -> WondeDates.instant(F.textNode(text), "x.y"));
    assertEquals("x.y", e.fieldPath());
    assertTrue(!e.getMessage().contains(text));
  }

  @Provide
  Arbitrary<String> garbage() {
    return Arbitraries.strings().alpha().ofMinLength(3).ofMaxLength(20).map(s -> "Q" + s + "Z");
  }

  @Example
  void nullsAndEmpties() {
    assertEquals(null, WondeDates.instant(null, "f"));
    assertEquals(null, WondeDates.instant(F.nullNode(), "f"));
    assertEquals(null, WondeDates.instant(F.textNode(""), "f"));
    ObjectNode noDate = F.objectNode();
    noDate.putNull("date");
    assertEquals(null, WondeDates.localDate(noDate, "f"));
    assertThrows(WondeDecodeException.class, () -> WondeDates.instant(F.numberNode(5), "f"));
    assertThrows(
        WondeDecodeException.class,
        () -> WondeDates.instant(phpDate("2020-01-01 00:00:00", "Mars/Olympus"), "f"));
  }

  @Property
  void retryAfterSeconds(@ForAll @LongRange(min = 0, max = 100_000_000) long seconds) {
    assertEquals(
        Optional.of(Duration.ofSeconds(seconds)),
        RetryAfter.parse(" " + seconds + " ", Instant.EPOCH));
  }

  @Property
  void retryAfterHttpDate(
      @ForAll @LongRange(min = 0, max = 86_400) long ahead,
      @ForAll @LongRange(min = 1_500_000_000L, max = 2_000_000_000L) long nowSeconds) {
    Instant now = Instant.ofEpochSecond(nowSeconds);
    String header =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(ahead).atZone(ZoneOffset.UTC));
    assertEquals(Optional.of(Duration.ofSeconds(ahead)), RetryAfter.parse(header, now));
    String past =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            now.minusSeconds(ahead + 1).atZone(ZoneOffset.UTC));
    assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse(past, now));
  }

  @Example
  void retryAfterUnparseable() {
    assertEquals(Optional.empty(), RetryAfter.parse(null, Instant.EPOCH));
    assertEquals(Optional.empty(), RetryAfter.parse("", Instant.EPOCH));
    assertEquals(Optional.empty(), RetryAfter.parse("-5", Instant.EPOCH));
    assertEquals(Optional.empty(), RetryAfter.parse("soon", Instant.EPOCH));
    assertEquals(
        Optional.of(Duration.ofSeconds(120)),
        RetryAfter.parse("Wed, 21 Oct 2015 07:30:00 GMT", Instant.parse("2015-10-21T07:28:00Z")));
  }

  @Property
  void backoffStaysWithinJitterBoundsAndCap(
      @ForAll @IntRange(min = 1, max = 30) int retry,
      @ForAll @net.jqwik.api.constraints.DoubleRange(min = 0.0, max = 0.99) double random) {
    RetryPolicy p = RetryPolicy.defaults();
    Duration d = p.backoff(retry, random);
    double base = Math.min(500.0 * Math.pow(2, retry - 1), 30_000.0);
    assertTrue(d.toMillis() >= (long) (base * 0.8) - 1, d + " below bound");
    assertTrue(d.toMillis() <= (long) Math.min(base * 1.2, 30_000.0) + 1, d + " above bound");
    assertEquals(Duration.ofMillis((long) base), p.backoff(retry, 0.5));
  }
}
