package io.missync.core.spi;

import java.time.Instant;

/**
 * A run's exclusive claim on one school, held in the {@link SyncStateStore}: while a run holds the
 * school's lease no other run reads, plans or applies for that school, and only the holder may
 * write the school's apply journal.
 *
 * <p>A lease is identified by its {@code holder}, an opaque id unique to one run (no personal
 * data). It lasts until {@code expiresAt} unless renewed; a lease that expired (its holder died or
 * hangs) may be taken over by another run, after which the old holder's journal writes fail with
 * {@link LeaseLostException}. An expired lease that nobody took over is still its holder's.
 *
 * @param schoolId the school
 * @param holder the run holding it
 * @param acquiredAt when the holder took it (renewals keep it)
 * @param expiresAt when it lapses unless renewed
 */
public record Lease(String schoolId, String holder, Instant acquiredAt, Instant expiresAt) {

  /** True when another run may take the school over at {@code now}. */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
