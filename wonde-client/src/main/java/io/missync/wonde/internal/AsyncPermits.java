package io.missync.wonde.internal;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/** A counting semaphore whose acquire returns a future, so async callers never block a thread. */
public final class AsyncPermits {
  private final Object lock = new Object();
  private final ArrayDeque<CompletableFuture<Void>> waiters = new ArrayDeque<>();
  private int available;

  public AsyncPermits(int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be >= 1");
    }
    this.available = permits;
  }

  /** Completes when a permit is held; the holder must call {@link #release()} exactly once. */
  public CompletableFuture<Void> acquire() {
    synchronized (lock) {
      if (available > 0) {
        available--;
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> f = new CompletableFuture<>();
      waiters.add(f);
      return f;
    }
  }

  /** Blocking acquire for the synchronous API. */
  public void acquireBlocking() throws InterruptedException {
    CompletableFuture<Void> f = acquire();
    try {
      f.get();
    } catch (InterruptedException e) {
      if (!f.cancel(false)) {
        // a permit was handed to us while we were interrupted: give it back
        release();
      } else {
        synchronized (lock) {
          waiters.remove(f);
        }
      }
      throw e;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  public void release() {
    while (true) {
      CompletableFuture<Void> next;
      synchronized (lock) {
        next = waiters.poll();
        if (next == null) {
          available++;
          return;
        }
      }
      if (next.complete(null)) {
        return;
      }
      // cancelled waiter: try the next one
    }
  }

  /** Permits free right now (for tests and metrics). */
  public int available() {
    synchronized (lock) {
      return available;
    }
  }
}
