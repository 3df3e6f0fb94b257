package io.missync.core.model;

import io.missync.core.EntityType;

/**
 * A data problem found while building a snapshot that did not stop it being built: a reference to
 * an id that is not there, or a repeated membership or link. The message names ids only.
 *
 * @param kind what went wrong
 * @param entityType the type of the record with the problem
 * @param recordKey the record's key (a membership or link key, or an id)
 * @param message a readable description naming ids, never personal data
 */
public record SnapshotProblem(Kind kind, EntityType entityType, String recordKey, String message) {

  /** The kinds of snapshot problem. */
  public enum Kind {
    /** A membership names a group that is not in the snapshot. */
    MEMBERSHIP_UNKNOWN_GROUP,
    /** A membership names a person that is not in the snapshot. */
    MEMBERSHIP_UNKNOWN_PERSON,
    /** A guardian link names a contact that is not in the snapshot. */
    GUARDIAN_UNKNOWN_CONTACT,
    /** A guardian link names a student that is not in the snapshot. */
    GUARDIAN_UNKNOWN_STUDENT,
    /** The same membership (group, person, role) was given more than once; one was kept. */
    DUPLICATE_MEMBERSHIP,
    /** The same guardian link (contact, student) was given more than once; the first was kept. */
    DUPLICATE_GUARDIAN_LINK,
    /**
     * A contact says it is the same person as a member of staff who is not in the snapshot (or whom
     * another contact already names); it is read as a contact only.
     */
    CONTACT_UNKNOWN_STAFF
  }
}
