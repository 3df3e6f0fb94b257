package io.missync.store.jdbc;

import io.missync.core.MissyncException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A failure of the JDBC store: the database refused a statement, the connection broke, or stored
 * data could not be read back.
 *
 * <p>The message names the operation, the school and plan ids, the SQL state and the vendor error
 * code, never bound values. For the same reason the driver's {@link SQLException} is <em>not</em>
 * kept as the cause: drivers put bound values and row contents in their messages (PostgreSQL's "Key
 * (...)=(...) already exists", batch entries with their parameters), and those may be a person's
 * personal data. Use {@link #sqlState()} and {@link #vendorCode()} to react to the error.
 */
public class JdbcStoreException extends MissyncException {
  private static final long serialVersionUID = 1L;
  private final @Nullable String sqlState;
  private final int vendorCode;

  public JdbcStoreException(String message) {
    super(message);
    this.sqlState = null;
    this.vendorCode = 0;
  }

  JdbcStoreException(String operation, SQLException e) {
    super(describe(operation, e));
    this.sqlState = e.getSQLState();
    this.vendorCode = e.getErrorCode();
  }

  private static String describe(String operation, SQLException e) {
    String state = e.getSQLState();
    return "store-jdbc: "
        + operation
        + " failed: "
        + meaning(state)
        + " (SQL state "
        + (state == null ? "unknown" : state)
        + ", vendor code "
        + e.getErrorCode()
        + ", "
        + e.getClass().getSimpleName()
        + ")";
  }

  /** A reading of the SQL state class that names no value. */
  static String meaning(@Nullable String state) {
    if (state == null || state.length() < 2) {
      return "database error";
    }
    String s = state.toUpperCase(Locale.ROOT);
    if (s.equals("23505")) {
      return "unique constraint violated (the update breaks the state's rules: two accounts"
          + " linked to one MIS person, two groups to one MIS group, or a duplicate key)";
    }
    if (s.equals("40001")) {
      return "serialization failure";
    }
    if (s.equals("40P01")) {
      return "deadlock detected";
    }
    if (s.equals("57014")) {
      return "statement cancelled or timed out";
    }
    if (s.equals("42501")) {
      return "insufficient privilege";
    }
    if (s.equals("42P01") || s.equals("42S02")) {
      return "table missing (has the schema been migrated?)";
    }
    return switch (s.substring(0, 2)) {
      case "08" -> "connection failure";
      case "22" -> "data refused by the database (too long, or a character it cannot store)";
      case "23" -> "integrity constraint violated";
      case "25" -> "invalid transaction state";
      case "28" -> "authorization failure";
      case "40" -> "transaction rolled back";
      case "42" -> "SQL syntax error or access rule violation";
      case "53" -> "insufficient resources";
      case "57" -> "operator intervention";
      default -> "database error";
    };
  }

  /** The SQL state of the database error, if this came from one. */
  public Optional<String> sqlState() {
    return Optional.ofNullable(sqlState);
  }

  /** The driver's vendor error code, or 0. */
  public int vendorCode() {
    return vendorCode;
  }
}
