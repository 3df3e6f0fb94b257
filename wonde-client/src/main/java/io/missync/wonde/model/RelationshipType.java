package io.missync.wonde.model;

import java.util.Map;
import java.util.Optional;

/**
 * A contact's relationship to a student, as the MIS words it.
 *
 * <p>An open value: known values are constants, any other string is kept as sent. {@link #value()}
 * keeps the wire spelling; {@code equals} ignores case and surrounding blanks, so {@code
 * of("female")} equals {@code FEMALE}.
 */
public final class RelationshipType extends WireValue {
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
      known(
          MOTHER,
          FATHER,
          PARENT,
          CARER,
          GUARDIAN,
          GRANDMOTHER,
          GRANDFATHER,
          STEPMOTHER,
          STEPFATHER,
          AUNT,
          UNCLE,
          SIBLING,
          OTHER);

  private RelationshipType(String value, boolean known) {
    super(value, known);
  }

  /** The value as sent; equal to the matching constant when it names a known value. */
  public static RelationshipType of(String value) {
    return lookup(KNOWN, value, RelationshipType::new);
  }

  static Optional<RelationshipType> ofNullable(Optional<String> value) {
    return value.map(RelationshipType::of);
  }
}
