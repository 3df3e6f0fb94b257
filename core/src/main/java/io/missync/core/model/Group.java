package io.missync.core.model;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A group the MIS defines: a year, a form, a class, a house, or another kind.
 *
 * <p>Rules: id and name are required; only a {@link GroupKind#CLASS} has a subject; the effective
 * end is not before the effective start. Effective dates let next year's groups be loaded early
 * without moving anyone before they start.
 */
public final class Group {
  private final String id;
  private final GroupKind kind;
  private final String name;
  private final @Nullable String code;
  private final @Nullable String misId;
  private final @Nullable String sourceType;
  private final @Nullable String subject;
  private final @Nullable String yearGroup;
  private final @Nullable String academicYear;
  private final int effectiveFrom;
  private final int effectiveTo;

  private Group(Builder b) {
    this.id = Checks.id("Group", "id", b.id);
    if (b.kind == null) {
      throw new InvalidRecordException("Group", "kind", "is required");
    }
    this.kind = b.kind;
    String n = Checks.trimToNull(b.name);
    if (n == null) {
      throw new InvalidRecordException("Group", "name", "is required and must not be blank");
    }
    this.name = n;
    this.code = Checks.trimToNull(b.code);
    this.misId = Checks.trimToNull(b.misId);
    this.sourceType = Checks.trimToNull(b.sourceType);
    this.subject = Checks.trimToNull(b.subject);
    if (subject != null && kind != GroupKind.CLASS) {
      throw new InvalidRecordException("Group", "subject", "is only allowed on a CLASS");
    }
    this.yearGroup = Checks.trimToNull(b.yearGroup);
    this.academicYear = Checks.trimToNull(b.academicYear);
    this.effectiveFrom = Checks.epochDay(b.effectiveFrom);
    this.effectiveTo = Checks.epochDay(b.effectiveTo);
    Checks.notBefore("Group", "effectiveTo", effectiveTo, "effectiveFrom", effectiveFrom);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.kind = kind;
    b.name = name;
    b.code = code;
    b.misId = misId;
    b.sourceType = sourceType;
    b.subject = subject;
    b.yearGroup = yearGroup;
    b.academicYear = academicYear;
    b.effectiveFrom = effectiveFrom().orElse(null);
    b.effectiveTo = effectiveTo().orElse(null);
    return b;
  }

  /** The source's primary key for the group; unique among groups in a snapshot. */
  public String id() {
    return id;
  }

  public GroupKind kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  public Optional<String> misId() {
    return Optional.ofNullable(misId);
  }

  /** The type string as the source sent it ({@code "REGISTRATION"}, {@code "MISC"}, ...). */
  public Optional<String> sourceType() {
    return Optional.ofNullable(sourceType);
  }

  /** The subject of a class (a name or the source's subject id). */
  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  /** The year group the group belongs to, where the source says. */
  public Optional<String> yearGroup() {
    return Optional.ofNullable(yearGroup);
  }

  /** The academic year the group belongs to ({@code "2026/2027"}), where the source says. */
  public Optional<String> academicYear() {
    return Optional.ofNullable(academicYear);
  }

  public Optional<LocalDate> effectiveFrom() {
    return Checks.date(effectiveFrom);
  }

  public Optional<LocalDate> effectiveTo() {
    return Checks.date(effectiveTo);
  }

  /** True when the group is in effect on the given day (no dates means always). */
  public boolean isEffectiveOn(LocalDate day) {
    long d = day.toEpochDay();
    return (effectiveFrom == Checks.NO_DATE || d >= effectiveFrom)
        && (effectiveTo == Checks.NO_DATE || d <= effectiveTo);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Group g
        && id.equals(g.id)
        && kind == g.kind
        && name.equals(g.name)
        && Objects.equals(code, g.code)
        && Objects.equals(misId, g.misId)
        && Objects.equals(sourceType, g.sourceType)
        && Objects.equals(subject, g.subject)
        && Objects.equals(yearGroup, g.yearGroup)
        && Objects.equals(academicYear, g.academicYear)
        && effectiveFrom == g.effectiveFrom
        && effectiveTo == g.effectiveTo;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, kind, name);
  }

  @Override
  public String toString() {
    return "Group[id=" + id + ", kind=" + kind + ", name=" + name + "]";
  }

  /** Builds a {@link Group}. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable GroupKind kind;
    private @Nullable String name;
    private @Nullable String code;
    private @Nullable String misId;
    private @Nullable String sourceType;
    private @Nullable String subject;
    private @Nullable String yearGroup;
    private @Nullable String academicYear;
    private @Nullable LocalDate effectiveFrom;
    private @Nullable LocalDate effectiveTo;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder kind(GroupKind kind) {
      this.kind = kind;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder code(@Nullable String code) {
      this.code = code;
      return this;
    }

    public Builder misId(@Nullable String misId) {
      this.misId = misId;
      return this;
    }

    public Builder sourceType(@Nullable String sourceType) {
      this.sourceType = sourceType;
      return this;
    }

    public Builder subject(@Nullable String subject) {
      this.subject = subject;
      return this;
    }

    public Builder yearGroup(@Nullable String yearGroup) {
      this.yearGroup = yearGroup;
      return this;
    }

    public Builder academicYear(@Nullable String academicYear) {
      this.academicYear = academicYear;
      return this;
    }

    public Builder effectiveFrom(@Nullable LocalDate effectiveFrom) {
      this.effectiveFrom = effectiveFrom;
      return this;
    }

    public Builder effectiveTo(@Nullable LocalDate effectiveTo) {
      this.effectiveTo = effectiveTo;
      return this;
    }

    /** Builds and validates; throws {@link InvalidRecordException} naming the broken rule. */
    public Group build() {
      return new Group(this);
    }
  }
}
