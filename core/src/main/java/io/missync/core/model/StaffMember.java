package io.missync.core.model;

import io.missync.core.EntityType;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A member of staff. Staff have no UPN: after an MIS migration they are re-matched by email, then
 * by name. The employment end date makes a leaver once it has passed.
 *
 * <p>Rules: the employment end date is not before the start date.
 */
public final class StaffMember extends Person {
  private final @Nullable String staffCode;
  private final @Nullable String jobTitle;
  private final boolean teaching;
  private final int employmentStart;
  private final int employmentEnd;

  private StaffMember(Builder b) {
    super(b);
    this.staffCode = Checks.trimToNull(b.staffCode);
    this.jobTitle = Checks.trimToNull(b.jobTitle);
    this.teaching = b.teaching;
    this.employmentStart = Checks.epochDay(b.employmentStart);
    this.employmentEnd = Checks.epochDay(b.employmentEnd);
    Checks.notBefore(
        "StaffMember", "employmentEnd", employmentEnd, "employmentStart", employmentStart);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  @Override
  public EntityType entityType() {
    return EntityType.STAFF;
  }

  /** The school's short code for the member of staff (initials on the timetable). */
  public Optional<String> staffCode() {
    return Optional.ofNullable(staffCode);
  }

  public Optional<String> jobTitle() {
    return Optional.ofNullable(jobTitle);
  }

  /** True for teaching staff. */
  public boolean teaching() {
    return teaching;
  }

  public Optional<LocalDate> employmentStart() {
    return Checks.date(employmentStart);
  }

  /** The last day of employment; a leaver once this date has passed. */
  public Optional<LocalDate> employmentEnd() {
    return Checks.date(employmentEnd);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof StaffMember s) || !super.equals(o)) {
      return false;
    }
    return Objects.equals(staffCode, s.staffCode)
        && Objects.equals(jobTitle, s.jobTitle)
        && teaching == s.teaching
        && employmentStart == s.employmentStart
        && employmentEnd == s.employmentEnd;
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  /** Builds a {@link StaffMember}. */
  public static final class Builder extends Person.Builder<StaffMember, Builder> {
    private @Nullable String staffCode;
    private @Nullable String jobTitle;
    private boolean teaching;
    private @Nullable LocalDate employmentStart;
    private @Nullable LocalDate employmentEnd;

    Builder() {}

    Builder(StaffMember s) {
      super(s);
      staffCode = s.staffCode;
      jobTitle = s.jobTitle;
      teaching = s.teaching;
      employmentStart = s.employmentStart().orElse(null);
      employmentEnd = s.employmentEnd().orElse(null);
    }

    @Override
    Builder self() {
      return this;
    }

    public Builder staffCode(@Nullable String staffCode) {
      this.staffCode = staffCode;
      return this;
    }

    public Builder jobTitle(@Nullable String jobTitle) {
      this.jobTitle = jobTitle;
      return this;
    }

    public Builder teaching(boolean teaching) {
      this.teaching = teaching;
      return this;
    }

    public Builder employmentStart(@Nullable LocalDate employmentStart) {
      this.employmentStart = employmentStart;
      return this;
    }

    public Builder employmentEnd(@Nullable LocalDate employmentEnd) {
      this.employmentEnd = employmentEnd;
      return this;
    }

    @Override
    public StaffMember build() {
      return new StaffMember(this);
    }
  }
}
