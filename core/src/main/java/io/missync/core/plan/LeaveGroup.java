package io.missync.core.plan;

import io.missync.core.EntityType;
import org.jspecify.annotations.Nullable;

/**
 * Removes an account from a group.
 *
 * @param account the account
 * @param group the group
 * @param reason why
 */
public record LeaveGroup(AccountRef account, GroupRef group, Reason reason) implements Change {

  @Override
  public ChangeKind kind() {
    return ChangeKind.LEAVE_GROUP;
  }

  @Override
  public EntityType entityType() {
    return account.person().type();
  }

  @Override
  public <R extends @Nullable Object> R accept(ChangeVisitor<R> visitor) {
    return visitor.leaveGroup(this);
  }
}
