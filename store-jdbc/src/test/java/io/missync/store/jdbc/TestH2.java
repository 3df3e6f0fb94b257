package io.missync.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * An H2 database in file mode (what {@link EmbeddedH2} gives users) in a temporary directory,
 * deleted when the JVM exits; the tests work in schemas of their own.
 */
public final class TestH2 {
  private TestH2() {}

  private static final Object LOCK = new Object();
  private static DataSource server;

  /** The test database, created on first use. */
  public static DataSource dataSource() {
    synchronized (LOCK) {
      if (server == null) {
        server = EmbeddedH2.dataSource(newDirectory());
      }
      return server;
    }
  }

  /** A fresh empty directory for a database of its own, deleted when the JVM exits. */
  public static Path newDirectory() {
    try {
      Path dir = Files.createTempDirectory("missync-h2-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh schema name. */
  public static String newSchema() {
    return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }
}
