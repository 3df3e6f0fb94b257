package io.missync.core.model;

import io.missync.core.EntityType;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A pupil. Adds the UPN (and former UPN) used to re-match after an MIS migration, the year group as
 * the MIS labels it (policy maps labels such as {@code "Yr6"} to the product's), and the admission
 * and leaving dates that drive joiners and leavers.
 *
 * <p>Rules: a UPN is 13 characters, a letter, 11 digits and a digit or letter (stored upper case);
 * the leaving date is not before the admission date.
 */
public final class Student extends Person {
  private final @Nullable String upn;
  private final @Nullable String formerUpn;
  private final @Nullable String yearGroup;
  private final @Nullable String admissionNumber;
  private final int admissionDate;
  private final int leavingDate;

  private Student(Builder b) {
    super(b);
    this.upn = Checks.upn("Student", "upn", b.upn);
    this.formerUpn = Checks.upn("Student", "formerUpn", b.formerUpn);
    this.yearGroup = Checks.trimToNull(b.yearGroup);
    this.admissionNumber = Checks.trimToNull(b.admissionNumber);
    this.admissionDate = Checks.epochDay(b.admissionDate);
    this.leavingDate = Checks.epochDay(b.leavingDate);
    Checks.notBefore("Student", "leavingDate", leavingDate, "admissionDate", admissionDate);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this student's values, to derive a changed copy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  @Override
  public EntityType entityType() {
    return EntityType.STUDENT;
  }

  /** The Unique Pupil Number, upper case; the strongest key for re-matching a student. */
  public Optional<String> upn() {
    return Optional.ofNullable(upn);
  }

  public Optional<String> formerUpn() {
    return Optional.ofNullable(formerUpn);
  }

  /** The year group as the MIS labels it ({@code "7"}, {@code "R"}, {@code "Year 7"}, ...). */
  public Optional<String> yearGroup() {
    return Optional.ofNullable(yearGroup);
  }

  public Optional<String> admissionNumber() {
    return Optional.ofNullable(admissionNumber);
  }

  public Optional<LocalDate> admissionDate() {
    return Checks.date(admissionDate);
  }

  /** The date the student left or will leave; a leaver once this date has passed. */
  public Optional<LocalDate> leavingDate() {
    return Checks.date(leavingDate);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Student s) || !super.equals(o)) {
      return false;
    }
    return Objects.equals(upn, s.upn)
        && Objects.equals(formerUpn, s.formerUpn)
        && Objects.equals(yearGroup, s.yearGroup)
        && Objects.equals(admissionNumber, s.admissionNumber)
        && admissionDate == s.admissionDate
        && leavingDate == s.leavingDate;
  }

  @Override
  public int hashCode() {
    return super.hashCode() * 31 + Objects.hashCode(upn);
  }

  /** Builds a {@link Student}. */
  public static final class Builder extends Person.Builder<Student, Builder> {
    private @Nullable String upn;
    private @Nullable String formerUpn;
    private @Nullable String yearGroup;
    private @Nullable String admissionNumber;
    private @Nullable LocalDate admissionDate;
    private @Nullable LocalDate leavingDate;

    Builder() {}

    Builder(Student s) {
      super(s);
      upn = s.upn;
      formerUpn = s.formerUpn;
      yearGroup = s.yearGroup;
      admissionNumber = s.admissionNumber;
      admissionDate = s.admissionDate().orElse(null);
      leavingDate = s.leavingDate().orElse(null);
    }

    @Override
    Builder self() {
      return this;
    }

    public Builder upn(@Nullable String upn) {
      this.upn = upn;
      return this;
    }

    public Builder formerUpn(@Nullable String formerUpn) {
      this.formerUpn = formerUpn;
      return this;
    }

    public Builder yearGroup(@Nullable String yearGroup) {
      this.yearGroup = yearGroup;
      return this;
    }

    public Builder admissionNumber(@Nullable String admissionNumber) {
      this.admissionNumber = admissionNumber;
      return this;
    }

    public Builder admissionDate(@Nullable LocalDate admissionDate) {
      this.admissionDate = admissionDate;
      return this;
    }

    public Builder leavingDate(@Nullable LocalDate leavingDate) {
      this.leavingDate = leavingDate;
      return this;
    }

    @Override
    public Student build() {
      return new Student(this);
    }
  }
}
