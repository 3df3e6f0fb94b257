package io.missync.wonde;

/** Record types that the counts endpoint can count. */
public enum CountType implements Include {
  STUDENTS("students"),
  STUDENTS_LEAVER("students_leaver"),
  STUDENTS_PRE_ADMISSION("students_pre_admission"),
  EMPLOYEES("employees"),
  CONTACTS("contacts"),
  GROUPS("groups"),
  CLASSES("classes"),
  SUBJECTS("subjects");

  private final String wireName;

  CountType(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
