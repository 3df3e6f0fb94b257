package io.missync.wonde;

/** HTTP 400: the request was malformed (e.g. an unknown include or filter). */
public class WondeBadRequestException extends WondeHttpException {
  private static final long serialVersionUID = 1L;

  public WondeBadRequestException(String method, String redactedUrl, String body) {
    super(400, method, redactedUrl, body);
  }
}
