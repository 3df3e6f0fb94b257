package io.missync.testkit.wonde;

/**
 * Which of the documented-but-uncertain wire shapes the simulator produces (see the Wonde API
 * reference §2.4, §3, §4, §6). Immutable; change one aspect with the {@code with...} methods.
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
     * "lives_with_pupil":true,"bill_payer":true}}.
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

  private final DateStyle dateOfBirth;
  private final DateStyle educationDates;
  private final RelationshipStyle relationship;
  private final NullInclude nullInclude;
  private final boolean omitMetaForSmallLists;
  private final boolean microseconds;

  private WireVariants(
      DateStyle dateOfBirth,
      DateStyle educationDates,
      RelationshipStyle relationship,
      NullInclude nullInclude,
      boolean omitMetaForSmallLists,
      boolean microseconds) {
    this.dateOfBirth = dateOfBirth;
    this.educationDates = educationDates;
    this.relationship = relationship;
    this.nullInclude = nullInclude;
    this.omitMetaForSmallLists = omitMetaForSmallLists;
    this.microseconds = microseconds;
  }

  /**
   * Defaults: DateTime-object dates of birth, plain-string admission/leaving dates, relationship
   * objects, {@code {"data": null}} for empty one-to-one includes, no {@code meta} on lists of 50
   * or fewer without {@code per_page}, timestamps with microseconds.
   */
  public static WireVariants defaults() {
    return new WireVariants(
        DateStyle.DATETIME_OBJECT,
        DateStyle.DATE_STRING,
        RelationshipStyle.OBJECT,
        NullInclude.DATA_NULL,
        true,
        true);
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

  public WireVariants withDateOfBirth(DateStyle v) {
    return new WireVariants(
        v, educationDates, relationship, nullInclude, omitMetaForSmallLists, microseconds);
  }

  public WireVariants withEducationDates(DateStyle v) {
    return new WireVariants(
        dateOfBirth, v, relationship, nullInclude, omitMetaForSmallLists, microseconds);
  }

  public WireVariants withRelationship(RelationshipStyle v) {
    return new WireVariants(
        dateOfBirth, educationDates, v, nullInclude, omitMetaForSmallLists, microseconds);
  }

  public WireVariants withNullInclude(NullInclude v) {
    return new WireVariants(
        dateOfBirth, educationDates, relationship, v, omitMetaForSmallLists, microseconds);
  }

  public WireVariants withOmitMetaForSmallLists(boolean v) {
    return new WireVariants(
        dateOfBirth, educationDates, relationship, nullInclude, v, microseconds);
  }

  public WireVariants withMicroseconds(boolean v) {
    return new WireVariants(
        dateOfBirth, educationDates, relationship, nullInclude, omitMetaForSmallLists, v);
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
        + '}';
  }
}
