package io.missync.wonde;

/** HTTP 404: no such resource (or the wrong regional domain). */
public class WondeNotFoundException extends WondeHttpException {
  private static final long serialVersionUID = 1L;

  public WondeNotFoundException(String method, String redactedUrl, String body) {
    super(404, method, redactedUrl, body);
  }
}
