package io.missync.store.jdbc;

import io.missync.core.codec.SnapshotCodec;
import io.missync.core.codec.SnapshotCodecException;
import io.missync.core.model.MisSnapshot;
import io.missync.core.spi.SchoolMode;
import io.missync.core.spi.SchoolState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The school-state and snapshot-base tables of {@link JdbcSyncStateStore}. An update locks the
 * school's state row ({@code SELECT ... FOR UPDATE}, after inserting the initial row if missing),
 * so concurrent updates of one school are serialised and none is lost; it never locks the school's
 * product-state row.
 */
final class SchoolStates {
  private final DataSource ds;
  private final Tables t;

  SchoolStates(DataSource ds, Tables t) {
    this.ds = ds;
    this.t = t;
  }

  SchoolState get(String schoolId) {
    return Tx.autoCommit(
        ds,
        "school state of school " + schoolId,
        c -> read(c, schoolId, "").orElseGet(() -> SchoolState.initial(schoolId)));
  }

  SchoolState update(String schoolId, UnaryOperator<SchoolState> change) {
    String op = "update of school state of school " + schoolId;
    Tx.autoCommit(
        ds,
        op,
        c -> {
          if (read(c, schoolId, "").isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(insertSql())) {
              bind(ps, SchoolState.initial(schoolId));
              ps.executeUpdate();
            } catch (SQLException e) {
              if (!Tx.isUniqueViolation(e)) { // another writer inserted it first
                throw e;
              }
            }
          }
          return Boolean.TRUE;
        });
    return Tx.transaction(
        ds,
        op,
        c -> {
          SchoolState current =
              read(c, schoolId, " FOR UPDATE")
                  .orElseThrow(() -> new JdbcStoreException("store-jdbc: " + op + ": row missing"));
          SchoolState next = change.apply(current);
          if (!next.schoolId().equals(schoolId)) {
            throw new IllegalArgumentException("a school state update must keep the school id");
          }
          if (!next.equals(current)) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE "
                        + t.schoolState()
                        + " SET mode = ?, mode_since = ?, mode_reason = ?, full_read_due = ?,"
                        + " full_read_reason = ?, last_full_read_at = ?, migration_key = ?,"
                        + " migration_applied = ? WHERE school_id = ?")) {
              bind(ps, next);
              ps.executeUpdate();
            }
          }
          return next;
        });
  }

  private String insertSql() {
    return "INSERT INTO "
        + t.schoolState()
        + " (mode, mode_since, mode_reason, full_read_due, full_read_reason, last_full_read_at,"
        + " migration_key, migration_applied, school_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }

  private static void bind(PreparedStatement ps, SchoolState s) throws SQLException {
    ps.setString(1, s.mode().name());
    Tx.setInstant(ps, 2, s.modeSince());
    ps.setString(3, s.modeReason());
    ps.setBoolean(4, s.fullReadDue());
    ps.setString(5, s.fullReadReason());
    Tx.setInstant(ps, 6, s.lastFullReadAt());
    Tx.setString(ps, 7, s.migrationKey());
    ps.setBoolean(8, s.migrationApplied());
    ps.setString(9, s.schoolId());
  }

  private Optional<SchoolState> read(Connection c, String schoolId, String suffix)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT mode, mode_since, mode_reason, full_read_due, full_read_reason,"
                + " last_full_read_at, migration_key, migration_applied FROM "
                + t.schoolState()
                + " WHERE school_id = ?"
                + suffix)) {
      ps.setString(1, schoolId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new SchoolState(
                schoolId,
                mode(rs.getString(1)),
                Tx.instant(rs, 2),
                nonNull(rs.getString(3)),
                rs.getBoolean(4),
                nonNull(rs.getString(5)),
                Tx.instant(rs, 6),
                rs.getString(7),
                rs.getBoolean(8)));
      }
    }
  }

  private static SchoolMode mode(@Nullable String name) {
    for (SchoolMode m : SchoolMode.values()) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    throw Codecs.unreadable("school state", "unknown school mode");
  }

  private static String nonNull(@Nullable String s) {
    // Oracle-style databases read '' back as NULL
    return s == null ? "" : s;
  }

  // ------------------------------------------------------------------ base snapshot

  Optional<MisSnapshot> base(String schoolId) {
    Optional<String> body =
        Tx.autoCommit(
            ds,
            "base snapshot of school " + schoolId,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT body FROM " + t.snapshotBase() + " WHERE school_id = ?")) {
                ps.setString(1, schoolId);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
              }
            });
    if (body.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(body.get());
    } catch (IllegalArgumentException e) {
      throw new SnapshotCodecException(
          "base snapshot of school " + schoolId + " is damaged: not base64");
    }
    return Optional.of(SnapshotCodec.decode(bytes));
  }

  void saveBase(String schoolId, MisSnapshot snapshot) {
    String body = Base64.getEncoder().encodeToString(SnapshotCodec.encode(snapshot));
    Instant at = snapshot.source().capturedAt();
    Tx.autoCommit(
        ds,
        "save base snapshot of school " + schoolId,
        c -> {
          // update, else insert, else (another writer inserted in between) update again; each
          // statement commits on its own, so a refused insert leaves no transaction aborted
          if (updateBase(c, schoolId, at, body) > 0) {
            return Boolean.TRUE;
          }
          try (PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO "
                      + t.snapshotBase()
                      + " (codec_version, captured_at, body, school_id) VALUES (?, ?, ?, ?)")) {
            bindBase(ins, schoolId, at, body);
            ins.executeUpdate();
          } catch (SQLException e) {
            if (!Tx.isUniqueViolation(e) || updateBase(c, schoolId, at, body) == 0) {
              throw e;
            }
          }
          return Boolean.TRUE;
        });
  }

  private int updateBase(Connection c, String schoolId, Instant at, String body)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + t.snapshotBase()
                + " SET codec_version = ?, captured_at = ?, body = ? WHERE school_id = ?")) {
      bindBase(ps, schoolId, at, body);
      return ps.executeUpdate();
    }
  }

  private static void bindBase(PreparedStatement ps, String schoolId, Instant at, String body)
      throws SQLException {
    ps.setInt(1, SnapshotCodec.VERSION);
    Tx.setInstant(ps, 2, at);
    ps.setString(3, body);
    ps.setString(4, schoolId);
  }

  void clearBase(String schoolId) {
    Tx.autoCommit(
        ds,
        "clear base snapshot of school " + schoolId,
        c -> {
          try (PreparedStatement del =
              c.prepareStatement("DELETE FROM " + t.snapshotBase() + " WHERE school_id = ?")) {
            del.setString(1, schoolId);
            return del.executeUpdate();
          }
        });
  }
}
