package io.missync.wonde.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A contact's relationship to a student, as the MIS words it.
 *
 * <p>An open value: known values are constants, any other string is kept as sent. {@link #value()}
 * keeps the wire spelling; {@code equals} ignores case and surrounding blanks, so {@code
 * of("female")} equals {@code FEMALE}.
 */
public final class RelationshipType {
  public static final RelationshipType MOTHER = new RelationshipType("MOTHER", true);
  public static final RelationshipType FATHER = new RelationshipType("FATHER", true);
  public static final RelationshipType PARENT = new RelationshipType("PARENT", true);
  public static final RelationshipType CARER = new RelationshipType("CARER", true);
  public static final RelationshipType GUARDIAN = new RelationshipType("GUARDIAN", true);
  public static final RelationshipType GRANDMOTHER = new RelationshipType("GRANDMOTHER", true);
  public static final RelationshipType GRANDFATHER = new RelationshipType("GRANDFATHER", true);
  public static final RelationshipType STEPMOTHER = new RelationshipType("STEPMOTHER", true);
  public static final RelationshipType STEPFATHER = new RelationshipType("STEPFATHER", true);
  public static final RelationshipType AUNT = new RelationshipType("AUNT", true);
  public static final RelationshipType UNCLE = new RelationshipType("UNCLE", true);
  public static final RelationshipType SIBLING = new RelationshipType("SIBLING", true);
  public static final RelationshipType OTHER = new RelationshipType("OTHER", true);

  private static final Map<String, RelationshipType> KNOWN =
      Map.ofEntries(
          Map.entry("MOTHER".toUpperCase(Locale.ROOT), MOTHER),
          Map.entry("FATHER".toUpperCase(Locale.ROOT), FATHER),
          Map.entry("PARENT".toUpperCase(Locale.ROOT), PARENT),
          Map.entry("CARER".toUpperCase(Locale.ROOT), CARER),
          Map.entry("GUARDIAN".toUpperCase(Locale.ROOT), GUARDIAN),
          Map.entry("GRANDMOTHER".toUpperCase(Locale.ROOT), GRANDMOTHER),
          Map.entry("GRANDFATHER".toUpperCase(Locale.ROOT), GRANDFATHER),
          Map.entry("STEPMOTHER".toUpperCase(Locale.ROOT), STEPMOTHER),
          Map.entry("STEPFATHER".toUpperCase(Locale.ROOT), STEPFATHER),
          Map.entry("AUNT".toUpperCase(Locale.ROOT), AUNT),
          Map.entry("UNCLE".toUpperCase(Locale.ROOT), UNCLE),
          Map.entry("SIBLING".toUpperCase(Locale.ROOT), SIBLING),
          Map.entry("OTHER".toUpperCase(Locale.ROOT), OTHER));

  private final String value;
  private final boolean known;

  private RelationshipType(String value, boolean known) {
    this.value = value;
    this.known = known;
  }

  /** The value as sent; equal to the matching constant when it names a known value. */
  public static RelationshipType of(String value) {
    RelationshipType k = KNOWN.get(key(value));
    if (k != null && k.value.equals(value)) {
      return k;
    }
    return new RelationshipType(value, k != null);
  }

  private static String key(String value) {
    return value.trim().toUpperCase(Locale.ROOT);
  }

  static Optional<RelationshipType> ofNullable(Optional<String> value) {
    return value.map(RelationshipType::of);
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
    return o instanceof RelationshipType && key(((RelationshipType) o).value).equals(key(value));
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
