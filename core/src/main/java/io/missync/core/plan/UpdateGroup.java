package io.missync.core.plan;

import io.missync.core.EntityType;
import io.missync.core.model.GroupKind;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Updates a product group's name, kind or subject to match the MIS.
 *
 * @param group the group
 * @param groupKind the kind of group
 * @param name the new name
 * @param subject the new subject, or null
 * @param reason why, with the old values as evidence
 */
public record UpdateGroup(
    GroupRef group, GroupKind groupKind, String name, @Nullable String subject, Reason reason)
    implements Change {
  public Optional<String> subjectName() {
    return Optional.ofNullable(subject);
  }

  @Override
  public ChangeKind kind() {
    return ChangeKind.UPDATE_GROUP;
  }

  @Override
  public EntityType entityType() {
    return EntityType.GROUP;
  }

  @Override
  public <R extends @Nullable Object> R accept(ChangeVisitor<R> visitor) {
    return visitor.updateGroup(this);
  }
}
