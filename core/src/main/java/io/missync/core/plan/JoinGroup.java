package io.missync.core.plan;

import io.missync.core.EntityType;
import io.missync.core.model.MembershipRole;
import org.jspecify.annotations.Nullable;

/**
 * Adds an account to a group with a role.
 *
 * @param account the account
 * @param group the group
 * @param role the role
 * @param reason why
 */
public record JoinGroup(AccountRef account, GroupRef group, MembershipRole role, Reason reason)
    implements Change {

  @Override
  public ChangeKind kind() {
    return ChangeKind.JOIN_GROUP;
  }

  @Override
  public EntityType entityType() {
    return account.person().type();
  }

  @Override
  public <R extends @Nullable Object> R accept(ChangeVisitor<R> visitor) {
    return visitor.joinGroup(this);
  }
}
