package io.missync.core.plan;

import io.missync.core.model.PersonRef;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The subject of an account change: the MIS person, and the product account where it already
 * exists. For an account created earlier in the same plan the account id is absent and the applier
 * resolves it from the link recorded when the create was applied.
 *
 * @param person the MIS person
 * @param accountId the product account, or null if not yet known
 */
public record AccountRef(PersonRef person, @Nullable String accountId) {
  public static AccountRef of(PersonRef person, String accountId) {
    return new AccountRef(person, accountId);
  }

  public static AccountRef pending(PersonRef person) {
    return new AccountRef(person, null);
  }

  public Optional<String> account() {
    return Optional.ofNullable(accountId);
  }

  @Override
  public String toString() {
    return person + (accountId == null ? "" : "->" + accountId);
  }
}
