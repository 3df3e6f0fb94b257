package io.missync.wonde;

/** Includes for employees. */
public enum EmployeeInclude implements Include {
  EMPLOYMENT_DETAILS("employment_details"),
  CONTACT_DETAILS("contact_details"),
  EXTENDED_DETAILS("extended_details"),
  ROLES("roles"),
  CLASSES("classes"),
  CLASSES_SUBJECT("classes.subject"),
  GROUPS("groups"),
  CAMPUS("campus"),
  IDENTIFIERS("identifiers");

  private final String wireName;

  EmployeeInclude(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
