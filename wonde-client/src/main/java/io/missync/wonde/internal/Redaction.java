package io.missync.wonde.internal;

import java.net.URI;
import java.util.Locale;

/** Removes credentials from URLs and bodies before they reach messages or logs. */
public final class Redaction {
  private Redaction() {}

  public static final String REDACTED = "REDACTED";

  /**
   * The URL without user info and with the values of query parameters whose name contains {@code
   * token}, {@code secret}, {@code key} or {@code password} replaced.
   */
  public static String url(URI uri) {
    StringBuilder sb = new StringBuilder();
    if (uri.getScheme() != null) {
      sb.append(uri.getScheme()).append("://");
    }
    if (uri.getHost() != null) {
      sb.append(uri.getHost());
      if (uri.getPort() >= 0) {
        sb.append(':').append(uri.getPort());
      }
    }
    if (uri.getRawPath() != null) {
      sb.append(uri.getRawPath());
    }
    String q = uri.getRawQuery();
    if (q != null && !q.isEmpty()) {
      sb.append('?').append(query(q));
    }
    return sb.toString();
  }

  static String query(String rawQuery) {
    StringBuilder sb = new StringBuilder();
    for (String part : rawQuery.split("&", -1)) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      if (eq >= 0 && sensitive(name)) {
        sb.append(name).append('=').append(REDACTED);
      } else {
        sb.append(part);
      }
    }
    return sb.toString();
  }

  private static boolean sensitive(String rawName) {
    String n = rawName.toLowerCase(Locale.ROOT);
    return n.contains("token")
        || n.contains("secret")
        || n.contains("key")
        || n.contains("password")
        || n.contains("auth");
  }

  /** {@code text} with every occurrence of {@code token} replaced. */
  public static String token(String text, String token) {
    if (token.isEmpty()) {
      return text;
    }
    return text.replace(token, REDACTED);
  }
}
