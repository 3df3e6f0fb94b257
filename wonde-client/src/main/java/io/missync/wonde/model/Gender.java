package io.missync.wonde.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Gender as the MIS reports it (Wonde documents MALE and FEMALE; others occur).
 *
 * <p>An open value: known values are constants, any other string is kept as sent. {@link #value()}
 * keeps the wire spelling; {@code equals} ignores case and surrounding blanks, so {@code
 * of("female")} equals {@code FEMALE}.
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

  /** The value as sent; equal to the matching constant when it names a known value. */
  public static Gender of(String value) {
    Gender k = KNOWN.get(key(value));
    if (k != null && k.value.equals(value)) {
      return k;
    }
    return new Gender(value, k != null);
  }

  private static String key(String value) {
    return value.trim().toUpperCase(Locale.ROOT);
  }

  static Optional<Gender> ofNullable(Optional<String> value) {
    return value.map(Gender::of);
  }

  /** The value as sent on the wire. */
  public String value() {
    return value;
  }

  /** True when this is one of the constants. */
  public boolean isKnown() {
    return known;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Gender && key(((Gender) o).value).equals(key(value));
  }

  @Override
  public int hashCode() {
    return key(value).hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
