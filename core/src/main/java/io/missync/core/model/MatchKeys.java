package io.missync.core.model;

import java.text.Normalizer;
import java.util.Locale;

/** Normalisation for the secondary keys used to match people across sources and migrations. */
public final class MatchKeys {
  private MatchKeys() {}

  /**
   * A name folded for matching: accents removed, lower case, only letters and digits kept, so
   * {@code "O'Brien-Smith"} and {@code "obriensmith"} match.
   */
  public static String name(String name) {
    String n = Normalizer.normalize(name, Normalizer.Form.NFD);
    StringBuilder sb = new StringBuilder(n.length());
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        sb.append(Character.toLowerCase(c));
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }
}
