package io.missync.csv;

import io.missync.core.Secret;
import io.missync.core.model.PersonRef;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One new account's credentials, as the school hands them out.
 *
 * @param person the MIS person
 * @param displayName the name to print on the card
 * @param group where the card goes (a class or year group), or null
 * @param username the new username
 * @param initialPassword the initial password; it never prints in {@link #toString()}
 */
public record LoginCard(
    PersonRef person,
    String displayName,
    @Nullable String group,
    String username,
    Secret initialPassword) {

  public Optional<String> groupName() {
    return Optional.ofNullable(group);
  }

  /** Ids only: names, usernames and passwords never reach a log. */
  @Override
  public String toString() {
    return "LoginCard[" + person + "]";
  }
}
