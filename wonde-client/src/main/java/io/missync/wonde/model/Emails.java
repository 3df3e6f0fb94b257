package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/** Email addresses. */
public final class Emails extends WireObject {
  private static final Set<String> KNOWN = Set.of("email", "primary", "home", "work");

  Emails(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  public Optional<String> email() {
    return opt("email");
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
}
