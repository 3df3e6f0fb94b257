package io.missync.core.model;

/** The role a person has in a group. */
public enum MembershipRole {
  /** A pupil in a class or group (or a member of staff in a staff group). */
  MEMBER,
  /** A teacher of a class or a tutor of a form. */
  TEACHER,
  /** The main teacher of a class. */
  MAIN_TEACHER
}
