package io.missync.core.plan;

import io.missync.core.EntityType;
import org.jspecify.annotations.Nullable;

/**
 * Deactivates an account: the person loses access in this run. Never a delete; see {@link
 * DeleteAccount} for the hard delete after a grace period.
 *
 * @param account the account (always an existing one)
 * @param reason why (left the source, leaving date passed, deleted in the source, ...)
 */
public record DeactivateAccount(AccountRef account, Reason reason) implements Change {

  @Override
  public ChangeKind kind() {
    return ChangeKind.DEACTIVATE_ACCOUNT;
  }

  @Override
  public EntityType entityType() {
    return account.person().type();
  }

  @Override
  public <R extends @Nullable Object> R accept(ChangeVisitor<R> visitor) {
    return visitor.deactivateAccount(this);
  }
}
