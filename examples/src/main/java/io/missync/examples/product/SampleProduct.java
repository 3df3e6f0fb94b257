package io.missync.examples.product;

import io.missync.core.EntityType;
import io.missync.core.Secret;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
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
 * which parent sees which child. Passwords are kept only as salted PBKDF2-HMAC-SHA256 hashes at
 * {@value #PBKDF2_ITERATIONS} iterations, as a real product must, hashed on the product's own
 * thread so that a sync's apply thread does not wait for them. Thread-safe through its monitor;
 * {@link #close()} stops the hashing thread.
 */
public final class SampleProduct implements AutoCloseable {
  /** PBKDF2-HMAC-SHA256 iterations: OWASP's Password Storage Cheat Sheet asks for 600,000. */
  public static final int PBKDF2_ITERATIONS = 600_000;

  private final SecureRandom random = new SecureRandom();
  private final Hashing hashing = new Hashing();
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
    boolean passwordPending;
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

    /** True once a password was set, hashed or still waiting for the hashing thread. */
    public boolean hasPassword() {
      return passwordHash != null || passwordPending;
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

  /**
   * Stores a salted PBKDF2-HMAC-SHA256 hash of the password ({@value #PBKDF2_ITERATIONS}
   * iterations, OWASP's current figure for this algorithm); the plaintext is not kept once hashed.
   *
   * <p>Hashing costs about a fifth of a second of CPU per password, so it runs on the product's own
   * hashing thread, not on the caller's (the sync's apply thread): the caller's copy of the
   * password may be wiped as soon as this returns. Until its hash is stored the user has a password
   * pending and cannot sign in with it.
   */
  synchronized void setPassword(User u, Secret password) {
    char[] copy = password.use(char[]::clone);
    u.passwordPending = true;
    hashing.submit(u, copy);
  }

  private synchronized void passwordHashed(User u, String hash) {
    u.passwordHash = hash;
    u.passwordPending = false;
  }

  /** Salted PBKDF2-HMAC-SHA256 of {@code chars}, as {@code pbkdf2-sha256$iterations$salt$hash}. */
  static String hash(char[] chars, SecureRandom random) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    PBEKeySpec spec = new PBEKeySpec(chars, salt, PBKDF2_ITERATIONS, 256);
    byte[] hash;
    try {
      hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2 unavailable", e);
    } finally {
      spec.clearPassword();
    }
    Base64.Encoder b64 = Base64.getEncoder();
    return "pbkdf2-sha256$"
        + PBKDF2_ITERATIONS
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + new String(b64.encode(hash), StandardCharsets.US_ASCII);
  }

  /** How far the product's password hashing has got. */
  public PasswordHashing passwordHashing() {
    return hashing.status();
  }

  /**
   * Waits up to {@code timeout} for every queued password to be hashed.
   *
   * @return true when none is left
   */
  public boolean awaitPasswords(Duration timeout) throws InterruptedException {
    return hashing.await(timeout);
  }

  /** Stops hashing; passwords still queued are wiped and their users keep no password. */
  @Override
  public void close() {
    List<User> dropped = hashing.close();
    synchronized (this) {
      dropped.forEach(u -> u.passwordPending = false);
    }
  }

  /**
   * The password hashing's progress.
   *
   * @param hashed passwords hashed so far
   * @param queued passwords waiting to be hashed
   * @param cpu the hashing thread's CPU time spent hashing
   */
  public record PasswordHashing(long hashed, long queued, Duration cpu) {}

  /** One daemon thread hashing passwords in the order they were set. */
  private final class Hashing {
    private final ArrayDeque<Map.Entry<User, char[]>> queue = new ArrayDeque<>();
    private long hashed;
    private long nanos;
    private boolean closed;
    private @Nullable Thread thread;

    synchronized void submit(User u, char[] chars) {
      if (closed) {
        Arrays.fill(chars, '\0');
        throw new IllegalStateException("the product is closed");
      }
      queue.add(Map.entry(u, chars));
      if (thread == null) {
        Thread t = new Thread(this::loop, "sample-product-password-hashing");
        t.setDaemon(true);
        thread = t;
        t.start();
      }
      notifyAll();
    }

    private void loop() {
      while (true) {
        Map.Entry<User, char[]> next;
        synchronized (this) {
          while (queue.isEmpty() && !closed) {
            try {
              wait();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
          if (closed) {
            return;
          }
          next = queue.peek();
        }
        long start = cpuNanos();
        String hash;
        try {
          hash = hash(next.getValue(), random);
        } finally {
          Arrays.fill(next.getValue(), '\0');
        }
        if (isClosed()) {
          return;
        }
        passwordHashed(next.getKey(), hash);
        synchronized (this) {
          queue.poll();
          hashed++;
          nanos += cpuNanos() - start;
          notifyAll();
        }
      }
    }

    /** The hashing thread's CPU time, or elapsed time where the JVM does not measure CPU time. */
    private long cpuNanos() {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      return threads.isCurrentThreadCpuTimeSupported()
          ? threads.getCurrentThreadCpuTime()
          : System.nanoTime();
    }

    private synchronized boolean isClosed() {
      return closed;
    }

    synchronized PasswordHashing status() {
      return new PasswordHashing(hashed, queue.size(), Duration.ofNanos(nanos));
    }

    synchronized boolean await(Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!queue.isEmpty() && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        wait(Math.max(1, left / 1_000_000));
      }
      return queue.isEmpty();
    }

    /** Stops the thread, wipes the queued passwords and returns their users. */
    synchronized List<User> close() {
      closed = true;
      List<User> dropped = new ArrayList<>();
      for (Map.Entry<User, char[]> e : queue) {
        Arrays.fill(e.getValue(), '\0');
        dropped.add(e.getKey());
      }
      queue.clear();
      notifyAll();
      return dropped;
    }
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
