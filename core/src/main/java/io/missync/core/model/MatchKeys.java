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

  /**
   * True when the text has the shape the model requires of an email address: something, one
   * {@code @}, then a domain with a dot that is neither its first nor its last character, and no
   * whitespace anywhere (the regular expression {@code [^@\s]+@[^@\s]+\.[^@\s]+}, without one).
   * Importers use it to drop a bad optional value with a warning before the model would refuse it.
   */
  public static boolean isEmailAddress(String s) {
    int at = -1;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == ' ' || (ch >= '\t' && ch <= '\r')) {
        return false;
      }
      if (ch == '@') {
        if (at >= 0) {
          return false;
        }
        at = i;
      }
    }
    if (at <= 0) {
      return false;
    }
    int dot = s.indexOf('.', at + 2);
    return dot > 0 && dot < s.length() - 1;
  }
}
