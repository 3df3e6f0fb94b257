package io.missync.core.model;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A string from an MIS that has well-known values but is never closed: a new value from the wire is
 * kept as it came, not rejected. Two values are equal when their {@linkplain #key() keys} are equal
 * (trimmed, upper-cased, inner white space folded to one underscore), so {@code "Female"} equals
 * {@code "FEMALE"}; {@link #value()} keeps the spelling first seen.
 */
public abstract class OpenValue {
  private final String value;
  private final String key;

  OpenValue(String value) {
    String trimmed = value.strip();
    if (trimmed.isEmpty()) {
      throw new InvalidRecordException(getClass().getSimpleName(), "value", "must not be blank");
    }
    this.value = trimmed;
    this.key = keyOf(trimmed);
  }

  static String keyOf(String raw) {
    return raw.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s_-]+", "_");
  }

  /** The value as the source spelled it, trimmed. */
  public final String value() {
    return value;
  }

  /** The normalised comparison key. */
  public final String key() {
    return key;
  }

  @Override
  public final boolean equals(@Nullable Object o) {
    return o != null && o.getClass() == getClass() && ((OpenValue) o).key.equals(key);
  }

  @Override
  public final int hashCode() {
    return key.hashCode();
  }

  @Override
  public final String toString() {
    return value;
  }
}
