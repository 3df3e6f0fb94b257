package io.missync.wonde;

/** HTTP 422: Wonde rejected the request content; {@link #body()} holds its JSON description. */
public class WondeValidationException extends WondeHttpException {
  private static final long serialVersionUID = 1L;

  public WondeValidationException(String method, String redactedUrl, String body) {
    super(422, method, redactedUrl, body);
  }
}
