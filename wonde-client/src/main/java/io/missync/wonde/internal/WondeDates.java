package io.missync.wonde.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.missync.wonde.WondeDecodeException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import org.jspecify.annotations.Nullable;

/**
 * Parses the date shapes Wonde sends: a PHP DateTime object {@code {"date": "2021-09-02
 * 08:36:08.000000", "timezone_type": 3, "timezone": "UTC"}} (fraction optional), a plain {@code
 * yyyy-MM-dd} or {@code yyyy-MM-dd HH:mm:ss[.f]} string, an ISO-8601 string, or null.
 */
public final class WondeDates {
  private WondeDates() {}

  /** {@code yyyy-MM-dd HH:mm:ss}, the format Wonde takes for {@code updated_after}. */
  public static final DateTimeFormatter QUERY_FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter LOCAL =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalEnd()
          .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
          .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
          .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
          .toFormatter()
          .withResolverStyle(java.time.format.ResolverStyle.STRICT)
          .withChronology(java.time.chrono.IsoChronology.INSTANCE);

  /** Parsed date: the local date-time and the zone it is in. */
  private record Parsed(LocalDateTime local, ZoneId zone) {}

  /** Decodes an instant; null or JSON null gives null. */
  public static @Nullable Instant instant(@Nullable JsonNode node, String path) {
    Parsed p = parse(node, path);
    return p == null ? null : p.local().atZone(p.zone()).toInstant();
  }

  /** Decodes a calendar date (the date part as written, whatever the zone); null gives null. */
  public static @Nullable LocalDate localDate(@Nullable JsonNode node, String path) {
    Parsed p = parse(node, path);
    return p == null ? null : p.local().toLocalDate();
  }

  private static @Nullable Parsed parse(@Nullable JsonNode node, String path) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      String text = node.textValue().trim();
      if (text.isEmpty()) {
        return null;
      }
      return parseText(text, ZoneOffset.UTC, path);
    }
    if (node.isObject()) {
      JsonNode date = node.get("date");
      if (date == null || date.isNull()) {
        return null;
      }
      if (!date.isTextual()) {
        throw new WondeDecodeException(path + ".date", "expected a date string");
      }
      ZoneId zone = zone(node.get("timezone"), path + ".timezone");
      return parseText(date.textValue().trim(), zone, path + ".date");
    }
    throw new WondeDecodeException(path, "expected a date string or a date object");
  }

  private static Parsed parseText(String text, ZoneId defaultZone, String path) {
    try {
      return new Parsed(LocalDateTime.parse(text, LOCAL), defaultZone);
    } catch (DateTimeException e) {
      // fall through to ISO with offset
    }
    try {
      OffsetDateTime odt = OffsetDateTime.parse(text);
      return new Parsed(odt.toLocalDateTime(), odt.getOffset());
    } catch (DateTimeException e) {
      throw new WondeDecodeException(path, "expected a date in a known format");
    }
  }

  private static ZoneId zone(@Nullable JsonNode tz, String path) {
    if (tz == null || tz.isNull()) {
      return ZoneOffset.UTC;
    }
    if (!tz.isTextual()) {
      throw new WondeDecodeException(path, "expected a time zone name");
    }
    String name = tz.textValue().trim();
    if (name.isEmpty() || name.equals("UTC") || name.equals("Z")) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(name, ZoneId.SHORT_IDS);
    } catch (DateTimeException e) {
      // PHP abbreviations (timezone_type 2) such as BST or GMT
      switch (name.toUpperCase(java.util.Locale.ROOT)) {
        case "GMT":
          return ZoneOffset.UTC;
        case "BST":
          return ZoneOffset.ofHours(1);
        default:
          throw new WondeDecodeException(path, "expected a known time zone");
      }
    }
  }
}
