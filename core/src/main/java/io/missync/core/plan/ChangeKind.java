package io.missync.core.plan;

import io.missync.core.EntityType;

/** Every kind of {@link Change}, for statistics and thresholds. */
public enum ChangeKind {
  CREATE_ACCOUNT,
  UPDATE_ACCOUNT,
  MOVE_ACCOUNT,
  JOIN_GROUP,
  LEAVE_GROUP,
  DEACTIVATE_ACCOUNT,
  REACTIVATE_ACCOUNT,
  DELETE_ACCOUNT,
  REKEY_ACCOUNT,
  LINK_GUARDIAN,
  UNLINK_GUARDIAN,
  CREATE_GROUP,
  UPDATE_GROUP,
  ARCHIVE_GROUP;

  /** Whether a change of this kind can be counted against the entity type. */
  public boolean countsAgainst(EntityType type) {
    switch (this) {
      case CREATE_GROUP:
      case UPDATE_GROUP:
      case ARCHIVE_GROUP:
        return type == EntityType.GROUP;
      case LINK_GUARDIAN:
      case UNLINK_GUARDIAN:
        return type == EntityType.GUARDIAN_LINK;
      default:
        return type.isPerson();
    }
  }
}
