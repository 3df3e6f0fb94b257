package io.missync.testkit.wonde;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The world's own clock. It only moves when a test moves it; every mutation stamps {@code
 * updated_at} (and {@code deleted_at}, {@code restored_at}) with {@link #now()}. Thread-safe.
 */
public final class SimClock {
  private volatile Instant now;

  SimClock(Instant start) {
    this.now = start.truncatedTo(ChronoUnit.SECONDS);
  }

  /** The current simulated instant (whole seconds). */
  public Instant now() {
    return now;
  }

  /** Moves the clock forward and returns the new instant. */
  public synchronized Instant advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward: " + d);
    }
    Instant t = now.plus(d).truncatedTo(ChronoUnit.SECONDS);
    now = t;
    return t;
  }

  /** Sets the clock; it may not move backwards. */
  public synchronized void set(Instant instant) {
    Instant t = instant.truncatedTo(ChronoUnit.SECONDS);
    if (t.isBefore(now)) {
      throw new IllegalArgumentException("the clock only moves forward: " + t);
    }
    now = t;
  }
}
