package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** How a contact relates to a student. Key names beyond {@code relationship} are unconfirmed. */
public final class Relationship extends WireObject {
  private static final Set<String> KNOWN =
      Set.of(
          "relationship",
          "type",
          "parental_responsibility",
          "priority",
          "lives_with_pupil",
          "bill_payer",
          "email_bills",
          "court_order");

  Relationship(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  static Relationship ofType(String type, Loc parent) {
    ObjectNode n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    n.put("relationship", type);
    return new Relationship(n, Loc.child(parent, "relationship", false));
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  /** E.g. Mother, Father, Carer; read from {@code relationship} (or {@code type}). */
  public Optional<RelationshipType> type() {
    Optional<String> t = opt("relationship");
    return RelationshipType.ofNullable(t.isPresent() ? t : opt("type"));
  }

  public Optional<Boolean> parentalResponsibility() {
    return bool("parental_responsibility");
  }

  /** Contact priority (1 = first). */
  public OptionalInt priority() {
    return integer("priority");
  }

  public Optional<Boolean> livesWithPupil() {
    return bool("lives_with_pupil");
  }

  public Optional<Boolean> billPayer() {
    return bool("bill_payer");
  }
}
