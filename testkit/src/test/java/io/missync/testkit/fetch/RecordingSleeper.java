package io.missync.testkit.fetch;

import io.missync.wonde.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Records the waits the client asks for and returns at once (both blocking and async). */
final class RecordingSleeper implements Sleeper {
  private final List<Duration> waits = new ArrayList<>();

  @Override
  public synchronized void sleep(Duration duration) {
    waits.add(duration);
  }

  @Override
  public CompletableFuture<Void> sleepAsync(Duration duration) {
    sleep(duration);
    return CompletableFuture.completedFuture(null);
  }

  synchronized List<Duration> waits() {
    return List.copyOf(waits);
  }

  synchronized void clear() {
    waits.clear();
  }
}
