package io.missync.core.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facts that led to a change, as ordered name/value pairs (e.g. {@code leavingDate=2026-07-22},
 * {@code today=2026-07-23}). Evidence is for review screens and audit; it may hold personal data,
 * so a plan's {@code toString()} never prints it.
 */
public final class Evidence {
  private static final Evidence NONE = new Evidence(Map.of());
  private final Map<String, String> facts;

  private Evidence(Map<String, String> facts) {
    this.facts = facts;
  }

  public static Evidence none() {
    return NONE;
  }

  /** Evidence from alternating names and values: {@code of("a", "1", "b", "2")}. */
  public static Evidence of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("Evidence.of needs name/value pairs");
    }
    LinkedHashMap<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return new Evidence(java.util.Collections.unmodifiableMap(m));
  }

  /** This evidence with one more fact. */
  public Evidence with(String name, String value) {
    LinkedHashMap<String, String> m = new LinkedHashMap<>(facts);
    m.put(name, value);
    return new Evidence(java.util.Collections.unmodifiableMap(m));
  }

  /** The facts in the order they were given. */
  public Map<String, String> facts() {
    return facts;
  }

  public Optional<String> fact(String name) {
    return Optional.ofNullable(facts.get(name));
  }

  /** The facts as {@code name=value} lines. */
  public List<String> lines() {
    List<String> out = new ArrayList<>(facts.size());
    facts.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof Evidence e && e.facts.equals(facts);
  }

  @Override
  public int hashCode() {
    return facts.hashCode();
  }

  @Override
  public String toString() {
    return "Evidence[" + facts.size() + " facts]";
  }
}
