package io.missync.testkit.wonde.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** A parsed {@code include} parameter: {@code classes.employees,year} as a tree. */
public final class Includes {
  private static final Includes NONE = new Includes();
  private final Map<String, Includes> children = new LinkedHashMap<>();

  private Includes() {}

  /** Parses every value of the {@code include} parameter (comma-separated, dotted paths). */
  public static Includes parse(Collection<String> values) {
    Includes root = new Includes();
    for (String v : values) {
      for (String path : v.split(",", -1)) {
        String p = path.trim();
        if (p.isEmpty()) {
          continue;
        }
        Includes node = root;
        for (String part : p.split("\\.", -1)) {
          if (part.isEmpty()) {
            break;
          }
          node = node.children.computeIfAbsent(part, k -> new Includes());
        }
      }
    }
    return root;
  }

  public boolean has(String name) {
    return children.containsKey(name);
  }

  /** The sub-tree under {@code name}; empty when not requested. */
  public Includes get(String name) {
    Includes c = children.get(name);
    return c != null ? c : NONE;
  }

  public boolean isEmpty() {
    return children.isEmpty();
  }
}
