package io.missync.core.state;

/** The account fields missync manages and reports in an update's field diffs. */
public enum AccountField {
  FORENAME,
  SURNAME,
  LEGAL_FORENAME,
  LEGAL_SURNAME,
  MIDDLE_NAMES,
  TITLE,
  EMAIL,
  DATE_OF_BIRTH,
  GENDER,
  YEAR_GROUP,
  UPN,
  STAFF_CODE,
  JOB_TITLE,
  PHONE,
  USERNAME
}
