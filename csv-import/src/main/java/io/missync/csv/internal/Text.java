package io.missync.csv.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Small text helpers. */
public final class Text {
  private Text() {}

  /**
   * Lower case, letters and digits only: {@code "School DfE Number"} -> {@code schooldfenumber}.
   */
  public static String fold(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        sb.append(Character.toLowerCase(c));
      }
    }
    return sb.toString();
  }

  /** Levenshtein distance, giving up above {@code max}. */
  public static int distance(String a, String b, int max) {
    if (Math.abs(a.length() - b.length()) > max) {
      return max + 1;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin > max) {
        return max + 1;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** A comma-separated list cell: items trimmed, empty items dropped. */
  public static List<String> list(String cell) {
    if (cell.isEmpty()) {
      return List.of();
    }
    if (cell.indexOf(',') < 0) {
      return List.of(cell.strip());
    }
    List<String> out = new ArrayList<>();
    for (String s : cell.split(",")) {
      String t = s.strip();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /** {@code true/false/yes/no/y/n/1/0}, or null when the cell is something else. */
  public static @Nullable Boolean bool(String cell) {
    switch (cell.strip().toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "y":
      case "1":
        return Boolean.TRUE;
      case "false":
      case "no":
      case "n":
      case "0":
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  public static @Nullable String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  /**
   * Parses a OneRoster {@code userIds} cell: {@code {LDAP:abc},{Fed:x}} into type/id pairs, or null
   * when the cell is not in that form.
   */
  public static @Nullable List<String[]> typedIds(String cell) {
    List<String[]> out = new ArrayList<>();
    int i = 0;
    int n = cell.length();
    while (i < n) {
      char c = cell.charAt(i);
      if (c == ',' || Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c != '{') {
        return null;
      }
      int close = cell.indexOf('}', i);
      if (close < 0) {
        return null;
      }
      String inner = cell.substring(i + 1, close);
      int colon = inner.indexOf(':');
      if (colon <= 0 || colon == inner.length() - 1) {
        return null;
      }
      out.add(new String[] {inner.substring(0, colon).strip(), inner.substring(colon + 1).strip()});
      i = close + 1;
    }
    return out;
  }
}
