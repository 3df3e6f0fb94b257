package io.missync.core.model;

import io.missync.core.EntityType;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A contact (parent, carer, guardian). How a contact relates to each student is on the {@link
 * GuardianLink}, not here: one contact can be linked to several students (siblings, across a MAT).
 */
public final class Contact extends Person {
  private final @Nullable String phone;

  private Contact(Builder b) {
    super(b);
    this.phone = Checks.trimToNull(b.phone);
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

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Contact c && super.equals(o) && Objects.equals(phone, c.phone);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  /** Builds a {@link Contact}. */
  public static final class Builder extends Person.Builder<Contact, Builder> {
    private @Nullable String phone;

    Builder() {}

    Builder(Contact c) {
      super(c);
      phone = c.phone;
    }

    @Override
    Builder self() {
      return this;
    }

    public Builder phone(@Nullable String phone) {
      this.phone = phone;
      return this;
    }

    @Override
    public Contact build() {
      return new Contact(this);
    }
  }
}
