package io.missync.store.jdbc;

import io.missync.core.spi.TokenStore;
import io.missync.core.spi.TokenUnreadableException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TokenStore} in the same database as {@link JdbcSyncStateStore} (table {@code
 * school_token}), each token encrypted at rest with AES-GCM from the JDK.
 *
 * <pre>{@code
 * TokenStore tokens = JdbcTokenStore.builder(dataSource)
 *     .key("2026-01", currentKey)       // encrypts every write; a 128, 192 or 256-bit AES key
 *     .oldKey("2025-01", previousKey)   // still reads tokens written under it
 *     .build();
 * }</pre>
 *
 * <ul>
 *   <li>Every write draws a fresh random 96-bit nonce; the row keeps the nonce, the ciphertext with
 *       its 128-bit tag, and the id of the key. The school id and key id are bound to the
 *       ciphertext as associated data, so a row copied to another school does not decrypt.
 *   <li>Keys rotate: configure the new key with {@link Builder#key} and the old ones with {@link
 *       Builder#oldKey}; {@link #reencrypt()} rewrites the tokens still under an old key.
 *   <li>A token under a key id that is not configured, under the wrong key, or damaged is a {@link
 *       TokenUnreadableException} naming the school and key id, never an empty token.
 *   <li>Neither tokens nor keys appear in messages, logs or {@link #toString}.
 * </ul>
 */
public final class JdbcTokenStore implements TokenStore {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final DataSource ds;
  private final Tables t;
  private final Clock clock;
  private final String currentKeyId;
  private final Map<String, SecretKey> keys;
  private final SecureRandom random = new SecureRandom();

  private JdbcTokenStore(Builder b) {
    this.ds = b.ds;
    this.t = new Tables(b.schema, b.prefix);
    this.clock = b.clock;
    this.currentKeyId = Objects.requireNonNull(b.currentKeyId, "a current key is required: key()");
    this.keys = Map.copyOf(b.keys);
  }

  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** Builds a {@link JdbcTokenStore}; {@link #key} is required. */
  public static final class Builder {
    private final DataSource ds;
    private @Nullable String schema;
    private String prefix = "missync_";
    private Clock clock = Clock.systemUTC();
    private boolean migrate = true;
    private @Nullable String currentKeyId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();

    private Builder(DataSource ds) {
      this.ds = Objects.requireNonNull(ds, "dataSource");
    }

    /** The schema of the store's tables; as for {@link JdbcSyncStateStore.Builder#schema}. */
    public Builder schema(@Nullable String schema) {
      this.schema = schema;
      return this;
    }

    /** The table prefix; as for {@link JdbcSyncStateStore.Builder#tablePrefix}. */
    public Builder tablePrefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Whether {@link #build()} applies pending schema migrations (default true). */
    public Builder migrate(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /**
     * The key every write uses, and its id (kept with each token, so keys can rotate).
     *
     * @param keyId a name for the key, not secret (e.g. {@code "2026-01"}); at most 255 characters
     * @param key 16, 24 or 32 bytes of AES key; copied
     */
    public Builder key(String keyId, byte[] key) {
      keys.put(checkId(keyId), aes(key));
      currentKeyId = keyId;
      return this;
    }

    /** A key no longer written with, still read with (tokens written before a rotation). */
    public Builder oldKey(String keyId, byte[] key) {
      keys.put(checkId(keyId), aes(key));
      return this;
    }

    private static String checkId(String keyId) {
      if (keyId.isBlank() || keyId.length() > 255) {
        throw new IllegalArgumentException("key id must be 1 to 255 characters, not blank");
      }
      return keyId;
    }

    private static SecretKey aes(byte[] key) {
      if (key.length != 16 && key.length != 24 && key.length != 32) {
        throw new IllegalArgumentException("an AES key is 16, 24 or 32 bytes");
      }
      return new SecretKeySpec(key.clone(), "AES");
    }

    /**
     * Builds the store, migrating the schema first if so configured.
     *
     * @throws IllegalStateException if no {@link #key} was given
     */
    public JdbcTokenStore build() {
      if (currentKeyId == null) {
        throw new IllegalStateException("JdbcTokenStore needs a key: call key(id, bytes)");
      }
      JdbcTokenStore store = new JdbcTokenStore(this);
      if (migrate) {
        new SchemaMigrator(store.t).migrate(ds);
      }
      return store;
    }
  }

  @Override
  public Optional<String> token(String schoolId) {
    Optional<String[]> row =
        Tx.autoCommit(
            ds,
            "token of school " + schoolId,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT key_id, sealed FROM " + t.token() + " WHERE school_id = ?")) {
                ps.setString(1, schoolId);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next()
                      ? Optional.of(new String[] {rs.getString(1), rs.getString(2)})
                      : Optional.<String[]>empty();
                }
              }
            });
    return row.map(r -> open(schoolId, r[0], r[1]));
  }

  @Override
  public void saveToken(String schoolId, String token) {
    if (token.isBlank()) {
      throw new IllegalArgumentException("token must not be blank");
    }
    String sealed = seal(schoolId, currentKeyId, token);
    Instant now = clock.instant();
    Tx.autoCommit(
        ds,
        "save token of school " + schoolId,
        c -> {
          if (update(c, schoolId, sealed, now) > 0) {
            return Boolean.TRUE;
          }
          try (PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO "
                      + t.token()
                      + " (key_id, sealed, updated_at, school_id) VALUES (?, ?, ?, ?)")) {
            bind(ins, schoolId, sealed, now);
            ins.executeUpdate();
          } catch (SQLException e) {
            if (!Tx.isUniqueViolation(e) || update(c, schoolId, sealed, now) == 0) {
              throw e;
            }
          }
          return Boolean.TRUE;
        });
  }

  private int update(Connection c, String schoolId, String sealed, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + t.token()
                + " SET key_id = ?, sealed = ?, updated_at = ? WHERE school_id = ?")) {
      bind(ps, schoolId, sealed, now);
      return ps.executeUpdate();
    }
  }

  private void bind(PreparedStatement ps, String schoolId, String sealed, Instant now)
      throws SQLException {
    ps.setString(1, currentKeyId);
    ps.setString(2, sealed);
    Tx.setInstant(ps, 3, now);
    ps.setString(4, schoolId);
  }

  @Override
  public boolean deleteToken(String schoolId) {
    return Tx.autoCommit(
        ds,
        "delete token of school " + schoolId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM " + t.token() + " WHERE school_id = ?")) {
            ps.setString(1, schoolId);
            return ps.executeUpdate() > 0;
          }
        });
  }

  /**
   * What {@link #reencrypt()} did.
   *
   * @param rewritten how many tokens were rewritten under the current key
   * @param unreadable the schools whose token could not be read (key not configured, wrong key,
   *     damaged), left as they were
   */
  public record Reencryption(int rewritten, List<String> unreadable) {
    public Reencryption {
      unreadable = List.copyOf(unreadable);
    }
  }

  /**
   * Rewrites every token not under the current key with the current key (after a rotation). A token
   * that cannot be read is left as it is and named in the result; the others are rewritten.
   */
  public Reencryption reencrypt() {
    List<String> schools =
        Tx.autoCommit(
            ds,
            "list tokens to re-encrypt",
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT school_id FROM " + t.token() + " WHERE key_id <> ? ORDER BY 1")) {
                ps.setString(1, currentKeyId);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    out.add(rs.getString(1));
                  }
                }
                return out;
              }
            });
    int n = 0;
    List<String> unreadable = new ArrayList<>();
    for (String school : schools) {
      Optional<String> token;
      try {
        token = token(school);
      } catch (TokenUnreadableException e) {
        unreadable.add(school);
        continue;
      }
      if (token.isPresent()) {
        saveToken(school, token.get());
        n++;
      }
    }
    return new Reencryption(n, unreadable);
  }

  private String seal(String schoolId, String keyId, String token) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          Objects.requireNonNull(keys.get(keyId)),
          new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad(schoolId, keyId));
      byte[] ct = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE_BYTES + ct.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(ct, 0, out, NONCE_BYTES, ct.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      // no message from the provider: it could only name the algorithm, and we know that
      throw new IllegalStateException("AES/GCM is required by every Java platform");
    }
  }

  private String open(String schoolId, @Nullable String keyId, @Nullable String sealed) {
    if (keyId == null || sealed == null) {
      throw new TokenUnreadableException(schoolId, "the stored row is incomplete");
    }
    SecretKey key = keys.get(keyId);
    if (key == null) {
      throw new TokenUnreadableException(
          schoolId, "it is encrypted with key id '" + keyId + "', which is not configured");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(sealed);
    } catch (IllegalArgumentException e) {
      throw new TokenUnreadableException(schoolId, "the stored value is damaged (not base64)");
    }
    if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new TokenUnreadableException(schoolId, "the stored value is damaged (too short)");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
      cipher.updateAAD(aad(schoolId, keyId));
      byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new TokenUnreadableException(
          schoolId,
          "it does not decrypt with key id '"
              + keyId
              + "' (a different key under that id, or a damaged or moved row)");
    } catch (GeneralSecurityException e) {
      throw new TokenUnreadableException(
          schoolId, "decryption failed (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static byte[] aad(String schoolId, String keyId) {
    return ("missync.token\u0000" + schoolId + "\u0000" + keyId).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "JdbcTokenStore[" + t.qualifiedPrefix() + ", key id " + currentKeyId + "]";
  }
}
