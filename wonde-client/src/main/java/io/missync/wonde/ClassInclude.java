package io.missync.wonde;

/** Includes for classes. */
public enum ClassInclude implements Include {
  SUBJECT("subject"),
  STUDENTS("students"),
  EMPLOYEES("employees"),
  EMPLOYEES_EMPLOYMENT_DETAILS("employees.employment_details");

  private final String wireName;

  ClassInclude(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
