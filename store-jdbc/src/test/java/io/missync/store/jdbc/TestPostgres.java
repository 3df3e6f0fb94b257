package io.missync.store.jdbc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assertions;
import org.opentest4j.TestAbortedException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL for the tests, found in this order:
 *
 * <ol>
 *   <li>{@code MISSYNC_TEST_JDBC_URL} (with {@code MISSYNC_TEST_JDBC_USER} and {@code
 *       MISSYNC_TEST_JDBC_PASSWORD}): an existing server; the tests work in schemas of their own
 *       and drop them at the end.
 *   <li>PostgreSQL server binaries ({@code initdb}, {@code pg_ctl}) under {@code
 *       /usr/lib/postgresql/<version>/bin}, in {@code MISSYNC_TEST_PG_BIN}, or on the PATH: a
 *       throwaway cluster in a temporary directory on a free loopback port, stopped and deleted
 *       when the JVM exits. As root (initdb refuses root) the cluster runs as the {@code postgres}
 *       user, else {@code nobody}, through {@code runuser}.
 *   <li>Neither: the tests are skipped with the reason, or fail if the environment variable {@code
 *       CI} is {@code true}.
 * </ol>
 */
public final class TestPostgres {
  private TestPostgres() {}

  /** Where the server is, for processes the tests start: URL, user, password (may be empty). */
  public record Address(String url, String user, String password) {}

  private static Address address = new Address("", "", "");

  private static final Object LOCK = new Object();
  private static Optional<DataSource> server = Optional.empty();
  private static String unavailable = "";
  private static boolean started;

  /** Why there is no test server, or empty when there is one; starts it on first use. */
  public static Optional<String> unavailable() {
    synchronized (LOCK) {
      if (!started) {
        started = true;
        try {
          server = Optional.of(start());
        } catch (Exception e) {
          unavailable = e.getMessage() == null ? e.toString() : e.getMessage();
        }
      }
      if (server.isPresent()) {
        return Optional.empty();
      }
      return Optional.of(
          "no PostgreSQL for store-jdbc tests: "
              + unavailable
              + ". Set MISSYNC_TEST_JDBC_URL (+ _USER, _PASSWORD) or install PostgreSQL server"
              + " binaries (apt-get install -y postgresql).");
    }
  }

  public static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** A data source on the test server, or the test is skipped (failed on CI). */
  public static DataSource dataSource() {
    synchronized (LOCK) {
      Optional<String> why = unavailable();
      if (server.isPresent()) {
        return server.get();
      }
      String msg = why.orElse("no PostgreSQL");
      if (onCi()) {
        Assertions.fail(msg + " CI=true, so this is a failure.");
      }
      throw new TestAbortedException(msg);
    }
  }

  /** The test server's address (starting it on first use); the test is skipped without one. */
  public static Address address() {
    dataSource();
    synchronized (LOCK) {
      return address;
    }
  }

  /** A fresh schema name on the test server, dropped when the JVM exits. */
  public static String newSchema() {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    DataSource ds = dataSource();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try (Connection c = ds.getConnection();
                      Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                  } catch (SQLException ignored) {
                    // the throwaway cluster may already be gone
                  }
                }));
    return schema;
  }

  private static DataSource start() throws Exception {
    String url = System.getenv("MISSYNC_TEST_JDBC_URL");
    if (url != null && !url.isBlank()) {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(url);
      String user = System.getenv("MISSYNC_TEST_JDBC_USER");
      if (user != null) {
        ds.setUser(user);
      }
      String password = System.getenv("MISSYNC_TEST_JDBC_PASSWORD");
      if (password != null) {
        ds.setPassword(password);
      }
      check(ds);
      address = new Address(url, user == null ? "" : user, password == null ? "" : password);
      return new PooledTestDataSource(ds);
    }
    Path bin = findBin();
    Path dir = Files.createTempDirectory("missync-pg-");
    List<String> asUser = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      String user = userExists("postgres") ? "postgres" : "nobody";
      run(List.of("chown", "-R", user, dir.toString()), dir, 30);
      asUser.addAll(List.of("runuser", "-u", user, "--"));
    }
    Path data = dir.resolve("data");
    List<String> initdb = new ArrayList<>(asUser);
    initdb.addAll(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            "missync",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "-N"));
    run(initdb, dir, 120);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    List<String> pgctl = new ArrayList<>(asUser);
    pgctl.addAll(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-l",
            dir.resolve("server.log").toString(),
            "-w",
            "-t",
            "60",
            "-o",
            "-p "
                + port
                + " -k "
                + dir
                + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                + " -c full_page_writes=off -c max_connections=100",
            "start"));
    run(pgctl, dir, 90);
    List<String> stop = new ArrayList<>(asUser);
    stop.addAll(
        List.of(
            bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    run(stop, dir, 30);
                  } catch (Exception ignored) {
                    // best effort
                  }
                  deleteTree(dir);
                }));
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
    ds.setUser("missync");
    check(ds);
    address = new Address(ds.getURL(), "missync", "");
    return new PooledTestDataSource(ds);
  }

  private static void check(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SELECT 1");
    }
  }

  private static Path findBin() throws IOException {
    List<Path> candidates = new ArrayList<>();
    String env = System.getenv("MISSYNC_TEST_PG_BIN");
    if (env != null && !env.isBlank()) {
      candidates.add(Paths.get(env));
    }
    Path debian = Paths.get("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        versions
            .map(v -> v.resolve("bin"))
            .sorted(Comparator.comparing(TestPostgres::versionOf).reversed())
            .forEach(candidates::add);
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String p : path.split(java.io.File.pathSeparator)) {
        candidates.add(Paths.get(p));
      }
    }
    for (Path c : candidates) {
      if (Files.isExecutable(c.resolve("initdb")) && Files.isExecutable(c.resolve("pg_ctl"))) {
        return c;
      }
    }
    throw new IOException("no initdb and pg_ctl found under /usr/lib/postgresql/*/bin or on PATH");
  }

  private static int versionOf(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean userExists(String user) {
    try {
      return Files.readAllLines(Paths.get("/etc/passwd")).stream()
          .anyMatch(l -> l.startsWith(user + ":"));
    } catch (IOException e) {
      return false;
    }
  }

  private static void run(List<String> command, Path dir, int seconds)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("missync-pg-cmd", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(command.get(0) + " timed out");
      }
      if (p.exitValue() != 0) {
        String log = Files.readString(out, StandardCharsets.UTF_8);
        String name = Paths.get(command.get(command.indexOf("--") + 1)).getFileName().toString();
        throw new IOException(
            name.toLowerCase(Locale.ROOT) + " exited with " + p.exitValue() + ": " + log.strip());
      }
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }
}
