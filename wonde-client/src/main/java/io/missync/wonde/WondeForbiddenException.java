package io.missync.wonde;

/** HTTP 403: the token may not read this resource (school not approved, permission missing). */
public class WondeForbiddenException extends WondeHttpException {
  private static final long serialVersionUID = 1L;

  public WondeForbiddenException(String method, String redactedUrl, String body) {
    super(403, method, redactedUrl, body);
  }
}
