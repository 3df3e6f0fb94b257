package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/** A country code and name. */
public final class Country extends WireObject {
  private static final Set<String> KNOWN = Set.of("code", "name");

  Country(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  public Optional<String> code() {
    return opt("code");
  }

  public Optional<String> name() {
    return opt("name");
  }
}
