package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/** A school's region: where its data is served from. */
public final class Region extends WireObject {
  private static final Set<String> KNOWN = Set.of("code", "domain", "school_url", "identifiers");

  Region(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  public Optional<String> code() {
    return opt("code");
  }

  /** Host name of the regional API, e.g. {@code api.wonde.com}. */
  public Optional<String> domain() {
    return opt("domain");
  }

  public Optional<String> schoolUrl() {
    return opt("school_url");
  }

  /**
   * The school's official identifiers in this region ({@code region.identifiers}): for England,
   * {@code la_code}, {@code establishment_number} and {@code urn}. Empty when Wonde sends none.
   */
  public Optional<RegionIdentifiers> identifiers() {
    return single("identifiers", RegionIdentifiers::new);
  }
}
