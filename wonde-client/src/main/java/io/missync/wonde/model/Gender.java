package io.missync.wonde.model;

import java.util.Map;
import java.util.Optional;

/**
 * Gender as the MIS reports it (Wonde documents MALE and FEMALE; others occur).
 *
 * <p>An open value: known values are constants, any other string is kept as sent. {@link #value()}
 * keeps the wire spelling; {@code equals} ignores case and surrounding blanks, so {@code
 * of("female")} equals {@code FEMALE}.
 */
public final class Gender extends WireValue {
  public static final Gender MALE = new Gender("MALE", true);
  public static final Gender FEMALE = new Gender("FEMALE", true);
  public static final Gender OTHER = new Gender("OTHER", true);
  public static final Gender UNKNOWN = new Gender("UNKNOWN", true);

  private static final Map<String, Gender> KNOWN = known(MALE, FEMALE, OTHER, UNKNOWN);

  private Gender(String value, boolean known) {
    super(value, known);
  }

  /** The value as sent; equal to the matching constant when it names a known value. */
  public static Gender of(String value) {
    return lookup(KNOWN, value, Gender::new);
  }

  static Optional<Gender> ofNullable(Optional<String> value) {
    return value.map(Gender::of);
  }
}
