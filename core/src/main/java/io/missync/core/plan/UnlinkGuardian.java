package io.missync.core.plan;

import io.missync.core.EntityType;
import org.jspecify.annotations.Nullable;

/**
 * Removes the link between a contact's account and a student's account.
 *
 * @param contact the contact
 * @param student the student
 * @param reason why
 */
public record UnlinkGuardian(AccountRef contact, AccountRef student, Reason reason)
    implements Change {

  @Override
  public ChangeKind kind() {
    return ChangeKind.UNLINK_GUARDIAN;
  }

  @Override
  public EntityType entityType() {
    return EntityType.GUARDIAN_LINK;
  }

  @Override
  public <R extends @Nullable Object> R accept(ChangeVisitor<R> visitor) {
    return visitor.unlinkGuardian(this);
  }
}
