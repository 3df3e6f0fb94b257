package io.missync.csv;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared real sample sets ({@code <repo>/../shared/samples}, or the folder named by the
 * {@code MISSYNC_SAMPLES} environment variable, for a checkout elsewhere); skips when absent.
 */
final class Samples {
  private Samples() {}

  static Path dir(String set) {
    Path cwd = Path.of("").toAbsolutePath();
    String env = System.getenv("MISSYNC_SAMPLES");
    for (Path p :
        new Path[] {
          cwd.resolve("../../shared/samples"),
          cwd.resolve("../shared/samples"),
          env == null || env.isBlank() ? cwd.resolve("../shared/samples") : Path.of(env)
        }) {
      Path d = p.resolve(set).normalize();
      if (Files.isDirectory(d)) {
        return d;
      }
    }
    assumeTrue(
        false,
        "sample set '"
            + set
            + "' not found beside the checkout (../shared/samples);"
            + " skipping the conformance test");
    throw new AssertionError("unreachable");
  }
}
