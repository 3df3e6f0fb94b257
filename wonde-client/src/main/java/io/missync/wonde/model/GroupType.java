package io.missync.wonde.model;

import java.util.Map;
import java.util.Optional;

/**
 * Type of a Wonde group.
 *
 * <p>An open value: known values are constants, any other string is kept as sent. {@link #value()}
 * keeps the wire spelling; {@code equals} ignores case and surrounding blanks, so {@code
 * of("female")} equals {@code FEMALE}.
 */
public final class GroupType extends WireValue {
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
      known(REGISTRATION, YEAR, HOUSE, BOARDING, COURSE, MISC, USER, CAMPUS, DIVISION, DEPARTMENT);

  private GroupType(String value, boolean known) {
    super(value, known);
  }

  /** The value as sent; equal to the matching constant when it names a known value. */
  public static GroupType of(String value) {
    return lookup(KNOWN, value, GroupType::new);
  }

  static Optional<GroupType> ofNullable(Optional<String> value) {
    return value.map(GroupType::of);
  }
}
