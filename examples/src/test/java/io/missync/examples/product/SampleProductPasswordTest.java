package io.missync.examples.product;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The sample product stores PBKDF2-HMAC-SHA256 hashes at 600,000 iterations, hashed off the
 * caller's thread.
 */
class SampleProductPasswordTest {

  @Test
  void theStoredHashIsPbkdf2Sha256At600kIterationsOfThePassword() throws Exception {
    try (SampleProduct product = new SampleProduct()) {
      SampleProduct.User u = product.createUser("student:S1", EntityType.STUDENT, "s.one", "S One");
      Secret password = Secret.of("correct-horse-7");
      product.setPassword(u, password);
      password.clear(); // the caller may wipe its copy at once
      assertTrue(u.hasPassword());
      assertTrue(product.awaitPasswords(Duration.ofSeconds(60)));
      String[] parts = u.passwordHash.split("\\$");
      assertEquals("pbkdf2-sha256", parts[0]);
      assertEquals(600_000, Integer.parseInt(parts[1]));
      assertTrue(SampleProduct.PBKDF2_ITERATIONS >= 600_000);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
              .generateSecret(new PBEKeySpec("correct-horse-7".toCharArray(), salt, 600_000, 256))
              .getEncoded();
      assertArrayEquals(expected, Base64.getDecoder().decode(parts[3]));
      assertEquals(1, product.passwordHashing().hashed());
    }
  }

  @Test
  void settingPasswordsDoesNotWaitForTheirHashes() throws Exception {
    try (SampleProduct product = new SampleProduct()) {
      List<SampleProduct.User> users = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < 2; i++) {
        SampleProduct.User u =
            product.createUser("student:S" + i, EntityType.STUDENT, "u" + i, "U " + i);
        product.setPassword(u, Secret.of("password-" + i));
        users.add(u);
      }
      Duration setting = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(product.awaitPasswords(Duration.ofSeconds(120)));
      Duration hashing = product.passwordHashing().cpu();
      assertEquals(2, product.passwordHashing().hashed());
      assertTrue(
          setting.multipliedBy(2).compareTo(hashing) < 0,
          "setting took " + setting + ", hashing " + hashing);
      users.forEach(u -> assertTrue(u.passwordHash != null));
    }
  }

  @Test
  void closingWipesWhatIsStillQueued() {
    SampleProduct product = new SampleProduct();
    List<SampleProduct.User> users = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      SampleProduct.User u = product.createUser("staff:T" + i, EntityType.STAFF, "t" + i, "T " + i);
      product.setPassword(u, Secret.of("password-" + i));
      users.add(u);
    }
    product.close();
    SampleProduct.PasswordHashing h = product.passwordHashing();
    assertEquals(0, h.queued());
    assertTrue(h.hashed() < 20, "20 hashes cannot have finished: " + h);
    assertFalse(users.get(19).hasPassword(), "a dropped password is not pending for ever");
  }
}
