package io.missync.core;

/**
 * The kinds of record a snapshot holds and a plan changes. This is missync's own vocabulary, so a
 * closed enum: the MIS's strings never land here.
 */
public enum EntityType {
  STUDENT,
  STAFF,
  CONTACT,
  GROUP,
  MEMBERSHIP,
  GUARDIAN_LINK;

  /** True for the three kinds of person (students, staff, contacts). */
  public boolean isPerson() {
    return this == STUDENT || this == STAFF || this == CONTACT;
  }
}
