package io.missync.wonde.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * A string Wonde sends that has well-known values but is never closed (gender, group type,
 * relationship, deletion type). Known values are constants; any other string is kept as sent.
 * {@link #value()} keeps the wire spelling; two values of the same type are equal when they match
 * ignoring case and surrounding blanks.
 */
public abstract class WireValue {
  private final String value;
  private final boolean known;

  WireValue(String value, boolean known) {
    this.value = value;
    this.known = known;
  }

  /** The comparison key: trimmed and upper-cased. */
  static String key(String value) {
    return value.trim().toUpperCase(Locale.ROOT);
  }

  /** The constants by key. */
  @SafeVarargs
  static <T extends WireValue> Map<String, T> known(T... constants) {
    Map<String, T> m = new LinkedHashMap<>();
    for (T c : constants) {
      m.put(key(c.value()), c);
    }
    return Map.copyOf(m);
  }

  /** The constant when the wire spelling is exactly its own, else a fresh value. */
  static <T extends WireValue> T lookup(
      Map<String, T> known, String value, BiFunction<String, Boolean, T> make) {
    T k = known.get(key(value));
    if (k != null && k.value().equals(value)) {
      return k;
    }
    return make.apply(value, k != null);
  }

  /** The value as sent on the wire. */
  public final String value() {
    return value;
  }

  /** True when this names one of the constants. */
  public final boolean isKnown() {
    return known;
  }

  @Override
  public final boolean equals(@Nullable Object o) {
    return o != null && o.getClass() == getClass() && key(((WireValue) o).value).equals(key(value));
  }

  @Override
  public final int hashCode() {
    return key(value).hashCode();
  }

  @Override
  public final String toString() {
    return value;
  }
}
