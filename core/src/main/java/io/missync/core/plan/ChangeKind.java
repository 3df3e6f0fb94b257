package io.missync.core.plan;

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
  ARCHIVE_GROUP
}
