package io.missync.core.state;

import io.missync.core.EntityType;
import io.missync.core.MissyncException;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.PersonRef;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An account in the vendor's product, as missync knows it: the product's id, the MIS person it is
 * linked to (if any), whether it is active, its username, whether credentials were issued, the
 * managed field values last applied, and its memberships of product groups.
 *
 * <p>A {@linkplain #isProtected() protected} account is never changed by a sync (a headteacher's
 * admin account, say). Unlinked accounts are candidates for matching on a first sync.
 */
public final class Account {
  private final String accountId;
  private final EntityType kind;
  private final @Nullable PersonRef link;
  private final boolean active;
  private final @Nullable LocalDate deactivatedOn;
  private final @Nullable String username;
  private final boolean credentialsIssued;
  private final boolean protectedAccount;
  private final boolean suspended;
  private final Map<AccountField, String> fields;
  private final Map<String, MembershipRole> groups;

  private Account(Builder b) {
    if (b.accountId == null || b.accountId.isBlank()) {
      throw new MissyncException("Account.accountId is required and must not be blank");
    }
    if (!b.kind.isPerson()) {
      throw new MissyncException("Account.kind must be a person type");
    }
    if (b.link != null && b.link.type() != b.kind) {
      throw new MissyncException("Account.link must be of the account's kind");
    }
    this.accountId = b.accountId;
    this.kind = b.kind;
    this.link = b.link;
    this.active = b.active;
    this.deactivatedOn = b.active ? null : b.deactivatedOn;
    this.username = b.username;
    this.credentialsIssued = b.credentialsIssued;
    this.protectedAccount = b.protectedAccount;
    this.suspended = b.suspended;
    this.fields = b.fields.isEmpty() ? Map.of() : new EnumMap<>(b.fields);
    this.groups = b.groups.isEmpty() ? Map.of() : new LinkedHashMap<>(b.groups);
  }

  public static Builder builder(String accountId, EntityType kind) {
    return new Builder(accountId, kind);
  }

  public Builder toBuilder() {
    Builder b = new Builder(accountId, kind);
    b.link = link;
    b.active = active;
    b.deactivatedOn = deactivatedOn;
    b.username = username;
    b.credentialsIssued = credentialsIssued;
    b.protectedAccount = protectedAccount;
    b.suspended = suspended;
    b.fields.putAll(fields);
    b.groups.putAll(groups);
    return b;
  }

  /** The product's id for the account. */
  public String accountId() {
    return accountId;
  }

  /** STUDENT, STAFF or CONTACT. */
  public EntityType kind() {
    return kind;
  }

  /** The MIS person this account belongs to, if linked. */
  public Optional<PersonRef> link() {
    return Optional.ofNullable(link);
  }

  public boolean active() {
    return active;
  }

  /** When the account was deactivated, for inactive accounts (drives the hard-delete grace). */
  public Optional<LocalDate> deactivatedOn() {
    return Optional.ofNullable(deactivatedOn);
  }

  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** True once the product holds credentials for the account: they are never generated again. */
  public boolean credentialsIssued() {
    return credentialsIssued;
  }

  /** True for accounts a sync must never change. */
  public boolean isProtected() {
    return protectedAccount;
  }

  /**
   * True when an operator deactivated the account in an emergency (a same-day dismissal, a
   * safeguarding concern) ahead of the MIS. The planner respects it until the MIS agrees: it never
   * reactivates a suspended account, and a suspended account that is still active is deactivated
   * ({@code OPERATOR_SUSPENDED}). An operator lifts it; stores persist it with the account.
   */
  public boolean suspended() {
    return suspended;
  }

  /** The managed field values as last applied (unmodifiable). */
  public Map<AccountField, String> fields() {
    return java.util.Collections.unmodifiableMap(fields);
  }

  public Optional<String> field(AccountField f) {
    return Optional.ofNullable(fields.get(f));
  }

  /** Product group id to role, for the account's memberships (unmodifiable). */
  public Map<String, MembershipRole> groups() {
    return java.util.Collections.unmodifiableMap(groups);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Account a
        && accountId.equals(a.accountId)
        && kind == a.kind
        && Objects.equals(link, a.link)
        && active == a.active
        && Objects.equals(deactivatedOn, a.deactivatedOn)
        && Objects.equals(username, a.username)
        && credentialsIssued == a.credentialsIssued
        && protectedAccount == a.protectedAccount
        && suspended == a.suspended
        && fields.equals(a.fields)
        && groups.equals(a.groups);
  }

  @Override
  public int hashCode() {
    return accountId.hashCode();
  }

  /** Ids and flags only; never names or other personal data. */
  @Override
  public String toString() {
    return "Account["
        + accountId
        + ", "
        + kind
        + ", link="
        + link
        + ", active="
        + active
        + ", suspended="
        + suspended
        + "]";
  }

  /** Builds an {@link Account}. */
  public static final class Builder {
    private final String accountId;
    private final EntityType kind;
    private @Nullable PersonRef link;
    private boolean active = true;
    private @Nullable LocalDate deactivatedOn;
    private @Nullable String username;
    private boolean credentialsIssued;
    private boolean protectedAccount;
    private boolean suspended;
    private final EnumMap<AccountField, String> fields = new EnumMap<>(AccountField.class);
    private final LinkedHashMap<String, MembershipRole> groups = new LinkedHashMap<>();

    private Builder(String accountId, EntityType kind) {
      this.accountId = accountId;
      this.kind = kind;
    }

    public Builder link(@Nullable PersonRef link) {
      this.link = link;
      return this;
    }

    public Builder active(boolean active) {
      this.active = active;
      return this;
    }

    public Builder deactivatedOn(@Nullable LocalDate day) {
      this.deactivatedOn = day;
      return this;
    }

    public Builder username(@Nullable String username) {
      this.username = username;
      return this;
    }

    public Builder credentialsIssued(boolean issued) {
      this.credentialsIssued = issued;
      return this;
    }

    public Builder protectedAccount(boolean protectedAccount) {
      this.protectedAccount = protectedAccount;
      return this;
    }

    /** Marks the account as suspended by an operator (see {@link Account#suspended()}). */
    public Builder suspended(boolean suspended) {
      this.suspended = suspended;
      return this;
    }

    /** Sets a managed field; null or blank removes it. */
    public Builder field(AccountField f, @Nullable String value) {
      if (value == null || value.isBlank()) {
        fields.remove(f);
      } else {
        fields.put(f, value);
      }
      return this;
    }

    public Builder clearFields() {
      fields.clear();
      return this;
    }

    public Builder group(String productGroupId, MembershipRole role) {
      groups.put(productGroupId, role);
      return this;
    }

    public Builder removeGroup(String productGroupId) {
      groups.remove(productGroupId);
      return this;
    }

    public Account build() {
      return new Account(this);
    }
  }
}
