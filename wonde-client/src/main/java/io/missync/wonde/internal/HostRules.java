package io.missync.wonde.internal;

import io.missync.wonde.WondeHostNotAllowedException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Which hosts may receive a token. */
public final class HostRules {
  private static final Pattern DOMAIN =
      Pattern.compile(
          "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?");

  private final String scheme;
  private final Set<String> allowed;

  /**
   * @param scheme scheme used for regional domains (https, or http in tests)
   * @param allowedAuthorities host or host:port entries, compared case-insensitively
   */
  public HostRules(String scheme, Set<String> allowedAuthorities) {
    this.scheme = scheme;
    java.util.HashSet<String> s = new java.util.HashSet<>();
    for (String a : allowedAuthorities) {
      s.add(a.toLowerCase(Locale.ROOT));
    }
    this.allowed = Set.copyOf(s);
  }

  /** The base URI for a region domain, if the domain is well-formed and allowed. */
  public URI regionBase(String domain) {
    String d = domain.trim();
    if (!DOMAIN.matcher(d).matches()) {
      throw new WondeHostNotAllowedException(
          d.length() > 100 ? d.substring(0, 100) : d, "region domain is not a plain host name");
    }
    if (!allowed.contains(d.toLowerCase(Locale.ROOT))) {
      throw new WondeHostNotAllowedException(d, "region domain is not on the allow-list");
    }
    return URI.create(scheme + "://" + d);
  }

  /** Throws unless {@code next} has the same scheme, host and port as {@code current}. */
  public static void requireSameOrigin(URI current, URI next) {
    String host = next.getHost() == null ? "" : next.getHost();
    String shown = next.getPort() >= 0 ? host + ":" + next.getPort() : host;
    if (next.getRawUserInfo() != null) {
      throw new WondeHostNotAllowedException(shown, "pagination link carries user info");
    }
    if (!sameOrigin(current, next)) {
      throw new WondeHostNotAllowedException(
          shown, "pagination link leaves the origin of the request it came from");
    }
  }

  static boolean sameOrigin(URI a, URI b) {
    if (a.getScheme() == null
        || b.getScheme() == null
        || a.getHost() == null
        || b.getHost() == null) {
      return false;
    }
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme())
        ? 443
        : "http".equalsIgnoreCase(u.getScheme()) ? 80 : -1;
  }
}
