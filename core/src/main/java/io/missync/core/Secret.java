package io.missync.core;

import java.util.Arrays;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A generated password or PIN on its way to the vendor's sink. It never prints itself ({@link
 * #toString()} is redacted), is compared in constant time, and can be wiped with {@link #clear()}.
 * missync never stores one: it exists between generation and the sink's call.
 */
public final class Secret implements AutoCloseable {
  private final char[] chars;
  private volatile boolean cleared;

  private Secret(char[] chars) {
    this.chars = chars;
  }

  /** Wraps a copy of the given characters. */
  public static Secret of(char[] chars) {
    return new Secret(chars.clone());
  }

  /** Wraps the characters of a string (prefer {@link #of(char[])} where possible). */
  public static Secret of(CharSequence text) {
    char[] c = new char[text.length()];
    for (int i = 0; i < c.length; i++) {
      c[i] = text.charAt(i);
    }
    return new Secret(c);
  }

  /** Hands a copy of the characters to {@code use}; the copy is wiped afterwards. */
  public <R> R use(Function<char[], R> use) {
    if (cleared) {
      throw new IllegalStateException("secret was cleared");
    }
    char[] copy = chars.clone();
    try {
      return use.apply(copy);
    } finally {
      Arrays.fill(copy, '\0');
    }
  }

  /** The secret as a string, for sinks whose API takes one. */
  public String reveal() {
    return use(String::new);
  }

  public int length() {
    return chars.length;
  }

  /** Overwrites the characters; later use fails. */
  public void clear() {
    Arrays.fill(chars, '\0');
    cleared = true;
  }

  @Override
  public void close() {
    clear();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Secret s) || s.chars.length != chars.length) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < chars.length; i++) {
      diff |= chars[i] ^ s.chars[i];
    }
    return diff == 0;
  }

  @Override
  public int hashCode() {
    return chars.length;
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
