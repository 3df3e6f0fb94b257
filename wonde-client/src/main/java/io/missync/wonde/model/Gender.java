package io.missync.wonde.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Gender as the MIS reports it (Wonde documents MALE and FEMALE; others occur).
 *
 * <p>An open value: known values are constants, any other string is kept as sent. Compare with
 * {@code equals}. {@link #of} matches known values ignoring case.
 */
public final class Gender {
  public static final Gender MALE = new Gender("MALE", true);
  public static final Gender FEMALE = new Gender("FEMALE", true);
  public static final Gender OTHER = new Gender("OTHER", true);
  public static final Gender UNKNOWN = new Gender("UNKNOWN", true);

  private static final Map<String, Gender> KNOWN =
      Map.ofEntries(
          Map.entry("MALE".toUpperCase(Locale.ROOT), MALE),
          Map.entry("FEMALE".toUpperCase(Locale.ROOT), FEMALE),
          Map.entry("OTHER".toUpperCase(Locale.ROOT), OTHER),
          Map.entry("UNKNOWN".toUpperCase(Locale.ROOT), UNKNOWN));

  private final String value;
  private final boolean known;

  private Gender(String value, boolean known) {
    this.value = value;
    this.known = known;
  }

  /** The constant for a known value (any case), otherwise a new value holding {@code value}. */
  public static Gender of(String value) {
    Gender k = KNOWN.get(value.trim().toUpperCase(Locale.ROOT));
    return k != null ? k : new Gender(value, false);
  }

  static Optional<Gender> ofNullable(Optional<String> value) {
    return value.map(Gender::of);
  }

  /** The wire value. */
  public String value() {
    return value;
  }

  /** True when this is one of the constants. */
  public boolean isKnown() {
    return known;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Gender && (((Gender) o).value.equals(value));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
