package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Fields shared by students, employees and contacts. */
public abstract class WirePerson extends WireObject {
  static final Set<String> PERSON_FIELDS =
      Set.of(
          "id",
          "upi",
          "mis_id",
          "title",
          "initials",
          "surname",
          "forename",
          "middle_names",
          "legal_surname",
          "legal_forename",
          "gender",
          "gender_identity",
          "date_of_birth",
          "restored_at",
          "created_at",
          "updated_at");

  WirePerson(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  static Set<String> union(Set<String> a, String... more) {
    java.util.HashSet<String> s = new java.util.HashSet<>(a);
    s.addAll(List.of(more));
    return Set.copyOf(s);
  }

  /** Wonde id, e.g. {@code A1749191433}. Required. */
  public String id() {
    return req("id");
  }

  /** Unique person identifier (hash of MIS id and school id; survives re-enrolment). */
  public Optional<String> upi() {
    return opt("upi");
  }

  /** The MIS's own id. */
  public Optional<String> misId() {
    return opt("mis_id");
  }

  public Optional<String> title() {
    return opt("title");
  }

  public Optional<String> initials() {
    return opt("initials");
  }

  /** Preferred surname. */
  public Optional<String> surname() {
    return opt("surname");
  }

  /** Preferred forename. */
  public Optional<String> forename() {
    return opt("forename");
  }

  public Optional<String> middleNames() {
    return opt("middle_names");
  }

  public Optional<String> legalSurname() {
    return opt("legal_surname");
  }

  public Optional<String> legalForename() {
    return opt("legal_forename");
  }

  public Optional<Gender> gender() {
    return Gender.ofNullable(opt("gender"));
  }

  public Optional<String> genderIdentity() {
    return opt("gender_identity");
  }

  /** Date of birth; accepts a date object or a {@code yyyy-MM-dd} string. */
  public Optional<LocalDate> dateOfBirth() {
    return date("date_of_birth");
  }

  /** Set when the record was deleted and came back with the same MIS id. */
  public Optional<Instant> restoredAt() {
    return instant("restored_at");
  }

  public Optional<Instant> createdAt() {
    return instant("created_at");
  }

  public Optional<Instant> updatedAt() {
    return instant("updated_at");
  }

  /** The {@code contact_details} include. */
  public Optional<ContactDetails> contactDetails() {
    return single("contact_details", ContactDetails::new);
  }

  /** The {@code groups} include; empty Optional when not included. */
  public Optional<List<Group>> groups() {
    return many("groups", Group::new);
  }

  /** The {@code classes} include; empty Optional when not included. */
  public Optional<List<SchoolClass>> classes() {
    return many("classes", SchoolClass::new);
  }

  /** The {@code extended_details} include. */
  public Optional<ExtendedDetails> extendedDetails() {
    return single("extended_details", ExtendedDetails::new);
  }
}
