package io.missync.wonde;

import java.time.Duration;
import java.util.Optional;

/** HTTP 429: too many requests, still refused after the retries the policy allowed. */
public class WondeRateLimitedException extends WondeHttpException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // Duration is serializable; Optional is not stored
  private final @org.jspecify.annotations.Nullable Duration retryAfter;

  public WondeRateLimitedException(
      String method, String redactedUrl, String body, Optional<Duration> retryAfter) {
    super(429, method, redactedUrl, body);
    this.retryAfter = retryAfter.orElse(null);
  }

  /** The server's {@code Retry-After}, if it sent a parseable one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
