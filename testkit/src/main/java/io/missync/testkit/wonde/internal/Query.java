package io.missync.testkit.wonde.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A parsed query string that remembers the order of its parameters (to rebuild {@code next}). */
public final class Query {
  private final List<String[]> pairs = new ArrayList<>();

  /** A query string that cannot be percent-decoded. */
  public static final class MalformedQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedQueryException(Throwable cause) {
      super("malformed query string", cause);
    }
  }

  private Query() {}

  public static Query parse(@org.jspecify.annotations.Nullable String rawQuery) {
    Query q = new Query();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return q;
    }
    for (String part : rawQuery.split("&", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String k = eq < 0 ? part : part.substring(0, eq);
      String v = eq < 0 ? "" : part.substring(eq + 1);
      q.pairs.add(
          new String[] {
            URLDecoder.decode(k, StandardCharsets.UTF_8),
            URLDecoder.decode(v, StandardCharsets.UTF_8)
          });
    }
    return q;
  }

  /** The last value of a parameter. */
  public Optional<String> get(String name) {
    String found = null;
    for (String[] p : pairs) {
      if (p[0].equals(name)) {
        found = p[1];
      }
    }
    return Optional.ofNullable(found);
  }

  public boolean has(String name) {
    return get(name).isPresent();
  }

  /** Every value of a parameter, in order (for {@code include} repeated or comma-separated). */
  public List<String> all(String name) {
    List<String> out = new ArrayList<>();
    for (String[] p : pairs) {
      if (p[0].equals(name)) {
        out.add(p[1]);
      }
    }
    return out;
  }

  /** Comma-separated values of the last occurrence, trimmed, empty ones dropped. */
  public List<String> csv(String name) {
    List<String> out = new ArrayList<>();
    get(name)
        .ifPresent(
            v -> {
              for (String s : v.split(",", -1)) {
                if (!s.isBlank()) {
                  out.add(s.trim());
                }
              }
            });
    return out;
  }

  /** The query with {@code page} replaced, every other parameter kept in its original order. */
  public String withPage(int page) {
    StringBuilder sb = new StringBuilder();
    for (String[] p : pairs) {
      if (p[0].equals("page")) {
        continue;
      }
      append(sb, p[0], p[1]);
    }
    append(sb, "page", Integer.toString(page));
    return sb.toString();
  }

  private static void append(StringBuilder sb, String k, String v) {
    if (sb.length() > 0) {
      sb.append('&');
    }
    sb.append(enc(k)).append('=').append(enc(v));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
