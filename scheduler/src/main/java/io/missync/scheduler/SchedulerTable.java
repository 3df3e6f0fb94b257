package io.missync.scheduler;

import io.missync.core.MissyncException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Creates db-scheduler's table when it is missing, in the column layout db-scheduler reads and
 * writes (see its documentation), on PostgreSQL ({@code BYTEA}) and H2 and others ({@code BLOB}).
 */
final class SchedulerTable {
  private SchedulerTable() {}

  private static final Pattern NAME =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,40}\\.)?[A-Za-z_][A-Za-z0-9_]{0,40}");

  static void ensure(DataSource ds, String table) {
    if (!NAME.matcher(table).matches()) {
      throw new IllegalArgumentException("table name must be a plain SQL identifier");
    }
    try (Connection c = ds.getConnection()) {
      if (exists(c, table)) {
        return;
      }
      boolean postgres =
          c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgresql");
      String bytes = postgres ? "BYTEA" : "BLOB";
      String index = table.replace('.', '_');
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS "
                + table
                + " (task_name VARCHAR(255) NOT NULL, task_instance VARCHAR(255) NOT NULL,"
                + " task_data "
                + bytes
                + ", execution_time TIMESTAMP WITH TIME ZONE NOT NULL, picked BOOLEAN NOT NULL,"
                + " picked_by VARCHAR(255), last_success TIMESTAMP WITH TIME ZONE,"
                + " last_failure TIMESTAMP WITH TIME ZONE, consecutive_failures INTEGER,"
                + " last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL,"
                + " priority SMALLINT, PRIMARY KEY (task_name, task_instance))");
        s.execute(
            "CREATE INDEX IF NOT EXISTS "
                + index
                + "_execution_time ON "
                + table
                + " (execution_time)");
        s.execute(
            "CREATE INDEX IF NOT EXISTS "
                + index
                + "_last_heartbeat ON "
                + table
                + " (last_heartbeat)");
      } catch (SQLException e) {
        // two processes creating it at once: one wins, the other finds it made
        if (!exists(c, table)) {
          throw e;
        }
      }
    } catch (SQLException e) {
      throw new MissyncException(
          "scheduler: cannot create table " + table + " (SQL state " + e.getSQLState() + ")");
    }
  }

  /** Whether the table is visible to the connection (its schema, or its search path). */
  private static boolean exists(Connection c, String table) throws SQLException {
    if (!c.getAutoCommit()) {
      c.setAutoCommit(true);
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0")) {
      return true;
    } catch (SQLException e) {
      // 42P01 (PostgreSQL), 42S02/42S04 (H2): no such table
      String state = e.getSQLState();
      if (state != null && state.startsWith("42")) {
        return false;
      }
      throw e;
    }
  }
}
