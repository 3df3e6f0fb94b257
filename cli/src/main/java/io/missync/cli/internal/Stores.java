package io.missync.cli.internal;

import io.missync.core.spi.SyncStateStore;
import io.missync.core.store.InMemorySyncStateStore;
import io.missync.store.jdbc.EmbeddedH2;
import io.missync.store.jdbc.JdbcSyncStateStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Opens the state store a command was given: a JDBC URL ({@code --store}), with the user and
 * password from {@code MISSYNC_STORE_USER} / {@code MISSYNC_STORE_PASSWORD} when set, or the
 * in-memory store (nothing survives the process) when none was given; the demo defaults to the
 * embedded H2 store instead.
 */
final class Stores {
  private Stores() {}

  /**
   * The demo's store: the JDBC URL when one was given, otherwise the embedded H2 database in {@code
   * out/state}, emptied first (it is the demo's own scratch state: a second demo in the same folder
   * starts from the same empty product as the first).
   */
  static SyncStateStore openForDemo(@Nullable String jdbcUrl, Path out) {
    if (jdbcUrl != null && !jdbcUrl.isBlank()) {
      return open(jdbcUrl);
    }
    Path dir = out.resolve("state");
    try {
      Files.createDirectories(dir);
      try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "missync.*")) {
        for (Path f : old) {
          Files.delete(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the demo's store folder " + dir, e);
    }
    return JdbcSyncStateStore.builder(EmbeddedH2.dataSource(dir)).build();
  }

  static SyncStateStore open(@Nullable String jdbcUrl) {
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      return new InMemorySyncStateStore();
    }
    if (!jdbcUrl.startsWith("jdbc:")) {
      throw new IllegalArgumentException("--store must be a JDBC URL (jdbc:...)");
    }
    return JdbcSyncStateStore.builder(new UrlDataSource(jdbcUrl)).build();
  }

  /** Connections from {@link DriverManager}: a command opens few, so no pool is needed. */
  private static final class UrlDataSource implements DataSource {
    private final String url;

    UrlDataSource(String url) {
      this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Properties p = new Properties();
      String user = System.getenv("MISSYNC_STORE_USER");
      String password = System.getenv("MISSYNC_STORE_PASSWORD");
      if (user != null) {
        p.setProperty("user", user);
      }
      if (password != null) {
        p.setProperty("password", password);
      }
      return DriverManager.getConnection(url, p);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return DriverManager.getConnection(url, username, password);
    }

    @Override
    public @Nullable PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(@Nullable PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
