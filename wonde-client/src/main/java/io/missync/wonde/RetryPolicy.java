package io.missync.wonde;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable retry policy: which failures are retried (I/O errors, 429, 5xx), how often, and how
 * long to wait. The wait before retry {@code n} (1-based) is {@code min(maxDelay, initialDelay *
 * multiplier^(n-1))}, scaled by a jitter factor drawn uniformly from {@code [1 - jitter, 1 +
 * jitter]}. A {@code Retry-After} header replaces the computed wait; if it asks for more than
 * {@link #maxRetryAfter()} the request is not retried.
 */
public final class RetryPolicy {
  private final int maxAttempts;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double multiplier;
  private final double jitter;
  private final Duration maxRetryAfter;

  private RetryPolicy(
      int maxAttempts,
      Duration initialDelay,
      Duration maxDelay,
      double multiplier,
      double jitter,
      Duration maxRetryAfter) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1");
    }
    if (initialDelay.isNegative() || maxDelay.isNegative() || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be >= 1");
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be within [0, 1]");
    }
    this.maxAttempts = maxAttempts;
    this.initialDelay = initialDelay;
    this.maxDelay = maxDelay;
    this.multiplier = multiplier;
    this.jitter = jitter;
    this.maxRetryAfter = maxRetryAfter;
  }

  /** 4 attempts, 500 ms doubling to at most 30 s, 20% jitter, Retry-After up to 120 s. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        4, Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, 0.2, Duration.ofSeconds(120));
  }

  /** A single attempt: nothing is retried. */
  public static RetryPolicy none() {
    return defaults().withMaxAttempts(1);
  }

  public RetryPolicy withMaxAttempts(int n) {
    return new RetryPolicy(n, initialDelay, maxDelay, multiplier, jitter, maxRetryAfter);
  }

  public RetryPolicy withInitialDelay(Duration d) {
    return new RetryPolicy(maxAttempts, d, maxDelay, multiplier, jitter, maxRetryAfter);
  }

  public RetryPolicy withMaxDelay(Duration d) {
    return new RetryPolicy(maxAttempts, initialDelay, d, multiplier, jitter, maxRetryAfter);
  }

  public RetryPolicy withMultiplier(double m) {
    return new RetryPolicy(maxAttempts, initialDelay, maxDelay, m, jitter, maxRetryAfter);
  }

  /** Jitter as a fraction of the computed delay, within [0, 1]; 0 disables jitter. */
  public RetryPolicy withJitter(double j) {
    return new RetryPolicy(maxAttempts, initialDelay, maxDelay, multiplier, j, maxRetryAfter);
  }

  public RetryPolicy withMaxRetryAfter(Duration d) {
    return new RetryPolicy(maxAttempts, initialDelay, maxDelay, multiplier, jitter, d);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration initialDelay() {
    return initialDelay;
  }

  public Duration maxDelay() {
    return maxDelay;
  }

  public double multiplier() {
    return multiplier;
  }

  public double jitter() {
    return jitter;
  }

  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * The wait before retry number {@code retry} (1 = first retry).
   *
   * @param random a value in [0, 1) from the jitter source; 0.5 gives the unjittered delay
   */
  public Duration backoff(int retry, double random) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be >= 1");
    }
    double base = initialDelay.toNanos() * Math.pow(multiplier, retry - 1);
    double capped = Math.min(base, (double) maxDelay.toNanos());
    double factor = 1.0 + jitter * (2.0 * random - 1.0);
    long nanos = (long) Math.max(0.0, Math.min(capped * factor, (double) maxDelay.toNanos()));
    return Duration.ofNanos(nanos);
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    if (!(o instanceof RetryPolicy)) {
      return false;
    }
    RetryPolicy p = (RetryPolicy) o;
    return maxAttempts == p.maxAttempts
        && initialDelay.equals(p.initialDelay)
        && maxDelay.equals(p.maxDelay)
        && Double.compare(multiplier, p.multiplier) == 0
        && Double.compare(jitter, p.jitter) == 0
        && maxRetryAfter.equals(p.maxRetryAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, initialDelay, maxDelay, multiplier, jitter, maxRetryAfter);
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts="
        + maxAttempts
        + ", initialDelay="
        + initialDelay
        + ", maxDelay="
        + maxDelay
        + ", multiplier="
        + multiplier
        + ", jitter="
        + jitter
        + ", maxRetryAfter="
        + maxRetryAfter
        + "}";
  }
}
