package io.missync.wonde;

import java.util.Optional;

/**
 * Wonde answered with a non-2xx status. Subclasses exist per status class; other statuses use this
 * type directly. The message holds method, redacted URL and status; the (bounded, token-redacted)
 * body is available from {@link #body()} but is not part of the message.
 */
public class WondeHttpException extends WondeException {
  private static final long serialVersionUID = 1L;

  /** Bodies are truncated to this many characters. */
  public static final int MAX_BODY_CHARS = 2048;

  private final int status;
  private final String method;
  private final String url;
  private final String body;

  public WondeHttpException(int status, String method, String redactedUrl, String body) {
    super(method + " " + redactedUrl + " -> HTTP " + status);
    this.status = status;
    this.method = method;
    this.url = redactedUrl;
    this.body = body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) : body;
  }

  /**
   * Builds the subtype matching {@code status}.
   *
   * @param retryAfter parsed {@code Retry-After}, used for 429
   */
  public static WondeHttpException forStatus(
      int status,
      String method,
      String redactedUrl,
      String body,
      Optional<java.time.Duration> retryAfter) {
    switch (status) {
      case 400:
        return new WondeBadRequestException(method, redactedUrl, body);
      case 401:
        return new WondeUnauthorizedException(method, redactedUrl, body);
      case 403:
        return new WondeForbiddenException(method, redactedUrl, body);
      case 404:
        return new WondeNotFoundException(method, redactedUrl, body);
      case 422:
        return new WondeValidationException(method, redactedUrl, body);
      case 429:
        return new WondeRateLimitedException(method, redactedUrl, body, retryAfter);
      default:
        if (status >= 500 && status <= 599) {
          return new WondeServerErrorException(status, method, redactedUrl, body);
        }
        return new WondeHttpException(status, method, redactedUrl, body);
    }
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** The HTTP method. */
  public String method() {
    return method;
  }

  /** The request URL, with {@code token}/{@code secret} query parameters redacted. */
  public String url() {
    return url;
  }

  /** The response body, at most {@link #MAX_BODY_CHARS} characters, with the token redacted. */
  public String body() {
    return body;
  }
}
