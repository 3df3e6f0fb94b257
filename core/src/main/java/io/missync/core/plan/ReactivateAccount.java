package io.missync.core.plan;

import io.missync.core.EntityType;
import org.jspecify.annotations.Nullable;

/**
 * Reactivates a deactivated account for a re-joiner: same account, never a duplicate.
 *
 * @param account the account
 * @param reason why
 */
public record ReactivateAccount(AccountRef account, Reason reason) implements Change {

  @Override
  public ChangeKind kind() {
    return ChangeKind.REACTIVATE_ACCOUNT;
  }

  @Override
  public EntityType entityType() {
    return account.person().type();
  }

  @Override
  public <R extends @Nullable Object> R accept(ChangeVisitor<R> visitor) {
    return visitor.reactivateAccount(this);
  }
}
