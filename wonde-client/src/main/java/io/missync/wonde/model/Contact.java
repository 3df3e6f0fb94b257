package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A contact (guardian). Under {@code students?include=contacts} it carries a relationship. */
public final class Contact extends WirePerson {
  private static final Set<String> KNOWN =
      union(PERSON_FIELDS, "contact_details", "students", "relationship");

  Contact(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  /**
   * The relationship to the student this contact is listed under. Wonde may send an object or a
   * plain string; a string gives a relationship with only {@link Relationship#type()} set.
   */
  public Optional<Relationship> relationship() {
    com.fasterxml.jackson.databind.JsonNode v = node().get("relationship");
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (v.isTextual() || v.isNumber()) {
      String t = v.asText();
      return t.isBlank() ? Optional.empty() : Optional.of(Relationship.ofType(t, loc()));
    }
    return single("relationship", Relationship::new);
  }

  /** The {@code students} include. */
  public Optional<List<Student>> students() {
    return many("students", Student::new);
  }
}
