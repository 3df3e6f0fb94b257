package io.missync.core.plan;

import io.missync.core.EntityType;
import io.missync.core.model.MembershipRole;
import org.jspecify.annotations.Nullable;

/**
 * Moves an account from one group to another of the same kind (a form move, a year-end year move).
 *
 * @param account the account
 * @param from the group left
 * @param to the group joined
 * @param role the role in the new group
 * @param reason why
 */
public record MoveAccount(
    AccountRef account, GroupRef from, GroupRef to, MembershipRole role, Reason reason)
    implements Change {

  @Override
  public ChangeKind kind() {
    return ChangeKind.MOVE_ACCOUNT;
  }

  @Override
  public EntityType entityType() {
    return account.person().type();
  }

  @Override
  public <R extends @Nullable Object> R accept(ChangeVisitor<R> visitor) {
    return visitor.moveAccount(this);
  }
}
