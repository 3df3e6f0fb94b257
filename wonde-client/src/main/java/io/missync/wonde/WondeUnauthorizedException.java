package io.missync.wonde;

/** HTTP 401: the token is missing, wrong or revoked. */
public class WondeUnauthorizedException extends WondeHttpException {
  private static final long serialVersionUID = 1L;

  public WondeUnauthorizedException(String method, String redactedUrl, String body) {
    super(401, method, redactedUrl, body);
  }
}
