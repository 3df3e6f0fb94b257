package io.missync.wonde;

/** Includes for contacts. */
public enum ContactInclude implements Include {
  CONTACT_DETAILS("contact_details"),
  STUDENTS("students");

  private final String wireName;

  ContactInclude(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
