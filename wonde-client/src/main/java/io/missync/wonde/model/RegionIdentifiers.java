package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/**
 * A school's official identifiers from {@code region.identifiers}, e.g. {@code {"la_code":"10000",
 * "establishment_number":"10000","urn":10003}}. Each is read as text (the URN arrives as a number);
 * other identifiers a region sends are in {@link #extra()}.
 */
public final class RegionIdentifiers extends WireObject {
  private static final Set<String> KNOWN = Set.of("la_code", "establishment_number", "urn");

  RegionIdentifiers(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  /** The local authority code (England), e.g. {@code 10000}. */
  public Optional<String> laCode() {
    return opt("la_code");
  }

  /** The establishment number within the local authority. */
  public Optional<String> establishmentNumber() {
    return opt("establishment_number");
  }

  /** The Unique Reference Number (England), as text. */
  public Optional<String> urn() {
    return opt("urn");
  }

  /** The DfE number: local authority code and establishment number, when both are given. */
  public Optional<String> dfeNumber() {
    Optional<String> la = laCode();
    Optional<String> est = establishmentNumber();
    return la.isPresent() && est.isPresent() ? Optional.of(la.get() + est.get()) : Optional.empty();
  }
}
