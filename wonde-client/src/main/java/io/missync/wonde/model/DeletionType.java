package io.missync.wonde.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Type of record in Wonde's deletions feed (lower-case singular on the wire; inferred).
 *
 * <p>An open value: known values are constants, any other string is kept as sent. {@link #value()}
 * keeps the wire spelling; {@code equals} ignores case and surrounding blanks, so {@code
 * of("female")} equals {@code FEMALE}.
 */
public final class DeletionType {
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
      Map.ofEntries(
          Map.entry("student".toUpperCase(Locale.ROOT), STUDENT),
          Map.entry("student_pre_admission".toUpperCase(Locale.ROOT), STUDENT_PRE_ADMISSION),
          Map.entry("student_leaver".toUpperCase(Locale.ROOT), STUDENT_LEAVER),
          Map.entry("contact".toUpperCase(Locale.ROOT), CONTACT),
          Map.entry("employee".toUpperCase(Locale.ROOT), EMPLOYEE),
          Map.entry("group".toUpperCase(Locale.ROOT), GROUP),
          Map.entry("class".toUpperCase(Locale.ROOT), CLASS),
          Map.entry("subject".toUpperCase(Locale.ROOT), SUBJECT));

  private final String value;
  private final boolean known;

  private DeletionType(String value, boolean known) {
    this.value = value;
    this.known = known;
  }

  /** The value as sent; equal to the matching constant when it names a known value. */
  public static DeletionType of(String value) {
    DeletionType k = KNOWN.get(key(value));
    if (k != null && k.value.equals(value)) {
      return k;
    }
    return new DeletionType(value, k != null);
  }

  private static String key(String value) {
    return value.trim().toUpperCase(Locale.ROOT);
  }

  static Optional<DeletionType> ofNullable(Optional<String> value) {
    return value.map(DeletionType::of);
  }

  /** The value as sent on the wire. */
  public String value() {
    return value;
  }

  /** True when this is one of the constants. */
  public boolean isKnown() {
    return known;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof DeletionType && key(((DeletionType) o).value).equals(key(value));
  }

  @Override
  public int hashCode() {
    return key(value).hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
