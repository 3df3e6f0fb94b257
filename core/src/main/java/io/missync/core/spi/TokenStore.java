package io.missync.core.spi;

import java.util.Optional;

/**
 * Keeps each school's Wonde token (from the {@code schoolApproved} webhook). Implementations keep
 * tokens secret: encrypted at rest where they persist, never in logs, {@code toString} or exception
 * messages.
 *
 * <p>Contract (proved by {@code TokenStoreContract} in missync-testkit):
 *
 * <ul>
 *   <li>{@link #token} of a school never saved, or deleted, is empty.
 *   <li>{@link #token} returns exactly the last token saved for the school; schools are
 *       independent.
 *   <li>A token that cannot be read back (a wrong or missing key, a damaged row) is a {@link
 *       TokenUnreadableException}, never an empty or altered token.
 *   <li>Implementations are safe for concurrent use.
 * </ul>
 */
public interface TokenStore {

  /** The school's token, if one is saved. */
  Optional<String> token(String schoolId);

  /**
   * Saves the school's token, replacing any earlier one.
   *
   * @throws IllegalArgumentException if the token is blank
   */
  void saveToken(String schoolId, String token);

  /** Forgets the school's token; returns whether there was one. */
  boolean deleteToken(String schoolId);
}
