package io.missync.wonde;

/** Includes for students, leavers and pre-admissions. */
public enum StudentInclude implements Include {
  EDUCATION_DETAILS("education_details"),
  CONTACT_DETAILS("contact_details"),
  EXTENDED_DETAILS("extended_details"),
  YEAR("year"),
  REGISTRATION("registration"),
  HOUSE("house"),
  BOARDING("boarding"),
  CAMPUS("campus"),
  CLASSES("classes"),
  CLASSES_SUBJECT("classes.subject"),
  CLASSES_EMPLOYEES("classes.employees"),
  GROUPS("groups"),
  CONTACTS("contacts"),
  CONTACTS_CONTACT_DETAILS("contacts.contact_details"),
  IDENTIFIERS("identifiers");

  private final String wireName;

  StudentInclude(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
