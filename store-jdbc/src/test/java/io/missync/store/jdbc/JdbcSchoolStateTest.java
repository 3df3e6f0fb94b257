package io.missync.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.missync.core.codec.SnapshotCodecException;
import io.missync.core.model.MisSnapshot;
import io.missync.testkit.contract.SchoolStateContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the JDBC store does with a stored base snapshot it cannot read, on a real PostgreSQL. */
class JdbcSchoolStateTest {

  @Test
  void aDamagedOrFutureBaseIsATypedErrorNotAPartialSnapshot() throws SQLException {
    String schema = TestPostgres.newSchema();
    JdbcSyncStateStore store =
        JdbcSyncStateStore.builder(TestPostgres.dataSource()).schema(schema).build();
    String school = "school-" + UUID.randomUUID();
    MisSnapshot s = SchoolStateContract.awkwardSnapshot(school);
    store.saveSnapshotBase(school, s);
    String body = body(schema, school);
    byte[] bytes = Base64.getDecoder().decode(body);
    bytes[4] = 9; // a format version from the future
    setBody(schema, school, Base64.getEncoder().encodeToString(bytes));
    assertThrows(SnapshotCodecException.class, () -> store.snapshotBase(school));
    setBody(schema, school, body.substring(0, body.length() / 2));
    assertThrows(SnapshotCodecException.class, () -> store.snapshotBase(school));
    setBody(schema, school, "%%%");
    assertThrows(SnapshotCodecException.class, () -> store.snapshotBase(school));
    store.saveSnapshotBase(school, s);
    SchoolStateContract.assertSameBase(s, store.snapshotBase(school).orElseThrow());
  }

  private static String body(String schema, String school) throws SQLException {
    try (Connection c = TestPostgres.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT body FROM " + schema + ".missync_snapshot_base WHERE school_id = ?")) {
      ps.setString(1, school);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static void setBody(String schema, String school, String body) throws SQLException {
    try (Connection c = TestPostgres.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE " + schema + ".missync_snapshot_base SET body = ? WHERE school_id = ?")) {
      ps.setString(1, body);
      ps.setString(2, school);
      assertEquals(1, ps.executeUpdate());
    }
  }
}
