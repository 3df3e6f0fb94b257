package io.missync.wonde;

/** HTTP 5xx: Wonde failed; retried by the client according to its {@link RetryPolicy}. */
public class WondeServerErrorException extends WondeHttpException {
  private static final long serialVersionUID = 1L;

  public WondeServerErrorException(int status, String method, String redactedUrl, String body) {
    super(status, method, redactedUrl, body);
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("not a 5xx status: " + status);
    }
  }
}
