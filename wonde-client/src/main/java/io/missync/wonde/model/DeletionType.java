package io.missync.wonde.model;

import java.util.Map;
import java.util.Optional;

/**
 * Type of record in Wonde's deletions feed (lower-case singular on the wire; inferred).
 *
 * <p>An open value: known values are constants, any other string is kept as sent. {@link #value()}
 * keeps the wire spelling; {@code equals} ignores case and surrounding blanks, so {@code
 * of("female")} equals {@code FEMALE}.
 */
public final class DeletionType extends WireValue {
  public static final DeletionType STUDENT = new DeletionType("student", true);
  public static final DeletionType STUDENT_PRE_ADMISSION =
      new DeletionType("student_pre_admission", true);
  public static final DeletionType STUDENT_LEAVER = new DeletionType("student_leaver", true);
  public static final DeletionType CONTACT = new DeletionType("contact", true);
  public static final DeletionType EMPLOYEE = new DeletionType("employee", true);
  public static final DeletionType GROUP = new DeletionType("group", true);
  public static final DeletionType CLASS = new DeletionType("class", true);
  public static final DeletionType SUBJECT = new DeletionType("subject", true);

  private static final Map<String, DeletionType> KNOWN =
      known(
          STUDENT, STUDENT_PRE_ADMISSION, STUDENT_LEAVER, CONTACT, EMPLOYEE, GROUP, CLASS, SUBJECT);

  private DeletionType(String value, boolean known) {
    super(value, known);
  }

  /** The value as sent; equal to the matching constant when it names a known value. */
  public static DeletionType of(String value) {
    return lookup(KNOWN, value, DeletionType::new);
  }

  static Optional<DeletionType> ofNullable(Optional<String> value) {
    return value.map(DeletionType::of);
  }
}
