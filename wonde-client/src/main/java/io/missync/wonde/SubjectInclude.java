package io.missync.wonde;

/** Includes for subjects. */
public enum SubjectInclude implements Include {
  CLASSES("classes");

  private final String wireName;

  SubjectInclude(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
