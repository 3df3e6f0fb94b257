package io.missync.store.jdbc;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The embedded database for {@link JdbcSyncStateStore}: H2 in file mode, inside the application's
 * own process, nothing to install or run. Needs {@code com.h2database:h2} on the classpath (the
 * store declares it optional).
 *
 * <pre>{@code
 * SyncStateStore store =
 *     JdbcSyncStateStore.builder(EmbeddedH2.dataSource(Path.of("/var/lib/acme/missync"))).build();
 * }</pre>
 *
 * <p>H2 locks its file for the process that opened it: one process at a time. To spread schools
 * across several processes, give every process the same PostgreSQL instead; the schema and the
 * store's behaviour are the same.
 */
public final class EmbeddedH2 {
  private EmbeddedH2() {}

  /** Lock waits long enough for several runs queueing on one school's row. */
  static final int LOCK_TIMEOUT_MS = 30_000;

  /**
   * The JDBC URL of the database {@code missync} in {@code directory} (created on first use): file
   * mode, a {@value #LOCK_TIMEOUT_MS} ms lock timeout (H2's default of 1 s is too short for writers
   * queueing on one school's row).
   */
  public static String url(Path directory) {
    return "jdbc:h2:file:"
        + directory.toAbsolutePath().resolve("missync")
        + ";LOCK_TIMEOUT="
        + LOCK_TIMEOUT_MS;
  }

  /**
   * A small connection pool (H2's own, at most 10 connections) on {@link #url(Path)} as user {@code
   * sa} with no password: the file is only as private as the directory, so keep it readable by the
   * application's user only.
   */
  public static DataSource dataSource(Path directory) {
    return JdbcConnectionPool.create(url(directory), "sa", "");
  }
}
