package io.missync.core.state;

import io.missync.core.MissyncException;
import io.missync.core.model.PersonRef;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the product has for one school, at one version: accounts, groups and guardian links. The
 * planner compares a snapshot against this; the {@link #version()} travels with the plan so that a
 * plan computed from a state that has since changed is refused at apply time.
 *
 * <p>Rules: account ids and group ids are unique; no two accounts link to the same MIS person; no
 * two groups link to the same MIS group.
 */
public final class TargetState {
  private final String schoolId;
  private final long version;
  private final List<Account> accounts;
  private final List<ProductGroup> groups;
  private final List<ProductGuardianLink> guardianLinks;
  private final Map<String, Account> byId;
  private final Map<PersonRef, Account> byLink;
  private final Map<String, ProductGroup> groupById;
  private final Map<String, ProductGroup> groupBySource;

  private TargetState(Builder b) {
    this.schoolId = b.schoolId;
    this.version = b.version;
    this.accounts = List.copyOf(b.accounts.values());
    this.groups = List.copyOf(b.groups.values());
    this.guardianLinks = List.copyOf(b.links.values());
    this.byId = b.accounts;
    this.byLink = new HashMap<>(accounts.size() * 2);
    for (Account a : accounts) {
      a.link()
          .ifPresent(
              l -> {
                if (byLink.putIfAbsent(l, a) != null) {
                  throw new MissyncException(
                      "TargetState: two accounts link to " + l + " (" + a.accountId() + ")");
                }
              });
    }
    this.groupById = b.groups;
    this.groupBySource = new HashMap<>();
    for (ProductGroup g : groups) {
      g.source()
          .ifPresent(
              s -> {
                if (groupBySource.putIfAbsent(s, g) != null) {
                  throw new MissyncException(
                      "TargetState: two groups link to MIS group " + s + " (" + g.groupId() + ")");
                }
              });
    }
  }

  /** An empty state at version 0. */
  public static TargetState empty(String schoolId) {
    return builder(schoolId, 0).build();
  }

  public static Builder builder(String schoolId, long version) {
    return new Builder(schoolId, version);
  }

  /** A builder holding this state, at the given new version. */
  public Builder toBuilder(long newVersion) {
    Builder b = new Builder(schoolId, newVersion);
    accounts.forEach(b::putAccount);
    groups.forEach(b::putGroup);
    guardianLinks.forEach(b::putGuardianLink);
    return b;
  }

  public String schoolId() {
    return schoolId;
  }

  /** Increases with every committed change; a plan records the version it was computed from. */
  public long version() {
    return version;
  }

  public List<Account> accounts() {
    return accounts;
  }

  public List<ProductGroup> groups() {
    return groups;
  }

  public List<ProductGuardianLink> guardianLinks() {
    return guardianLinks;
  }

  public Optional<Account> account(String accountId) {
    return Optional.ofNullable(byId.get(accountId));
  }

  /** The account linked to the MIS person, if any. */
  public Optional<Account> accountFor(PersonRef person) {
    return Optional.ofNullable(byLink.get(person));
  }

  public Optional<ProductGroup> group(String groupId) {
    return Optional.ofNullable(groupById.get(groupId));
  }

  /** The product group mirroring the MIS group, if any. */
  public Optional<ProductGroup> groupForSource(String sourceGroupId) {
    return Optional.ofNullable(groupBySource.get(sourceGroupId));
  }

  /** Applies an update, giving the state at {@code newVersion}. */
  public TargetState apply(StateUpdate update, long newVersion) {
    Builder b = toBuilder(newVersion);
    update.removedAccounts().forEach(b::removeAccount);
    update.accounts().forEach(b::putAccount);
    update.removedGroups().forEach(b::removeGroup);
    update.groups().forEach(b::putGroup);
    update.removedGuardianLinks().forEach(b::removeGuardianLink);
    update.guardianLinks().forEach(b::putGuardianLink);
    return b.build();
  }

  @Override
  public String toString() {
    return "TargetState[school="
        + schoolId
        + ", version="
        + version
        + ", accounts="
        + accounts.size()
        + ", groups="
        + groups.size()
        + ", links="
        + guardianLinks.size()
        + "]";
  }

  /** Builds a {@link TargetState}; {@code put*} adds or replaces by id. */
  public static final class Builder {
    private final String schoolId;
    private final long version;
    private final LinkedHashMap<String, Account> accounts = new LinkedHashMap<>();
    private final LinkedHashMap<String, ProductGroup> groups = new LinkedHashMap<>();
    private final LinkedHashMap<String, ProductGuardianLink> links = new LinkedHashMap<>();

    private Builder(String schoolId, long version) {
      if (version < 0) {
        throw new MissyncException("TargetState.version must not be negative");
      }
      this.schoolId = schoolId;
      this.version = version;
    }

    public Builder putAccount(Account a) {
      accounts.put(a.accountId(), a);
      return this;
    }

    public Builder putAccounts(Collection<Account> all) {
      all.forEach(this::putAccount);
      return this;
    }

    public Builder removeAccount(String accountId) {
      accounts.remove(accountId);
      return this;
    }

    public Builder putGroup(ProductGroup g) {
      groups.put(g.groupId(), g);
      return this;
    }

    public Builder removeGroup(String groupId) {
      groups.remove(groupId);
      return this;
    }

    public Builder putGuardianLink(ProductGuardianLink l) {
      links.put(l.key(), l);
      return this;
    }

    public Builder removeGuardianLink(String key) {
      links.remove(key);
      return this;
    }

    public TargetState build() {
      return new TargetState(this);
    }
  }
}
