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
    return instant(node, path, null);
  }

  /**
   * Decodes an instant at {@code parent.field}; the path is only rendered (via {@code toString()})
   * if decoding fails.
   */
  public static @Nullable Instant instant(
      @Nullable JsonNode node, Object parent, @Nullable String field) {
    Parsed p = parse(node, new Where(parent, field), true);
    return p == null ? null : p.local().atZone(p.zone()).toInstant();
  }

  /** Decodes a calendar date (the date part as written, whatever the zone); null gives null. */
  public static @Nullable LocalDate localDate(@Nullable JsonNode node, String path) {
    return localDate(node, path, null);
  }

  /** Like {@link #localDate(JsonNode, String)} with a lazily rendered path. */
  public static @Nullable LocalDate localDate(
      @Nullable JsonNode node, Object parent, @Nullable String field) {
    Parsed p = parse(node, new Where(parent, field), false);
    return p == null ? null : p.local().toLocalDate();
  }

  /** A field path rendered only when needed. */
  private record Where(Object parent, @Nullable String field) {
    String render(@Nullable String suffix) {
      String base = field == null ? parent.toString() : Json.path(parent, field);
      return suffix == null ? base : base + suffix;
    }
  }

  private static @Nullable Parsed parse(@Nullable JsonNode node, Where path, boolean needZone) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      String text = node.textValue().trim();
      if (text.isEmpty()) {
        return null;
      }
      return parseText(text, ZoneOffset.UTC, path, null);
    }
    if (node.isObject()) {
      JsonNode date = node.get("date");
      if (date == null || date.isNull()) {
        return null;
      }
      if (!date.isTextual()) {
        throw new WondeDecodeException(path.render(".date"), "expected a date string");
      }
      ZoneId zone = needZone ? zone(node.get("timezone"), path) : ZoneOffset.UTC;
      return parseText(date.textValue().trim(), zone, path, ".date");
    }
    throw new WondeDecodeException(path.render(null), "expected a date string or a date object");
  }

  private static Parsed parseText(
      String text, ZoneId defaultZone, Where path, @Nullable String suffix) {
    LocalDateTime fast = fastParse(text);
    if (fast != null) {
      return new Parsed(fast, defaultZone);
    }
    try {
      return new Parsed(LocalDateTime.parse(text, LOCAL), defaultZone);
    } catch (DateTimeException e) {
      // fall through to ISO with offset
    }
    try {
      OffsetDateTime odt = OffsetDateTime.parse(text);
      return new Parsed(odt.toLocalDateTime(), odt.getOffset());
    } catch (DateTimeException e) {
      throw new WondeDecodeException(path.render(suffix), "expected a date in a known format");
    }
  }

  /**
   * Parses {@code yyyy-MM-dd} and {@code yyyy-MM-dd HH:mm:ss[.f{1,9}]} without the formatter
   * machinery (the common shapes); returns null for anything else, or an invalid date, so the
   * general parser decides.
   */
  static @Nullable LocalDateTime fastParse(String t) {
    int n = t.length();
    if (n < 10 || t.charAt(4) != '-' || t.charAt(7) != '-') {
      return null;
    }
    int y = digits(t, 0, 4);
    int mo = digits(t, 5, 2);
    int d = digits(t, 8, 2);
    if (y < 0 || mo < 0 || d < 0) {
      return null;
    }
    int h = 0;
    int mi = 0;
    int sec = 0;
    int nanos = 0;
    if (n > 10) {
      if (n < 19 || t.charAt(10) != ' ' || t.charAt(13) != ':' || t.charAt(16) != ':') {
        return null;
      }
      h = digits(t, 11, 2);
      mi = digits(t, 14, 2);
      sec = digits(t, 17, 2);
      if (h < 0 || mi < 0 || sec < 0) {
        return null;
      }
      if (n > 19) {
        int fl = n - 20;
        if (t.charAt(19) != '.' || fl < 1 || fl > 9) {
          return null;
        }
        int f = digits(t, 20, fl);
        if (f < 0) {
          return null;
        }
        nanos = f;
        for (int i = fl; i < 9; i++) {
          nanos *= 10;
        }
      }
    }
    try {
      return LocalDateTime.of(y, mo, d, h, mi, sec, nanos);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int digits(String t, int from, int len) {
    int v = 0;
    for (int i = from; i < from + len; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static final java.util.concurrent.ConcurrentHashMap<String, ZoneId> ZONES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static ZoneId zone(@Nullable JsonNode tz, Where path) {
    if (tz != null && tz.isTextual()) {
      ZoneId cached = ZONES.get(tz.textValue());
      if (cached != null) {
        return cached;
      }
      ZoneId z = resolveZone(tz, path);
      if (ZONES.size() < 256) {
        ZONES.put(tz.textValue(), z);
      }
      return z;
    }
    return resolveZone(tz, path);
  }

  private static ZoneId resolveZone(@Nullable JsonNode tz, Where where) {
    if (tz == null || tz.isNull()) {
      return ZoneOffset.UTC;
    }
    if (!tz.isTextual()) {
      throw new WondeDecodeException(where.render(".timezone"), "expected a time zone name");
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
          throw new WondeDecodeException(where.render(".timezone"), "expected a known time zone");
      }
    }
  }
}
