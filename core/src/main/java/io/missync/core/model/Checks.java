package io.missync.core.model;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Validation and normalisation shared by the model's builders. */
final class Checks {
  /** Sentinel for "no date" in the int epoch-day fields that keep records compact. */
  static final int NO_DATE = Integer.MIN_VALUE;

  private static final Pattern UPN = Pattern.compile("[A-Z][0-9]{11}[0-9A-Z]");

  private Checks() {}

  static String id(String type, String field, @Nullable String id) {
    String s = trimToNull(id);
    if (s == null) {
      throw new InvalidRecordException(type, field, "is required and must not be blank");
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        throw new InvalidRecordException(type, field, "must not contain control characters");
      }
    }
    return s;
  }

  static @Nullable String trimToNull(@Nullable String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }

  static @Nullable String upn(String type, String field, @Nullable String raw) {
    String s = trimToNull(raw);
    if (s == null) {
      return null;
    }
    String u = s.toUpperCase(Locale.ROOT);
    if (!UPN.matcher(u).matches()) {
      throw new InvalidRecordException(
          type, field, "must be a 13-character UPN: a letter, 11 digits, then a digit or letter");
    }
    return u;
  }

  static @Nullable String email(String type, String field, @Nullable String raw) {
    String s = trimToNull(raw);
    if (s == null) {
      return null;
    }
    if (!MatchKeys.isEmailAddress(s)) {
      throw new InvalidRecordException(type, field, "is not an email address");
    }
    return s;
  }

  static int epochDay(@Nullable LocalDate d) {
    return d == null ? NO_DATE : (int) d.toEpochDay();
  }

  static Optional<LocalDate> date(int epochDay) {
    return epochDay == NO_DATE ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(epochDay));
  }

  /** True when {@code day} lies in [from, to], either end open when {@link #NO_DATE}. */
  static boolean inRange(int from, int to, LocalDate day) {
    long d = day.toEpochDay();
    return (from == NO_DATE || d >= from) && (to == NO_DATE || d <= to);
  }

  static void notBefore(String type, String later, int laterDay, String earlier, int earlierDay) {
    if (laterDay != NO_DATE && earlierDay != NO_DATE && laterDay < earlierDay) {
      throw new InvalidRecordException(type, later, "must not be before " + earlier);
    }
  }
}
