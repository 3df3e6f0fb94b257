package io.missync.testkit.wonde;

import java.util.Objects;

/**
 * Which of the documented-but-uncertain wire shapes the simulator produces (see the Wonde API
 * reference §2.4, §2.8, §3, §4, §6). Immutable; change one aspect with the {@code with...} methods.
 */
public final class WireVariants {

  /** How a calendar date (date of birth, admission and leaving dates) is written. */
  public enum DateStyle {
    /**
     * {@code {"date":"2012-09-29 00:00:00.000000","timezone_type":3,"timezone":"Europe/London"}}.
     */
    DATETIME_OBJECT,
    /** {@code "2012-09-29"}. */
    DATE_STRING,
    /** {@code null}, as when the school has not approved the field. */
    NULL
  }

  /** How the relationship of a contact to a student is written. */
  public enum RelationshipStyle {
    /**
     * {@code {"relationship":"Mother","parental_responsibility":true,"priority":1,
     * "lives_with_pupil":true,"bill_payer":true,"court_order":false,"email_bills":true,
     * "copy_bills":false,"correspondence":true,"pupil_report":true}}.
     */
    OBJECT,
    /** {@code "Mother"}. */
    STRING
  }

  /** How a one-to-one include with no value (e.g. a student with no house) is written. */
  public enum NullInclude {
    /** {@code "house": {"data": null}}. */
    DATA_NULL,
    /** The key is left out. */
    ABSENT
  }

  private DateStyle dateOfBirth = DateStyle.DATETIME_OBJECT;
  private DateStyle educationDates = DateStyle.DATE_STRING;
  private RelationshipStyle relationship = RelationshipStyle.OBJECT;
  private NullInclude nullInclude = NullInclude.DATA_NULL;
  private boolean omitMetaForSmallLists = true;
  private boolean microseconds = true;
  private String leaverDeletionType = "student";
  private boolean paginationTotals;
  private boolean classYearFields;

  private WireVariants() {}

  private WireVariants copy() {
    WireVariants w = new WireVariants();
    w.dateOfBirth = dateOfBirth;
    w.educationDates = educationDates;
    w.relationship = relationship;
    w.nullInclude = nullInclude;
    w.omitMetaForSmallLists = omitMetaForSmallLists;
    w.microseconds = microseconds;
    w.leaverDeletionType = leaverDeletionType;
    w.paginationTotals = paginationTotals;
    w.classYearFields = classYearFields;
    return w;
  }

  /**
   * Defaults: DateTime-object dates of birth, plain-string admission/leaving dates, relationship
   * objects, {@code {"data": null}} for empty one-to-one includes, no {@code meta} on lists of 50
   * or fewer without {@code per_page}, timestamps with microseconds, leavers deleted as {@code
   * student}, no {@code total} or {@code last_page} in {@code meta.pagination}, classes without
   * {@code year_group} and with {@code academic_year} null (as real Wonde class objects are).
   */
  public static WireVariants defaults() {
    return new WireVariants();
  }

  public DateStyle dateOfBirth() {
    return dateOfBirth;
  }

  public DateStyle educationDates() {
    return educationDates;
  }

  public RelationshipStyle relationship() {
    return relationship;
  }

  public NullInclude nullInclude() {
    return nullInclude;
  }

  /** Whether a list of 50 or fewer items, requested without {@code per_page}, has no meta. */
  public boolean omitMetaForSmallLists() {
    return omitMetaForSmallLists;
  }

  /** Whether timestamps carry {@code .000000}; without, {@code "2022-01-28 15:45:10"}. */
  public boolean microseconds() {
    return microseconds;
  }

  /**
   * The {@code /deletions} type of a student who left ({@code student} by default; the docs also
   * hint at {@code student_leaver}). Other types are lower-case singular: {@code employee}, {@code
   * contact}, {@code group}, {@code class}, {@code subject}.
   */
  public String leaverDeletionType() {
    return leaverDeletionType;
  }

  /**
   * Whether {@code meta.pagination} also carries {@code total} (records in the whole list) and
   * {@code last_page}, Laravel-style. Wonde's documented pagination has neither (reference §4); off
   * by default, for testing clients that use them when present.
   */
  public boolean paginationTotals() {
    return paginationTotals;
  }

  /**
   * Whether class objects carry {@code year_group} and {@code academic_year} (the {@code
   * academic_year} as a bare year, e.g. {@code "2026"}). Real Wonde classes do not: {@code
   * year_group} is sent for SIMS schools only and {@code academic_year} is null or absent. Off by
   * default; then a class's year is its pupils' (see {@code SchoolWorld#toSnapshot}).
   */
  public boolean classYearFields() {
    return classYearFields;
  }

  public WireVariants withClassYearFields(boolean v) {
    WireVariants w = copy();
    w.classYearFields = v;
    return w;
  }

  public WireVariants withPaginationTotals(boolean v) {
    WireVariants w = copy();
    w.paginationTotals = v;
    return w;
  }

  public WireVariants withDateOfBirth(DateStyle v) {
    WireVariants w = copy();
    w.dateOfBirth = Objects.requireNonNull(v);
    return w;
  }

  public WireVariants withEducationDates(DateStyle v) {
    WireVariants w = copy();
    w.educationDates = Objects.requireNonNull(v);
    return w;
  }

  public WireVariants withRelationship(RelationshipStyle v) {
    WireVariants w = copy();
    w.relationship = Objects.requireNonNull(v);
    return w;
  }

  public WireVariants withNullInclude(NullInclude v) {
    WireVariants w = copy();
    w.nullInclude = Objects.requireNonNull(v);
    return w;
  }

  public WireVariants withOmitMetaForSmallLists(boolean v) {
    WireVariants w = copy();
    w.omitMetaForSmallLists = v;
    return w;
  }

  public WireVariants withMicroseconds(boolean v) {
    WireVariants w = copy();
    w.microseconds = v;
    return w;
  }

  public WireVariants withLeaverDeletionType(String v) {
    if (v.isBlank()) {
      throw new IllegalArgumentException("blank deletion type");
    }
    WireVariants w = copy();
    w.leaverDeletionType = v;
    return w;
  }

  @Override
  public String toString() {
    return "WireVariants{dateOfBirth="
        + dateOfBirth
        + ", educationDates="
        + educationDates
        + ", relationship="
        + relationship
        + ", nullInclude="
        + nullInclude
        + ", omitMetaForSmallLists="
        + omitMetaForSmallLists
        + ", microseconds="
        + microseconds
        + ", leaverDeletionType="
        + leaverDeletionType
        + ", paginationTotals="
        + paginationTotals
        + ", classYearFields="
        + classYearFields
        + '}';
  }
}
