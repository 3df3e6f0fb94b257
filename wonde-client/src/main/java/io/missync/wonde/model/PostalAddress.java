package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/** A person's address. */
public final class PostalAddress extends WireObject {
  private static final Set<String> KNOWN =
      Set.of(
          "house_number",
          "house_name",
          "apartment",
          "street",
          "district",
          "town",
          "county",
          "country",
          "postcode");

  PostalAddress(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  public Optional<String> houseNumber() {
    return opt("house_number");
  }

  public Optional<String> houseName() {
    return opt("house_name");
  }

  public Optional<String> apartment() {
    return opt("apartment");
  }

  public Optional<String> street() {
    return opt("street");
  }

  public Optional<String> district() {
    return opt("district");
  }

  public Optional<String> town() {
    return opt("town");
  }

  public Optional<String> county() {
    return opt("county");
  }

  public Optional<String> country() {
    return opt("country");
  }

  public Optional<String> postcode() {
    return opt("postcode");
  }
}
