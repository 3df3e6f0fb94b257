package io.missync.wonde.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Parses {@code Retry-After}: delay-seconds or an HTTP-date (RFC 7231 IMF-fixdate). */
public final class RetryAfter {
  private RetryAfter() {}

  /**
   * The wait the header asks for, never negative; empty when absent or unparseable. A date in the
   * past gives zero.
   */
  public static Optional<Duration> parse(@Nullable String header, Instant now) {
    if (header == null) {
      return Optional.empty();
    }
    String h = header.trim();
    if (h.isEmpty()) {
      return Optional.empty();
    }
    if (h.chars().allMatch(c -> c >= '0' && c <= '9')) {
      if (h.length() > 9) {
        return Optional.of(Duration.ofSeconds(999_999_999L));
      }
      return Optional.of(Duration.ofSeconds(Long.parseLong(h)));
    }
    try {
      Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
