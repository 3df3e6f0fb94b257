package io.missync.core.plan;

import io.missync.core.EntityType;
import org.jspecify.annotations.Nullable;

/**
 * Deletes an account that has been deactivated for longer than its type's grace period.
 *
 * @param account the account
 * @param reason why
 */
public record DeleteAccount(AccountRef account, Reason reason) implements Change {

  @Override
  public ChangeKind kind() {
    return ChangeKind.DELETE_ACCOUNT;
  }

  @Override
  public EntityType entityType() {
    return account.person().type();
  }

  @Override
  public <R extends @Nullable Object> R accept(ChangeVisitor<R> visitor) {
    return visitor.deleteAccount(this);
  }
}
