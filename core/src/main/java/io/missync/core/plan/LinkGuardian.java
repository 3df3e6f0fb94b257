package io.missync.core.plan;

import io.missync.core.EntityType;
import io.missync.core.model.Relationship;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Links a contact's account to a student's account, or updates the facts of an existing link (a
 * relationship change relinks; it never duplicates).
 *
 * @param contact the contact
 * @param student the student
 * @param relationship the relationship
 * @param parentalResponsibility whether the contact holds parental responsibility
 * @param priority the contact priority, 0 when unknown
 * @param reason why
 */
public record LinkGuardian(
    AccountRef contact,
    AccountRef student,
    Relationship relationship,
    boolean parentalResponsibility,
    int priority,
    Reason reason)
    implements Change {
  public LinkGuardian {
    if (priority < 0) {
      throw new IllegalArgumentException("LinkGuardian.priority must be 0 (unknown) or more");
    }
  }

  public OptionalInt priorityIfKnown() {
    return priority == 0 ? OptionalInt.empty() : OptionalInt.of(priority);
  }

  @Override
  public ChangeKind kind() {
    return ChangeKind.LINK_GUARDIAN;
  }

  @Override
  public EntityType entityType() {
    return EntityType.GUARDIAN_LINK;
  }

  @Override
  public <R extends @Nullable Object> R accept(ChangeVisitor<R> visitor) {
    return visitor.linkGuardian(this);
  }
}
