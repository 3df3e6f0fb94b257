package io.missync.wonde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

final class Fixtures {
  private Fixtures() {}

  static String text(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/wonde/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(String name) {
    return text(name).getBytes(StandardCharsets.UTF_8);
  }

  /** Records requested delays and returns at once. */
  static final class RecordingSleeper implements Sleeper {
    final List<Duration> delays = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void sleep(Duration duration) {
      delays.add(duration);
    }

    @Override
    public CompletableFuture<Void> sleepAsync(Duration duration) {
      delays.add(duration);
      return CompletableFuture.completedFuture(null);
    }
  }
}
