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
 * script and records it, or neither. On other databases the run relies on the primary key of {@code
 * schema_version}; migrate from one process at a time there (at deploy), or set {@code
 * migrate(false)} and run the scripts yourself.
 */
final class SchemaMigrator {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

  /**
   * The scripts, by version. Append only: a shipped script never changes (its checksum is kept).
   */
  static final Map<Integer, String> SCRIPTS =
      new TreeMap<>(Map.of(1, "V1__initial_schema.sql", 2, "V2__leases.sql"));

  static final int LATEST = 2;

  private final Tables tables;

  SchemaMigrator(Tables tables) {
    this.tables = tables;
  }

  /** Brings the schema to {@link #LATEST}; returns the number of scripts applied. */
  int migrate(DataSource ds) {
    try (Connection c = ds.getConnection()) {
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
        int applied = migrate(c);
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
    } catch (SQLException e) {
      throw new JdbcStoreException("schema migration", e);
    }
  }

  private int migrate(Connection c) throws SQLException {
    boolean postgres = isPostgres(c);
    try (Statement s = c.createStatement()) {
      if (postgres) {
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

  static boolean isPostgres(Connection c) throws SQLException {
    return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgresql");
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
