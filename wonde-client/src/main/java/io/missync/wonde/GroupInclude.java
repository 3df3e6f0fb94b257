package io.missync.wonde;

/** Includes for groups. */
public enum GroupInclude implements Include {
  STUDENTS("students"),
  EMPLOYEES("employees");

  private final String wireName;

  GroupInclude(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
