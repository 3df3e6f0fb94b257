package io.missync.core.plan;

import io.missync.core.EntityType;
import org.jspecify.annotations.Nullable;

/**
 * Archives a product group whose MIS group is gone.
 *
 * @param group the group
 * @param reason why
 */
public record ArchiveGroup(GroupRef group, Reason reason) implements Change {

  @Override
  public ChangeKind kind() {
    return ChangeKind.ARCHIVE_GROUP;
  }

  @Override
  public EntityType entityType() {
    return EntityType.GROUP;
  }

  @Override
  public <R extends @Nullable Object> R accept(ChangeVisitor<R> visitor) {
    return visitor.archiveGroup(this);
  }
}
