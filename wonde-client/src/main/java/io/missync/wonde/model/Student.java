package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A student (also used for {@code students-leaver} and {@code students-pre-admission} records).
 * Includes come back as empty Optionals when they were not requested or not sent.
 */
public final class Student extends WirePerson {
  private static final Set<String> KNOWN =
      union(
          PERSON_FIELDS,
          "education_details",
          "contact_details",
          "extended_details",
          "year",
          "registration",
          "house",
          "boarding",
          "campus",
          "classes",
          "groups",
          "contacts");

  Student(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  /** The {@code education_details} include (UPN, admission and leaving dates, NC year). */
  public Optional<EducationDetails> educationDetails() {
    return single("education_details", EducationDetails::new);
  }

  /** The {@code year} include: a group of type YEAR. */
  public Optional<Group> year() {
    return single("year", Group::new);
  }

  /** The {@code registration} include: the form group. */
  public Optional<Group> registration() {
    return single("registration", Group::new);
  }

  /** The {@code house} include. */
  public Optional<Group> house() {
    return single("house", Group::new);
  }

  /** The {@code boarding} include. */
  public Optional<Group> boarding() {
    return single("boarding", Group::new);
  }

  /** The {@code campus} include. */
  public Optional<Group> campus() {
    return single("campus", Group::new);
  }

  /** The {@code contacts} include, each with its {@link Contact#relationship()} to this student. */
  public Optional<List<Contact>> contacts() {
    return many("contacts", Contact::new);
  }
}
