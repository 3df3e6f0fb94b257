package io.missync.wonde;

import java.util.Optional;

/**
 * A school contact sent with a request for access, to speed up approval. Its {@code toString()}
 * shows no personal data.
 */
public record AccessContact(
    String firstName,
    String lastName,
    Optional<String> phoneNumber,
    Optional<String> emailAddress,
    Optional<String> notes) {

  public static AccessContact of(String firstName, String lastName, String emailAddress) {
    return new AccessContact(
        firstName, lastName, Optional.empty(), Optional.of(emailAddress), Optional.empty());
  }

  @Override
  public String toString() {
    return "AccessContact[redacted]";
  }
}
