package io.missync.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.spi.TokenStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TokenStore}, for implementers to prove their store.
 *
 * <pre>{@code
 * class MyTokenStoreContractTest implements TokenStoreContract {
 *   public TokenStore newTokenStore() { return new MyTokenStore(...); }
 * }
 * }</pre>
 */
public interface TokenStoreContract {

  /** The store under test; may be shared between tests. */
  TokenStore newTokenStore();

  /** A school id no other test uses. */
  default String newSchoolId() {
    return "contract-" + UUID.randomUUID();
  }

  @Test
  default void aSchoolNeverSavedHasNoToken() {
    assertEquals(Optional.empty(), newTokenStore().token(newSchoolId()));
  }

  @Test
  default void theLastTokenSavedIsReturnedExactly() {
    TokenStore store = newTokenStore();
    String school = newSchoolId();
    store.saveToken(school, "first-token-0123456789abcdef");
    String token = "6a3f0e2b9c4d1e7f8a5b2c9d0e1f3a4b5c6d7e8f\u00e9\ud83d\ude00 ";
    store.saveToken(school, token);
    assertEquals(Optional.of(token), store.token(school));
  }

  @Test
  default void schoolsAreIndependent() {
    TokenStore store = newTokenStore();
    String a = newSchoolId();
    String b = newSchoolId();
    store.saveToken(a, "token-a");
    store.saveToken(b, "token-b");
    assertEquals(Optional.of("token-a"), store.token(a));
    assertEquals(Optional.of("token-b"), store.token(b));
    assertTrue(store.deleteToken(a));
    assertEquals(Optional.empty(), store.token(a));
    assertEquals(Optional.of("token-b"), store.token(b));
  }

  @Test
  default void deletingATokenThatIsNotThereSaysSo() {
    TokenStore store = newTokenStore();
    String school = newSchoolId();
    assertFalse(store.deleteToken(school));
    store.saveToken(school, "t");
    assertTrue(store.deleteToken(school));
    assertFalse(store.deleteToken(school));
  }

  @Test
  default void aBlankTokenIsRefused() {
    TokenStore store = newTokenStore();
    String school = newSchoolId();
    assertThrows(IllegalArgumentException.class, () -> store.saveToken(school, " "));
    assertEquals(Optional.empty(), store.token(school));
  }

  @Test
  default void theStoreNeverPrintsATokenItHolds() {
    TokenStore store = newTokenStore();
    String school = newSchoolId();
    store.saveToken(school, "secret-token-do-not-print");
    assertFalse(store.toString().contains("secret-token-do-not-print"));
  }

  @Test
  default void concurrentSavesOfManySchoolsKeepEachSchoolsToken() throws Exception {
    TokenStore store = newTokenStore();
    List<String> schools = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      schools.add(newSchoolId());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (String school : schools) {
        done.add(
            pool.submit(
                () -> {
                  store.saveToken(school, "old-" + school);
                  store.saveToken(school, "tok-" + school);
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (String school : schools) {
      assertEquals(Optional.of("tok-" + school), store.token(school));
    }
  }
}
