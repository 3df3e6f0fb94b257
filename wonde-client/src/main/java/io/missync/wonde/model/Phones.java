package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/** Phone numbers. */
public final class Phones extends WireObject {
  private static final Set<String> KNOWN = Set.of("phone", "primary", "home", "work", "mobile");

  Phones(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  public Optional<String> phone() {
    return opt("phone");
  }

  public Optional<String> primary() {
    return opt("primary");
  }

  public Optional<String> home() {
    return opt("home");
  }

  public Optional<String> work() {
    return opt("work");
  }

  public Optional<String> mobile() {
    return opt("mobile");
  }
}
