package io.missync.wonde;

import org.jspecify.annotations.Nullable;

/** The request could not be completed: connection failure, timeout or interruption. */
public class WondeIoException extends WondeException {
  private static final long serialVersionUID = 1L;

  private final String method;
  private final String url;

  public WondeIoException(String method, String redactedUrl, @Nullable Throwable cause) {
    super(
        method
            + " "
            + redactedUrl
            + " failed: "
            + (cause == null ? "I/O error" : cause.getClass().getSimpleName()),
        cause);
    this.method = method;
    this.url = redactedUrl;
  }

  /** The HTTP method. */
  public String method() {
    return method;
  }

  /** The request URL with any credentials redacted. */
  public String url() {
    return url;
  }
}
