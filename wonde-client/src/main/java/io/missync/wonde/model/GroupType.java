package io.missync.wonde.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Type of a Wonde group.
 *
 * <p>An open value: known values are constants, any other string is kept as sent. Compare with
 * {@code equals}. {@link #of} matches known values ignoring case.
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

  /** The constant for a known value (any case), otherwise a new value holding {@code value}. */
  public static GroupType of(String value) {
    GroupType k = KNOWN.get(value.trim().toUpperCase(Locale.ROOT));
    return k != null ? k : new GroupType(value, false);
  }

  static Optional<GroupType> ofNullable(Optional<String> value) {
    return value.map(GroupType::of);
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
    return o instanceof GroupType && (((GroupType) o).value.equals(value));
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
