package io.missync.benchmarks.plan;

import io.missync.core.model.Group;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.Membership;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.Person;
import io.missync.core.model.PersonRef;
import io.missync.core.state.Account;
import io.missync.core.state.ProductGroup;
import io.missync.core.state.ProductGuardianLink;
import io.missync.core.state.TargetState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The index-only baseline: what any diff must at least do, and nothing more. It hashes both inputs
 * by id (people and groups of the snapshot by id, memberships and guardian links by key; accounts
 * by link, product groups by source id, each account's group memberships and each product link by
 * key) and compares nothing.
 */
final class IndexBaseline {
  private IndexBaseline() {}

  static int index(TargetState state, MisSnapshot snap) {
    Map<String, Person> people = new HashMap<>();
    for (Person p : snap.people()) {
      people.put(p.entityType().ordinal() + ":" + p.id(), p);
    }
    Map<String, Group> groups = new HashMap<>();
    for (Group g : snap.groups()) {
      groups.put(g.id(), g);
    }
    Set<String> memberships = new HashSet<>();
    for (Membership m : snap.memberships()) {
      memberships.add(m.key());
    }
    Set<String> links = new HashSet<>();
    for (GuardianLink l : snap.guardianLinks()) {
      links.add(l.key());
    }
    Map<PersonRef, Account> accounts = new HashMap<>();
    Set<String> accountGroups = new HashSet<>();
    for (Account a : state.accounts()) {
      a.link().ifPresent(l -> accounts.put(l, a));
      for (String g : a.groups().keySet()) {
        accountGroups.add(a.accountId() + "|" + g);
      }
    }
    Map<String, ProductGroup> productGroups = new HashMap<>();
    for (ProductGroup g : state.groups()) {
      g.source().ifPresent(s -> productGroups.put(s, g));
    }
    Set<String> productLinks = new HashSet<>();
    for (ProductGuardianLink l : state.guardianLinks()) {
      productLinks.add(l.key());
    }
    return people.size()
        + groups.size()
        + memberships.size()
        + links.size()
        + accounts.size()
        + accountGroups.size()
        + productGroups.size()
        + productLinks.size();
  }
}
