package io.missync.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned scripts under {@code io/missync/store/jdbc/migration/} that a database has
 * not yet seen, recording each in the {@code schema_version} table with a checksum.
 *
 * <p>Idempotent: a second run finds every version recorded and does nothing. Safe when several
 * processes start at once on PostgreSQL: the whole run holds a transaction-scoped advisory lock
 * keyed by the schema and prefix, and PostgreSQL's DDL is transactional, so a run either applies a
 * script and records it, or neither. On H2 (whose DDL commits at once) the run first locks the one
 * row of a {@code migration_lock} table ({@code SELECT ... FOR UPDATE}) on a second connection and
 * holds it until done, so stores built at once in one process migrate one after the other; a
 * process that dies in the middle of a script can leave its first tables without their version row,
 * which the next run reports as a typed error (drop the tables or finish the script by hand). On
 * other databases the run relies on the primary key of {@code schema_version}; migrate from one
 * process at a time there (at deploy), or set {@code migrate(false)} and run the scripts yourself.
 */
final class SchemaMigrator {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

  /**
   * The scripts, by version. Append only: a shipped script never changes (its checksum is kept).
   */
  static final Map<Integer, String> SCRIPTS =
      new TreeMap<>(
          Map.of(
              1,
              "V1__initial_schema.sql",
              2,
              "V2__leases.sql",
              3,
              "V3__school_state.sql",
              4,
              "V4__account_suspended.sql"));

  static final int LATEST = 4;

  private final Tables tables;

  SchemaMigrator(Tables tables) {
    this.tables = tables;
  }

  /** Brings the schema to {@link #LATEST}; returns the number of scripts applied. */
  int migrate(DataSource ds) {
    try (Connection c = ds.getConnection()) {
      if (isH2(c)) {
        // an embedded H2 file is open in one process, so stores migrating it at once are in this
        // JVM: run them one at a time here as well, since H2 can fail concurrent DDL (the lock
        // table's own CREATE TABLE IF NOT EXISTS included) with a general error instead of waiting
        synchronized (H2_MIGRATIONS) {
          try (Connection lock = ds.getConnection()) {
            return underH2Lock(lock, () -> migrate(c, true));
          }
        }
      }
      return migrate(c, false);
    } catch (SQLException e) {
      throw new JdbcStoreException("schema migration", e);
    }
  }

  private interface Run {
    int run() throws SQLException;
  }

  /** Serialises the H2 migrations of this JVM (see {@link #migrate(DataSource)}). */
  private static final Object H2_MIGRATIONS = new Object();

  /** How long a run waits for another one migrating the same tables on H2. */
  private static final long H2_LOCK_WAIT_MS = 120_000;

  /**
   * Runs {@code work} while {@code lock} holds the row lock of the migration lock table, creating
   * the table and its row if missing. Waits for a holder in H2's lock-timeout steps (1 s by
   * default) up to {@link #H2_LOCK_WAIT_MS}.
   */
  private int underH2Lock(Connection lock, Run work) throws SQLException {
    boolean auto = lock.getAutoCommit();
    try {
      lock.setAutoCommit(true);
      try (Statement s = lock.createStatement()) {
        if (tables.schema != null && !schemaExists(lock, tables.schema)) {
          s.execute("CREATE SCHEMA IF NOT EXISTS " + tables.schema);
        }
        s.execute(
            "CREATE TABLE IF NOT EXISTS "
                + tables.migrationLock()
                + " (lock_id INTEGER NOT NULL PRIMARY KEY)");
        try {
          s.execute("INSERT INTO " + tables.migrationLock() + " (lock_id) VALUES (1)");
        } catch (SQLException e) {
          if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
            throw e;
          }
        }
      }
      lock.setAutoCommit(false);
      long deadline = System.nanoTime() + H2_LOCK_WAIT_MS * 1_000_000L;
      while (true) {
        try (Statement s = lock.createStatement();
            ResultSet rs =
                s.executeQuery(
                    "SELECT lock_id FROM "
                        + tables.migrationLock()
                        + " WHERE lock_id = 1 FOR UPDATE")) {
          rs.next();
          break;
        } catch (SQLException e) {
          // HYT00: H2's lock timeout; another store is migrating
          if (!"HYT00".equals(e.getSQLState()) || System.nanoTime() > deadline) {
            throw e;
          }
          lock.rollback();
        }
      }
      try {
        return work.run();
      } finally {
        lock.rollback();
      }
    } finally {
      lock.setAutoCommit(auto);
    }
  }

  /** One migration run in a READ COMMITTED transaction of {@code c}. */
  private int migrate(Connection c, boolean h2) throws SQLException {
    boolean auto = c.getAutoCommit();
    int isolation = c.getTransactionIsolation();
    if (!auto) {
      c.rollback();
    }
    // READ COMMITTED: each statement sees what was committed before it ran, so after waiting
    // for the lock the run sees the migrations another process just applied (at REPEATABLE
    // READ or SERIALIZABLE its snapshot would predate them)
    c.setAutoCommit(true);
    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    c.setAutoCommit(false);
    try {
      int applied = migrate(c, h2 ? Dialect.H2 : isPostgres(c) ? Dialect.POSTGRES : Dialect.OTHER);
      c.commit();
      return applied;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
      c.setTransactionIsolation(isolation);
      c.setAutoCommit(auto);
    }
  }

  private int migrate(Connection c, Dialect dialect) throws SQLException {
    try (Statement s = c.createStatement()) {
      if (dialect == Dialect.POSTGRES) {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          lock.setLong(1, lockKey());
          lock.execute();
        }
      }
      if (tables.schema != null && !schemaExists(c, tables.schema)) {
        // only when missing: CREATE SCHEMA needs a privilege a restricted user may lack
        s.execute("CREATE SCHEMA IF NOT EXISTS " + tables.schema);
      }
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + tables.schemaVersion()
              + " (version INTEGER NOT NULL PRIMARY KEY, script VARCHAR(255) NOT NULL,"
              + " checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
    }
    Map<Integer, String> done = new TreeMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, checksum FROM " + tables.schemaVersion())) {
      while (rs.next()) {
        done.put(rs.getInt(1), rs.getString(2));
      }
    }
    for (int v : done.keySet()) {
      if (v > LATEST) {
        throw new JdbcStoreException(
            "store-jdbc: the database schema is at version "
                + v
                + ", newer than this library knows ("
                + LATEST
                + "); upgrade missync");
      }
    }
    int applied = 0;
    for (Map.Entry<Integer, String> e : SCRIPTS.entrySet()) {
      String text = script(e.getValue());
      String sum = checksum(text);
      String recorded = done.get(e.getKey());
      if (recorded != null) {
        if (!recorded.equals(sum)) {
          throw new JdbcStoreException(
              "store-jdbc: migration "
                  + e.getValue()
                  + " differs from the one applied to this database (checksum mismatch)");
        }
        continue;
      }
      try (Statement s = c.createStatement()) {
        for (String sql : statements(tables.expand(text))) {
          s.execute(sql);
        }
      }
      try (PreparedStatement ins =
          c.prepareStatement(
              "INSERT INTO "
                  + tables.schemaVersion()
                  + " (version, script, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
        ins.setInt(1, e.getKey());
        ins.setString(2, e.getValue());
        ins.setString(3, sum);
        ins.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
        ins.executeUpdate();
      }
      applied++;
      LOG.info("store-jdbc: applied schema migration {} to {}", e.getValue(), tables.prefix);
    }
    return applied;
  }

  /** The schema version recorded in the database, 0 if none. */
  int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM " + tables.schemaVersion())) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static boolean schemaExists(Connection c, String schema) throws SQLException {
    try (ResultSet rs = c.getMetaData().getSchemas()) {
      while (rs.next()) {
        if (schema.equalsIgnoreCase(rs.getString(1))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The databases whose differences the migrator must know about. */
  enum Dialect {
    POSTGRES,
    H2,
    OTHER
  }

  static boolean isPostgres(Connection c) throws SQLException {
    return product(c).contains("postgresql");
  }

  static boolean isH2(Connection c) throws SQLException {
    return product(c).equals("h2");
  }

  private static String product(Connection c) throws SQLException {
    return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
  }

  private long lockKey() {
    // "missync" in the high bytes, the schema and prefix in the low ones: separate prefixes
    // migrate independently
    return 0x6d69737379000000L ^ (tables.qualifiedPrefix().hashCode() & 0xffffffL);
  }

  static String script(String name) {
    String path = "migration/" + name;
    try (InputStream in = SchemaMigrator.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new JdbcStoreException("store-jdbc: migration script " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new JdbcStoreException("store-jdbc: migration script " + name + " is unreadable");
    }
  }

  /** Splits a script on semicolons that end a line, dropping {@code --} comment lines. */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.endsWith(";")) {
        sb.append(trimmed, 0, trimmed.length() - 1);
        out.add(sb.toString());
        sb.setLength(0);
      } else {
        sb.append(trimmed).append('\n');
      }
    }
    if (!sb.toString().isBlank()) {
      out.add(sb.toString());
    }
    return out;
  }

  static String checksum(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
