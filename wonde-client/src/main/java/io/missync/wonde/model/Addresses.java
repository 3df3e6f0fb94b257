package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/** Home, work and postal addresses. */
public final class Addresses extends WireObject {
  private static final Set<String> KNOWN = Set.of("home", "work", "postal");

  Addresses(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  public Optional<PostalAddress> home() {
    return single("home", PostalAddress::new);
  }

  public Optional<PostalAddress> work() {
    return single("work", PostalAddress::new);
  }

  public Optional<PostalAddress> postal() {
    return single("postal", PostalAddress::new);
  }
}
