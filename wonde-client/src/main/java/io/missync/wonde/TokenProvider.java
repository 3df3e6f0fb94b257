package io.missync.wonde;

import io.missync.core.spi.TokenStore;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Supplies Wonde tokens. Implementations may read them from a secret store; the client never logs
 * or prints them.
 */
@FunctionalInterface
public interface TokenProvider {
  /**
   * The token for calls about one school.
   *
   * @throws WondeException (or any unchecked exception) when no token is known for the school
   */
  String tokenForSchool(String schoolId);

  /**
   * The token for calls not about one school (lists of schools). Defaults to none; a multi-school
   * token provides one.
   */
  default Optional<String> accountToken() {
    return Optional.empty();
  }

  /** One token for every school and for account calls (a multi-school token). */
  static TokenProvider multiSchool(String token) {
    requireToken(token);
    return new TokenProvider() {
      @Override
      public String tokenForSchool(String schoolId) {
        return token;
      }

      @Override
      public Optional<String> accountToken() {
        return Optional.of(token);
      }

      @Override
      public String toString() {
        return "TokenProvider.multiSchool[token redacted]";
      }
    };
  }

  /** Per-school tokens (from schoolApproved webhooks); a copy of {@code tokens} is kept. */
  static TokenProvider perSchool(Map<String, String> tokens) {
    Map<String, String> copy = Map.copyOf(tokens);
    copy.values().forEach(TokenProvider::requireToken);
    return new TokenProvider() {
      @Override
      public String tokenForSchool(String schoolId) {
        String t = copy.get(schoolId);
        if (t == null) {
          throw new WondeException("No Wonde token configured for school " + schoolId);
        }
        return t;
      }

      @Override
      public String toString() {
        return "TokenProvider.perSchool[" + copy.size() + " tokens redacted]";
      }
    };
  }

  /**
   * Per-school tokens read from a {@link TokenStore} at every call, so a token saved by a new
   * {@code schoolApproved} webhook is used at once.
   *
   * @throws WondeException from {@link #tokenForSchool} when the store has no token for the school
   * @throws io.missync.core.spi.TokenUnreadableException when the stored token cannot be read
   */
  static TokenProvider from(TokenStore store) {
    Objects.requireNonNull(store, "store");
    return new TokenProvider() {
      @Override
      public String tokenForSchool(String schoolId) {
        return store
            .token(schoolId)
            .orElseThrow(() -> new WondeException("No Wonde token stored for school " + schoolId));
      }

      @Override
      public String toString() {
        return "TokenProvider.from[" + store + "]";
      }
    };
  }

  private static void requireToken(String token) {
    if (token.isBlank()) {
      throw new IllegalArgumentException("token must not be blank");
    }
  }
}
