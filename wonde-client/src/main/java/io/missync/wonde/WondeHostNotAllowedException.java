package io.missync.wonde;

/**
 * A request would have gone to a host that is not allowed: a region domain outside the allow-list,
 * or a pagination link pointing to another scheme, host or port than the request it came from. No
 * request (and so no token) was sent to it.
 */
public class WondeHostNotAllowedException extends WondeException {
  private static final long serialVersionUID = 1L;

  private final String host;

  public WondeHostNotAllowedException(String host, String why) {
    super("Refusing to contact host '" + host + "': " + why);
    this.host = host;
  }

  /** The refused host (and port, when one was given). */
  public String host() {
    return host;
  }
}
