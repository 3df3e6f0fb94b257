package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/** A school record. */
public final class School extends WireObject {
  private static final Set<String> KNOWN =
      Set.of(
          "id",
          "name",
          "establishment_number",
          "urn",
          "phase_of_education",
          "la_code",
          "timezone",
          "mis",
          "address",
          "extended",
          "region");

  School(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  /** Wonde id. Required. */
  public String id() {
    return req("id");
  }

  public Optional<String> name() {
    return opt("name");
  }

  public Optional<String> establishmentNumber() {
    return opt("establishment_number");
  }

  /** Unique Reference Number; sent as a number, returned as text. */
  public Optional<String> urn() {
    return opt("urn");
  }

  public Optional<String> phaseOfEducation() {
    return opt("phase_of_education");
  }

  public Optional<String> laCode() {
    return opt("la_code");
  }

  public Optional<String> timezone() {
    return opt("timezone");
  }

  /** The MIS the school runs, e.g. SIMS. */
  public Optional<String> mis() {
    return opt("mis");
  }

  public Optional<SchoolAddress> address() {
    return single("address", SchoolAddress::new);
  }

  public Optional<SchoolExtended> extended() {
    return single("extended", SchoolExtended::new);
  }

  public Optional<Region> region() {
    return single("region", Region::new);
  }
}
