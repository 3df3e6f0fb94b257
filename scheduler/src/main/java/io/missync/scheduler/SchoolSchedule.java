package io.missync.scheduler;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a school is synced: an incremental read every {@code incrementalEvery}, a full read
 * every {@code fullEvery} (and on the first run), whichever falls due first.
 *
 * @param fullEvery time between full reads; positive
 * @param incrementalEvery time between runs; positive, at most {@code fullEvery}
 */
public record SchoolSchedule(Duration fullEvery, Duration incrementalEvery) {
  public SchoolSchedule {
    Objects.requireNonNull(fullEvery, "fullEvery");
    Objects.requireNonNull(incrementalEvery, "incrementalEvery");
    if (fullEvery.isNegative() || fullEvery.isZero()) {
      throw new IllegalArgumentException("fullEvery must be positive");
    }
    if (incrementalEvery.isNegative() || incrementalEvery.isZero()) {
      throw new IllegalArgumentException("incrementalEvery must be positive");
    }
    if (incrementalEvery.compareTo(fullEvery) > 0) {
      throw new IllegalArgumentException("incrementalEvery must not be longer than fullEvery");
    }
  }

  /** A full read nightly and an incremental one every 15 minutes. */
  public static SchoolSchedule defaults() {
    return new SchoolSchedule(Duration.ofDays(1), Duration.ofMinutes(15));
  }
}
