package io.missync.core.store;

import io.missync.core.spi.TokenStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link TokenStore} in memory, for tests, demos and products that keep tokens in their own
 * secret store. Thread-safe. Tokens are held as plain strings in this process's memory only; {@link
 * #toString} shows how many, never which.
 */
public final class InMemoryTokenStore implements TokenStore {
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  @Override
  public Optional<String> token(String schoolId) {
    return Optional.ofNullable(tokens.get(schoolId));
  }

  @Override
  public void saveToken(String schoolId, String token) {
    if (token.isBlank()) {
      throw new IllegalArgumentException("token must not be blank");
    }
    tokens.put(schoolId, token);
  }

  @Override
  public boolean deleteToken(String schoolId) {
    return tokens.remove(schoolId) != null;
  }

  @Override
  public String toString() {
    return "InMemoryTokenStore[" + tokens.size() + " tokens redacted]";
  }
}
