package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * {@code /schools/{id}/counts}: how many records of each type Wonde holds. Decodes {@code
 * {"students": {"data": {"count": N}}}} and the flatter {@code {"students": {"count": N}}} or
 * {@code {"students": N}}.
 */
public final class Counts extends WireObject {
  Counts(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return Set.of();
  }

  /** The count for one type, e.g. {@code students}. */
  public java.util.OptionalLong count(String type) {
    com.fasterxml.jackson.databind.JsonNode v = node().get(type);
    String p = io.missync.wonde.internal.Json.path(jsonPath(), type);
    if (v == null || v.isNull()) {
      return java.util.OptionalLong.empty();
    }
    if (v.isObject() && v.has("data")) {
      p = p + ".data";
      v = v.get("data");
      if (v == null || v.isNull()) {
        return java.util.OptionalLong.empty();
      }
    }
    if (v.isObject()) {
      Long l = io.missync.wonde.internal.Json.integer((ObjectNode) v, "count", p);
      return l == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(l);
    }
    if (v.isIntegralNumber()) {
      return java.util.OptionalLong.of(v.longValue());
    }
    throw new io.missync.wonde.WondeDecodeException(p, "expected a count");
  }

  /** Every count present, by type name. */
  public Map<String, Long> all() {
    Map<String, Long> out = new java.util.TreeMap<>();
    java.util.Iterator<String> it = node().fieldNames();
    while (it.hasNext()) {
      String k = it.next();
      java.util.OptionalLong c = count(k);
      if (c.isPresent()) {
        out.put(k, c.getAsLong());
      }
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
