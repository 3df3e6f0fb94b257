package io.missync.wonde.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;

/**
 * Checks the shared secret an integrator puts in the webhook URL it registers with Wonde (Wonde
 * itself sends no signature). Comparison takes time independent of where the values differ and of
 * their lengths: both are hashed with SHA-256 and compared with {@link MessageDigest#isEqual}.
 */
public final class WebhookSecrets {
  private WebhookSecrets() {}

  /**
   * True when {@code provided} equals {@code expected}; null or empty {@code provided} is false.
   */
  public static boolean matches(String expected, @Nullable String provided) {
    if (expected.isEmpty()) {
      throw new IllegalArgumentException("expected secret must not be empty");
    }
    if (provided == null || provided.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(sha256(expected), sha256(provided));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
