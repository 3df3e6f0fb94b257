package io.missync.reconcile;

import io.missync.core.credentials.CohortCredentialPolicy;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Maps the MIS's year-group labels to the product's. By default {@code "Y6"}, {@code "Year Six"},
 * {@code "6"}, {@code "Yr6"} and {@code "Year 6"} all become {@code "Year 6"}; {@code "R"}, {@code
 * "YR"} and {@code "Reception"} become {@code "Reception"}; {@code "N"} and {@code "Nursery"}
 * become {@code "Nursery"}. Labels it does not recognise are kept as given. Explicit entries
 * ({@link #with}) win over the built-in rules and match case-insensitively.
 */
public final class YearGroupLabels {
  private static final YearGroupLabels DEFAULTS = new YearGroupLabels(Map.of(), true);
  private static final YearGroupLabels IDENTITY = new YearGroupLabels(Map.of(), false);

  private final Map<String, String> explicit;
  private final boolean builtIn;
  // MIS labels are few (a dozen per school): remember what each maps to
  private final java.util.concurrent.ConcurrentHashMap<String, String> cache =
      new java.util.concurrent.ConcurrentHashMap<>();

  private YearGroupLabels(Map<String, String> explicit, boolean builtIn) {
    this.explicit = explicit;
    this.builtIn = builtIn;
  }

  /** The built-in mapping to {@code "Year N"}, {@code "Reception"} and {@code "Nursery"}. */
  public static YearGroupLabels defaults() {
    return DEFAULTS;
  }

  /** No mapping: labels are used as the MIS gives them. */
  public static YearGroupLabels identity() {
    return IDENTITY;
  }

  /** This mapping with one explicit entry (e.g. {@code with("Y7 Alpha", "Year 7")}). */
  public YearGroupLabels with(String misLabel, String productLabel) {
    if (productLabel.isBlank()) {
      throw new IllegalArgumentException("a product year label must not be blank");
    }
    Map<String, String> m = new HashMap<>(explicit);
    m.put(key(misLabel), productLabel.strip());
    return new YearGroupLabels(Map.copyOf(m), builtIn);
  }

  private static String key(String label) {
    return label.strip().toLowerCase(Locale.ROOT);
  }

  /** The product's label for an MIS label. */
  public String map(String misLabel) {
    String hit = cache.get(misLabel);
    if (hit != null) {
      return hit;
    }
    String mapped = compute(misLabel);
    if (cache.size() < 4096) {
      cache.put(misLabel, mapped);
    }
    return mapped;
  }

  private String compute(String misLabel) {
    String e = explicit.get(key(misLabel));
    if (e != null) {
      return e;
    }
    if (!builtIn) {
      return misLabel;
    }
    OptionalInt y = CohortCredentialPolicy.schoolYear(misLabel);
    if (y.isEmpty()) {
      return misLabel;
    }
    int n = y.getAsInt();
    if (n < 0) {
      return "Nursery";
    }
    return n == 0 ? "Reception" : "Year " + n;
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof YearGroupLabels y && y.builtIn == builtIn && y.explicit.equals(explicit);
  }

  @Override
  public int hashCode() {
    return explicit.hashCode() * 31 + (builtIn ? 1 : 0);
  }

  @Override
  public String toString() {
    return "YearGroupLabels[builtIn=" + builtIn + ", explicit=" + explicit.size() + "]";
  }
}
