package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/** A school's postal address. */
public final class SchoolAddress extends WireObject {
  private static final Set<String> KNOWN =
      Set.of(
          "address_line_1",
          "address_line_2",
          "address_town",
          "address_postcode",
          "address_country");

  SchoolAddress(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  public Optional<String> line1() {
    return opt("address_line_1");
  }

  public Optional<String> line2() {
    return opt("address_line_2");
  }

  public Optional<String> town() {
    return opt("address_town");
  }

  public Optional<String> postcode() {
    return opt("address_postcode");
  }

  /** Country code (e.g. GBR), from {@code address_country.code}. */
  public Optional<String> countryCode() {
    return single("address_country", Country::new).flatMap(c -> c.code());
  }

  /** Country name, from {@code address_country.name}. */
  public Optional<String> countryName() {
    return single("address_country", Country::new).flatMap(c -> c.name());
  }
}
