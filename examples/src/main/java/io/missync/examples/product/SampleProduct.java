package io.missync.examples.product;

import io.missync.core.EntityType;
import io.missync.core.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The vendor's product, reduced to what a sync touches: users who can sign in or not, groups, and
 * which parent sees which child. Passwords are kept only as salted PBKDF2 hashes, as a real product
 * must. Thread-safe through its monitor.
 */
public final class SampleProduct {
  private final SecureRandom random = new SecureRandom();
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, ProductGroupRow> groups = new LinkedHashMap<>();
  private final Set<String> parentLinks = new LinkedHashSet<>();
  // the external key each row was created for, so that a retried create finds its row again
  private final Map<String, String> userByExternalKey = new LinkedHashMap<>();
  private final Map<String, String> groupByExternalKey = new LinkedHashMap<>();
  private int nextId = 1;

  /** A user row. Mutable: the product is the sink's to change. */
  public static final class User {
    final String id;
    final EntityType kind;
    String username;
    String displayName;
    boolean canSignIn = true;
    @Nullable String passwordHash;
    final Map<String, String> groupRoles = new LinkedHashMap<>();

    User(String id, EntityType kind, String username, String displayName) {
      this.id = id;
      this.kind = kind;
      this.username = username;
      this.displayName = displayName;
    }

    public String id() {
      return id;
    }

    public EntityType kind() {
      return kind;
    }

    public String username() {
      return username;
    }

    public boolean canSignIn() {
      return canSignIn;
    }

    public boolean hasPassword() {
      return passwordHash != null;
    }

    public Map<String, String> groupRoles() {
      return Map.copyOf(groupRoles);
    }
  }

  /** A group row. */
  public record ProductGroupRow(String id, String name, boolean archived) {}

  synchronized String newId(String prefix) {
    return prefix + "-" + nextId++;
  }

  /**
   * Creates the user for an external key (the MIS person), or returns the one already created for
   * it: a create retried after a crash must not make a second account.
   */
  synchronized User createUser(
      String externalKey, EntityType kind, String username, String displayName) {
    String existing = userByExternalKey.get(externalKey);
    if (existing != null && users.containsKey(existing)) {
      return users.get(existing);
    }
    User u = new User(newId("user"), kind, username, displayName);
    users.put(u.id, u);
    userByExternalKey.put(externalKey, u.id);
    return u;
  }

  synchronized Optional<User> user(String id) {
    return Optional.ofNullable(users.get(id));
  }

  synchronized void removeUser(String id) {
    users.remove(id);
  }

  /** Creates the group for an external key (the MIS group), or returns the one already made. */
  synchronized String createGroup(String externalKey, String name) {
    String existing = groupByExternalKey.get(externalKey);
    if (existing != null && groups.containsKey(existing)) {
      return existing;
    }
    String id = newId("group");
    groups.put(id, new ProductGroupRow(id, name, false));
    groupByExternalKey.put(externalKey, id);
    return id;
  }

  synchronized boolean updateGroup(String id, String name, boolean archived) {
    if (!groups.containsKey(id)) {
      return false;
    }
    groups.put(id, new ProductGroupRow(id, name, archived));
    return true;
  }

  synchronized void link(String parentUserId, String childUserId, boolean on) {
    String key = parentUserId + ">" + childUserId;
    if (on) {
      parentLinks.add(key);
    } else {
      parentLinks.remove(key);
    }
  }

  /** Stores a salted PBKDF2 hash of the password; the plaintext is not kept. */
  synchronized void setPassword(User u, Secret password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    byte[] hash =
        password.use(
            chars -> {
              try {
                PBEKeySpec spec = new PBEKeySpec(chars, salt, 60_000, 256);
                try {
                  return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                      .generateSecret(spec)
                      .getEncoded();
                } finally {
                  spec.clearPassword();
                }
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("PBKDF2 unavailable", e);
              }
            });
    Base64.Encoder b64 = Base64.getEncoder();
    u.passwordHash =
        "pbkdf2$"
            + b64.encodeToString(salt)
            + "$"
            + new String(b64.encode(hash), StandardCharsets.US_ASCII);
  }

  /** Every user, in creation order. */
  public synchronized List<User> users() {
    return new ArrayList<>(users.values());
  }

  /** Users who can sign in. */
  public synchronized long activeUsers(EntityType kind) {
    return users.values().stream().filter(u -> u.kind == kind && u.canSignIn).count();
  }

  public synchronized List<ProductGroupRow> groups() {
    return new ArrayList<>(groups.values());
  }

  public synchronized int parentLinkCount() {
    return parentLinks.size();
  }
}
