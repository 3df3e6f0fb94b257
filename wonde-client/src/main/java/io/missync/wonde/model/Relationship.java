package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How a contact relates to a student, with the flags real Wonde relationship objects carry: {@code
 * parental_responsibility}, {@code priority}, {@code lives_with_pupil}, {@code bill_payer}, {@code
 * court_order}, {@code email_bills}, {@code copy_bills}, {@code correspondence}, {@code
 * pupil_report} and {@code emergency_contact}. Each is read leniently (a boolean, 0/1 or
 * "true"/"false") and is empty when absent or null; anything else stays in {@link #extra()}.
 */
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
          "copy_bills",
          "correspondence",
          "pupil_report",
          "emergency_contact",
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

  /**
   * True when a court order applies to this contact and student: a safeguarding fact (the contact
   * must not be given access to the student). Empty when Wonde does not say.
   */
  public Optional<Boolean> courtOrder() {
    return bool("court_order");
  }

  /** Whether bills are emailed to this contact. */
  public Optional<Boolean> emailBills() {
    return bool("email_bills");
  }

  /** Whether this contact receives a copy of bills. */
  public Optional<Boolean> copyBills() {
    return bool("copy_bills");
  }

  /** Whether the school sends correspondence to this contact. */
  public Optional<Boolean> correspondence() {
    return bool("correspondence");
  }

  /** Whether this contact receives the pupil's report. */
  public Optional<Boolean> pupilReport() {
    return bool("pupil_report");
  }

  /** Whether this contact is an emergency contact. */
  public Optional<Boolean> emergencyContact() {
    return bool("emergency_contact");
  }
}
