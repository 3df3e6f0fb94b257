package io.missync.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Connection plumbing for the school-state and token tables: auto-commit and short transactions.
 */
final class Tx {
  private Tx() {}

  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** One statement or a few, each committing on its own. */
  static <T> T autoCommit(DataSource ds, String operation, Work<T> work) {
    try (Connection c = ds.getConnection()) {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      return work.run(c);
    } catch (SQLException e) {
      throw new JdbcStoreException(operation, e);
    }
  }

  /** A read-write transaction at READ COMMITTED. */
  static <T> T transaction(DataSource ds, String operation, Work<T> work) {
    try (Connection c = ds.getConnection()) {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      int previous = c.getTransactionIsolation();
      if (previous != Connection.TRANSACTION_READ_COMMITTED) {
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      }
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        try {
          c.rollback();
        } catch (SQLException suppressed) {
          // the first failure is the one to report
        }
        throw e;
      } finally {
        c.setAutoCommit(true);
        if (previous != Connection.TRANSACTION_READ_COMMITTED) {
          c.setTransactionIsolation(previous);
        }
      }
    } catch (SQLException e) {
      throw new JdbcStoreException(operation, e);
    }
  }

  static boolean isUniqueViolation(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("23");
  }

  static void setString(PreparedStatement ps, int i, @Nullable String v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, v);
    }
  }

  static void setInstant(PreparedStatement ps, int i, @Nullable Instant at) throws SQLException {
    if (at == null) {
      ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(i, OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }
  }

  static @Nullable Instant instant(ResultSet rs, int i) throws SQLException {
    OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
