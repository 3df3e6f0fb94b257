package io.missync.core.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A contact's link to a student: how they are related, whether they hold parental responsibility,
 * their priority (1 is first to call), whether the student lives with them, and whether a court
 * order restricts the contact's access to the student.
 *
 * <p>{@link #courtOrder()} is a safeguarding fact: the MIS records that a court order applies to
 * this contact and this student (a non-molestation, prohibited steps or similar order). A sync must
 * not give such a contact access to the student through the product; the planner's policy decides
 * (see {@code SyncPolicy}). Sources that do not say give {@code false}.
 *
 * <p>Rules: both ids are non-blank; a priority, when given, is at least 1. A link is identified by
 * (contact, student): a change of relationship is the same link with new facts, never a second one.
 */
public final class GuardianLink {
  private static final byte UNKNOWN = -1;
  private final String contactId;
  private final String studentId;
  private final Relationship relationship;
  private final boolean parentalResponsibility;
  private final int priority;
  private final byte livesWithPupil;
  private final boolean courtOrder;

  private GuardianLink(Builder b) {
    this.contactId = Checks.id("GuardianLink", "contactId", b.contactId);
    this.studentId = Checks.id("GuardianLink", "studentId", b.studentId);
    this.relationship = b.relationship;
    this.parentalResponsibility = b.parentalResponsibility;
    if (b.priority != 0 && b.priority < 1) {
      throw new InvalidRecordException("GuardianLink", "priority", "must be 1 or more");
    }
    this.priority = b.priority;
    this.livesWithPupil =
        b.livesWithPupil == null ? UNKNOWN : (byte) (b.livesWithPupil.booleanValue() ? 1 : 0);
    this.courtOrder = b.courtOrder;
  }

  private GuardianLink(GuardianLink l, String contactId, String studentId) {
    this.contactId = contactId;
    this.studentId = studentId;
    this.relationship = l.relationship;
    this.parentalResponsibility = l.parentalResponsibility;
    this.priority = l.priority;
    this.livesWithPupil = l.livesWithPupil;
    this.courtOrder = l.courtOrder;
  }

  /** The same link holding the given (equal) id instances, so a snapshot shares strings. */
  @SuppressWarnings("ReferenceEquality") // identity is the point: equal strings, shared instance
  GuardianLink withCanonicalIds(String canonicalContactId, String canonicalStudentId) {
    if (canonicalContactId == contactId && canonicalStudentId == studentId) {
      return this;
    }
    return new GuardianLink(this, canonicalContactId, canonicalStudentId);
  }

  public static Builder builder(String contactId, String studentId) {
    Builder b = new Builder();
    b.contactId = contactId;
    b.studentId = studentId;
    return b;
  }

  public Builder toBuilder() {
    Builder b = builder(contactId, studentId);
    b.relationship = relationship;
    b.parentalResponsibility = parentalResponsibility;
    b.priority = priority;
    b.livesWithPupil = livesWithPupil().orElse(null);
    b.courtOrder = courtOrder;
    return b;
  }

  public String contactId() {
    return contactId;
  }

  public String studentId() {
    return studentId;
  }

  public PersonRef contact() {
    return PersonRef.contact(contactId);
  }

  public PersonRef student() {
    return PersonRef.student(studentId);
  }

  /** The relationship; {@link Relationship#UNKNOWN} when the source gave none. */
  public Relationship relationship() {
    return relationship;
  }

  public boolean parentalResponsibility() {
    return parentalResponsibility;
  }

  /** The contact priority (1 first), if the source gives one. */
  public OptionalInt priority() {
    return priority == 0 ? OptionalInt.empty() : OptionalInt.of(priority);
  }

  public Optional<Boolean> livesWithPupil() {
    return livesWithPupil == UNKNOWN ? Optional.empty() : Optional.of(livesWithPupil == 1);
  }

  /**
   * True when the MIS records a court order on this link: the contact must not be given access to
   * the student (nor an account on the strength of this link). False when the source says there is
   * none or does not say.
   */
  public boolean courtOrder() {
    return courtOrder;
  }

  /** The identity of the link: contact and student. */
  public String key() {
    return contactId + "|" + studentId;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof GuardianLink g
        && contactId.equals(g.contactId)
        && studentId.equals(g.studentId)
        && relationship.equals(g.relationship)
        && parentalResponsibility == g.parentalResponsibility
        && priority == g.priority
        && livesWithPupil == g.livesWithPupil
        && courtOrder == g.courtOrder;
  }

  @Override
  public int hashCode() {
    return Objects.hash(contactId, studentId);
  }

  @Override
  public String toString() {
    return "GuardianLink[contact:" + contactId + " -> student:" + studentId + "]";
  }

  /** Builds a {@link GuardianLink}. */
  public static final class Builder {
    private @Nullable String contactId;
    private @Nullable String studentId;
    private Relationship relationship = Relationship.UNKNOWN;
    private boolean parentalResponsibility;
    private int priority;
    private @Nullable Boolean livesWithPupil;
    private boolean courtOrder;

    private Builder() {}

    public Builder relationship(@Nullable Relationship relationship) {
      this.relationship = relationship == null ? Relationship.UNKNOWN : relationship;
      return this;
    }

    public Builder parentalResponsibility(boolean parentalResponsibility) {
      this.parentalResponsibility = parentalResponsibility;
      return this;
    }

    /** Sets the priority; {@code null} means the source gave none. */
    public Builder priority(@Nullable Integer priority) {
      if (priority != null && priority < 1) {
        throw new InvalidRecordException("GuardianLink", "priority", "must be 1 or more");
      }
      this.priority = priority == null ? 0 : priority;
      return this;
    }

    public Builder livesWithPupil(@Nullable Boolean livesWithPupil) {
      this.livesWithPupil = livesWithPupil;
      return this;
    }

    /** Marks the link as under a court order (see {@link GuardianLink#courtOrder()}). */
    public Builder courtOrder(boolean courtOrder) {
      this.courtOrder = courtOrder;
      return this;
    }

    /** Builds and validates; throws {@link InvalidRecordException} naming the broken rule. */
    public GuardianLink build() {
      return new GuardianLink(this);
    }
  }
}
