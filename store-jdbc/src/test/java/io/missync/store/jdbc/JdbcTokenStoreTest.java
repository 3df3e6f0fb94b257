package io.missync.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.spi.TokenStore;
import io.missync.core.spi.TokenUnreadableException;
import io.missync.testkit.contract.TokenStoreContract;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.junit.jupiter.api.Test;

/**
 * The JDBC token store keeps the {@link TokenStoreContract} on a real PostgreSQL, encrypts at rest,
 * and refuses a wrong or missing key with a typed error that names neither token nor key.
 */
@AddLifecycleHook(PostgresAvailable.class)
class JdbcTokenStoreTest implements TokenStoreContract {
  private static final byte[] KEY_A = bytes(32, 1);
  private static final byte[] KEY_B = bytes(32, 2);
  private static final String TOKEN = "wonde-token-3f9a0c11e2d84b7a9c";
  private static String schema;

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed * 31 + i * 7);
    }
    return b;
  }

  private static synchronized String schema() {
    if (schema == null) {
      schema = TestPostgres.newSchema();
    }
    return schema;
  }

  private static JdbcTokenStore.Builder store() {
    return JdbcTokenStore.builder(TestPostgres.dataSource()).schema(schema());
  }

  @Override
  public TokenStore newTokenStore() {
    return store().key("a", KEY_A).build();
  }

  private static String[] row(String school) throws SQLException {
    DataSource ds = TestPostgres.dataSource();
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT key_id, sealed FROM "
                    + schema()
                    + ".missync_school_token WHERE school_id = ?")) {
      ps.setString(1, school);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        return new String[] {rs.getString(1), rs.getString(2)};
      }
    }
  }

  private static void setRow(String school, String keyId, String sealed) throws SQLException {
    try (Connection c = TestPostgres.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE "
                    + schema()
                    + ".missync_school_token SET key_id = ?, sealed = ? WHERE school_id = ?")) {
      ps.setString(1, keyId);
      ps.setString(2, sealed);
      ps.setString(3, school);
      assertEquals(1, ps.executeUpdate());
    }
  }

  @Test
  void theTokenIsEncryptedAtRestWithAFreshNonceEachWrite() throws SQLException {
    TokenStore s = newTokenStore();
    String school = newSchoolId();
    s.saveToken(school, TOKEN);
    String[] first = row(school);
    assertEquals("a", first[0]);
    byte[] sealed = Base64.getDecoder().decode(first[1]);
    assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("wonde-token"));
    assertEquals(12 + TOKEN.length() + 16, sealed.length, "nonce + ciphertext + tag");
    s.saveToken(school, TOKEN);
    byte[] again = Base64.getDecoder().decode(row(school)[1]);
    assertFalse(Arrays.equals(Arrays.copyOf(sealed, 12), Arrays.copyOf(again, 12)), "a new nonce");
    assertNotEquals(first[1], row(school)[1]);
    assertEquals(Optional.of(TOKEN), s.token(school));
  }

  @Test
  void aWrongKeyUnderTheSameIdIsATypedErrorNeverAnEmptyToken() {
    String school = newSchoolId();
    newTokenStore().saveToken(school, TOKEN);
    JdbcTokenStore wrong = store().key("a", KEY_B).build();
    TokenUnreadableException e =
        assertThrows(TokenUnreadableException.class, () -> wrong.token(school));
    assertEquals(school, e.schoolId());
    assertTrue(e.getMessage().contains("'a'"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN));
  }

  @Test
  void aKeyIdThatIsNotConfiguredIsATypedError() {
    String school = newSchoolId();
    newTokenStore().saveToken(school, TOKEN);
    JdbcTokenStore other = store().key("b", KEY_B).build();
    TokenUnreadableException e =
        assertThrows(TokenUnreadableException.class, () -> other.token(school));
    assertTrue(e.getMessage().contains("not configured"), e.getMessage());
  }

  @Test
  void aRowMovedToAnotherSchoolOrDamagedDoesNotDecrypt() throws SQLException {
    TokenStore s = newTokenStore();
    String a = newSchoolId();
    String b = newSchoolId();
    s.saveToken(a, TOKEN);
    s.saveToken(b, "token-of-b");
    String[] rowA = row(a);
    setRow(b, rowA[0], rowA[1]);
    assertThrows(TokenUnreadableException.class, () -> s.token(b));
    byte[] damaged = Base64.getDecoder().decode(rowA[1]);
    damaged[damaged.length - 1] ^= 1;
    setRow(a, "a", Base64.getEncoder().encodeToString(damaged));
    assertThrows(TokenUnreadableException.class, () -> s.token(a));
    setRow(a, "a", "not base64 !");
    assertThrows(TokenUnreadableException.class, () -> s.token(a));
    // a rotation leaves the unreadable row as it is and names it
    JdbcTokenStore.Reencryption r = store().key("c", KEY_B).oldKey("a", KEY_A).build().reencrypt();
    assertTrue(r.unreadable().contains(a));
    assertEquals("not base64 !", row(a)[1]);
  }

  @Test
  void keysRotateOldTokensStayReadableAndReencryptMovesThem() throws SQLException {
    String school = newSchoolId();
    newTokenStore().saveToken(school, TOKEN);
    JdbcTokenStore rotated = store().key("b", KEY_B).oldKey("a", KEY_A).build();
    assertEquals(Optional.of(TOKEN), rotated.token(school));
    JdbcTokenStore.Reencryption r = rotated.reencrypt();
    assertTrue(r.rewritten() >= 1);
    assertFalse(r.unreadable().contains(school));
    assertEquals("b", row(school)[0]);
    assertEquals(Optional.of(TOKEN), store().key("b", KEY_B).build().token(school));
    assertThrows(TokenUnreadableException.class, () -> newTokenStore().token(school));
  }

  @Test
  void keysAreCheckedAndNeverPrinted() {
    assertThrows(IllegalArgumentException.class, () -> store().key("a", new byte[15]));
    assertThrows(IllegalStateException.class, () -> store().build());
    JdbcTokenStore s = store().key("a", KEY_A).build();
    assertFalse(s.toString().contains(Base64.getEncoder().encodeToString(KEY_A)));
  }
}
