package io.missync.core.plan;

import io.missync.core.EntityType;
import io.missync.core.model.GroupKind;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Creates a product group mirroring an MIS group.
 *
 * @param group the MIS group (no product id yet)
 * @param groupKind the kind of group
 * @param name the name
 * @param subject a class's subject, or null
 * @param reason why
 */
public record CreateGroup(
    GroupRef group, GroupKind groupKind, String name, @Nullable String subject, Reason reason)
    implements Change {
  public Optional<String> subjectName() {
    return Optional.ofNullable(subject);
  }

  @Override
  public ChangeKind kind() {
    return ChangeKind.CREATE_GROUP;
  }

  @Override
  public EntityType entityType() {
    return EntityType.GROUP;
  }

  @Override
  public <R extends @Nullable Object> R accept(ChangeVisitor<R> visitor) {
    return visitor.createGroup(this);
  }
}
