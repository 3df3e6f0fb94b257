package io.missync.core.model;

import io.missync.core.EntityType;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A contact (parent, carer, guardian). How a contact relates to each student is on the {@link
 * GuardianLink}, not here: one contact can be linked to several students (siblings, across a MAT).
 *
 * <p><b>A person with two roles.</b> A member of staff who is also a parent is, in the snapshot, a
 * {@link StaffMember} and a {@code Contact} that names it in {@link #staffId()}: one person, two
 * roles. Each record keeps its own facts (employment on the staff record, guardian links on the
 * contact); the planner's policy decides whether the person gets one account with both roles or one
 * account per role. A staff id that names no staff member in the snapshot is reported as a snapshot
 * problem and the contact is treated as a contact only.
 */
public final class Contact extends Person {
  private final @Nullable String phone;
  private final @Nullable String staffId;

  private Contact(Builder b) {
    super(b);
    this.phone = Checks.trimToNull(b.phone);
    this.staffId = Checks.trimToNull(b.staffId);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  @Override
  public EntityType entityType() {
    return EntityType.CONTACT;
  }

  /** The primary phone number, if the source gives one. */
  public Optional<String> phone() {
    return Optional.ofNullable(phone);
  }

  /**
   * The id of the {@link StaffMember} this contact is the same person as (a member of staff who is
   * also a parent or carer), if the source says so; empty for a contact who is not on the staff.
   */
  public Optional<String> staffId() {
    return Optional.ofNullable(staffId);
  }

  /** The reference of the staff record this contact is the same person as, if any. */
  public Optional<PersonRef> staffRef() {
    return staffId == null ? Optional.empty() : Optional.of(PersonRef.staff(staffId));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Contact c
        && super.equals(o)
        && Objects.equals(phone, c.phone)
        && Objects.equals(staffId, c.staffId);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  /** Builds a {@link Contact}. */
  public static final class Builder extends Person.Builder<Contact, Builder> {
    private @Nullable String phone;
    private @Nullable String staffId;

    Builder() {}

    Builder(Contact c) {
      super(c);
      phone = c.phone;
      staffId = c.staffId;
    }

    @Override
    Builder self() {
      return this;
    }

    public Builder phone(@Nullable String phone) {
      this.phone = phone;
      return this;
    }

    /**
     * The id of the staff record of the same person (a member of staff who is also a parent); null
     * for none.
     */
    public Builder staffId(@Nullable String staffId) {
      this.staffId = staffId;
      return this;
    }

    @Override
    public Contact build() {
      return new Contact(this);
    }
  }
}
