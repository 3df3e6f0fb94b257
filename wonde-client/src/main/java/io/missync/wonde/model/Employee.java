package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A member of staff. */
public final class Employee extends WirePerson {
  private static final Set<String> KNOWN =
      union(
          PERSON_FIELDS,
          "employment_details",
          "contact_details",
          "extended_details",
          "roles",
          "classes",
          "groups",
          "meta");

  Employee(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  /** The {@code employment_details} include. */
  public Optional<EmploymentDetails> employmentDetails() {
    return single("employment_details", EmploymentDetails::new);
  }

  /** The {@code roles} include. */
  public Optional<List<Role>> roles() {
    return many("roles", Role::new);
  }

  /**
   * The pivot sent when this employee is listed under a class ({@code classes?include=employees}).
   */
  public Optional<TeachingPivot> pivot() {
    return single("meta", TeachingPivot::new);
  }
}
