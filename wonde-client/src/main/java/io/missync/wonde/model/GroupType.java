package io.missync.wonde.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Type of a Wonde group.
 *
 * <p>An open value: known values are constants, any other string is kept as sent. {@link #value()}
 * keeps the wire spelling; {@code equals} ignores case and surrounding blanks, so {@code
 * of("female")} equals {@code FEMALE}.
 */
public final class GroupType {
  public static final GroupType REGISTRATION = new GroupType("REGISTRATION", true);
  public static final GroupType YEAR = new GroupType("YEAR", true);
  public static final GroupType HOUSE = new GroupType("HOUSE", true);
  public static final GroupType BOARDING = new GroupType("BOARDING", true);
  public static final GroupType COURSE = new GroupType("COURSE", true);
  public static final GroupType MISC = new GroupType("MISC", true);
  public static final GroupType USER = new GroupType("USER", true);
  public static final GroupType CAMPUS = new GroupType("CAMPUS", true);
  public static final GroupType DIVISION = new GroupType("DIVISION", true);
  public static final GroupType DEPARTMENT = new GroupType("DEPARTMENT", true);

  private static final Map<String, GroupType> KNOWN =
      Map.ofEntries(
          Map.entry("REGISTRATION".toUpperCase(Locale.ROOT), REGISTRATION),
          Map.entry("YEAR".toUpperCase(Locale.ROOT), YEAR),
          Map.entry("HOUSE".toUpperCase(Locale.ROOT), HOUSE),
          Map.entry("BOARDING".toUpperCase(Locale.ROOT), BOARDING),
          Map.entry("COURSE".toUpperCase(Locale.ROOT), COURSE),
          Map.entry("MISC".toUpperCase(Locale.ROOT), MISC),
          Map.entry("USER".toUpperCase(Locale.ROOT), USER),
          Map.entry("CAMPUS".toUpperCase(Locale.ROOT), CAMPUS),
          Map.entry("DIVISION".toUpperCase(Locale.ROOT), DIVISION),
          Map.entry("DEPARTMENT".toUpperCase(Locale.ROOT), DEPARTMENT));

  private final String value;
  private final boolean known;

  private GroupType(String value, boolean known) {
    this.value = value;
    this.known = known;
  }

  /** The value as sent; equal to the matching constant when it names a known value. */
  public static GroupType of(String value) {
    GroupType k = KNOWN.get(key(value));
    if (k != null && k.value.equals(value)) {
      return k;
    }
    return new GroupType(value, k != null);
  }

  private static String key(String value) {
    return value.trim().toUpperCase(Locale.ROOT);
  }

  static Optional<GroupType> ofNullable(Optional<String> value) {
    return value.map(GroupType::of);
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
    return o instanceof GroupType && key(((GroupType) o).value).equals(key(value));
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
