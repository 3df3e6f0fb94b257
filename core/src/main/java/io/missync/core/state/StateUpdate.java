package io.missync.core.state;

import java.util.List;

/**
 * A change to the product-side state, recorded with each applied change: accounts and groups to add
 * or replace, and ids to remove. Link keys are {@link ProductGuardianLink#key()}.
 *
 * @param accounts accounts to add or replace
 * @param removedAccounts account ids to remove (hard delete)
 * @param groups groups to add or replace
 * @param removedGroups group ids to remove
 * @param guardianLinks links to add or replace
 * @param removedGuardianLinks link keys to remove
 */
public record StateUpdate(
    List<Account> accounts,
    List<String> removedAccounts,
    List<ProductGroup> groups,
    List<String> removedGroups,
    List<ProductGuardianLink> guardianLinks,
    List<String> removedGuardianLinks) {
  public StateUpdate {
    accounts = List.copyOf(accounts);
    removedAccounts = List.copyOf(removedAccounts);
    groups = List.copyOf(groups);
    removedGroups = List.copyOf(removedGroups);
    guardianLinks = List.copyOf(guardianLinks);
    removedGuardianLinks = List.copyOf(removedGuardianLinks);
  }

  /** An update that changes nothing. */
  public static StateUpdate none() {
    return new StateUpdate(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  public static StateUpdate account(Account a) {
    return new StateUpdate(List.of(a), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  public static StateUpdate group(ProductGroup g) {
    return new StateUpdate(List.of(), List.of(), List.of(g), List.of(), List.of(), List.of());
  }

  public static StateUpdate link(ProductGuardianLink l) {
    return new StateUpdate(List.of(), List.of(), List.of(), List.of(), List.of(l), List.of());
  }

  public static StateUpdate unlink(String linkKey) {
    return new StateUpdate(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(linkKey));
  }

  public static StateUpdate removeAccount(String accountId) {
    return new StateUpdate(
        List.of(), List.of(accountId), List.of(), List.of(), List.of(), List.of());
  }

  public boolean isEmpty() {
    return accounts.isEmpty()
        && removedAccounts.isEmpty()
        && groups.isEmpty()
        && removedGroups.isEmpty()
        && guardianLinks.isEmpty()
        && removedGuardianLinks.isEmpty();
  }
}
