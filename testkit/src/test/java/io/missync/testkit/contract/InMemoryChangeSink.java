package io.missync.testkit.contract;

import io.missync.core.model.PersonRef;
import io.missync.core.plan.AccountRef;
import io.missync.core.plan.ArchiveGroup;
import io.missync.core.plan.Change;
import io.missync.core.plan.ChangeVisitor;
import io.missync.core.plan.CreateAccount;
import io.missync.core.plan.CreateGroup;
import io.missync.core.plan.DeactivateAccount;
import io.missync.core.plan.DeleteAccount;
import io.missync.core.plan.GroupRef;
import io.missync.core.plan.JoinGroup;
import io.missync.core.plan.LeaveGroup;
import io.missync.core.plan.LinkGuardian;
import io.missync.core.plan.MoveAccount;
import io.missync.core.plan.ReactivateAccount;
import io.missync.core.plan.RekeyAccount;
import io.missync.core.plan.UnlinkGuardian;
import io.missync.core.plan.UpdateAccount;
import io.missync.core.plan.UpdateGroup;
import io.missync.core.spi.ChangeContext;
import io.missync.core.spi.ChangeResult;
import io.missync.core.spi.ChangeSink;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small product in memory behind a {@link ChangeSink}, to prove {@link ChangeSinkContract} runs.
 * Idempotent by the MIS identity: a create for a person of a school (or MIS group) that already has
 * an account (or group) returns the existing id; the same MIS id in two schools is two people. It
 * never keeps the initial password.
 */
final class InMemoryChangeSink implements ChangeSink, ChangeSinkContract.ProductProbe {
  private static final class Acc {
    final String school;
    PersonRef person;
    boolean active = true;
    final Map<String, String> groups = new HashMap<>();

    Acc(String school, PersonRef person) {
      this.school = school;
      this.person = person;
    }
  }

  private final Map<String, Acc> accounts = new HashMap<>();
  private final Map<List<Object>, String> byPerson = new HashMap<>();
  private String school = "";
  private final Map<String, String> groupBySource = new HashMap<>();
  private final Map<String, String> groupNames = new HashMap<>();
  private final Set<String> links = new HashSet<>();
  private int next = 1;

  @Override
  public synchronized ChangeResult apply(ChangeContext context, Change change) {
    school = context.schoolId();
    return change.accept(visitor);
  }

  private String accountOf(AccountRef ref) {
    return ref.account().orElseGet(() -> byPerson.getOrDefault(List.of(school, ref.person()), ""));
  }

  private String groupOf(GroupRef ref) {
    return ref.productGroup().orElseGet(() -> groupBySource.getOrDefault(ref.sourceGroupId(), ""));
  }

  private final ChangeVisitor<ChangeResult> visitor =
      new ChangeVisitor<>() {
        @Override
        public ChangeResult createAccount(CreateAccount c) {
          String existing = byPerson.get(List.of(school, c.account().person()));
          if (existing != null) {
            return ChangeResult.created(existing);
          }
          String id = "acc-" + next++;
          accounts.put(id, new Acc(school, c.account().person()));
          byPerson.put(List.of(school, c.account().person()), id);
          return ChangeResult.created(id);
        }

        @Override
        public ChangeResult updateAccount(UpdateAccount c) {
          return accounts.containsKey(accountOf(c.account()))
              ? ChangeResult.applied()
              : new ChangeResult.Failed("no such account", false);
        }

        @Override
        public ChangeResult moveAccount(MoveAccount c) {
          Acc a = accounts.get(accountOf(c.account()));
          if (a == null) {
            return new ChangeResult.Failed("no such account", false);
          }
          a.groups.remove(groupOf(c.from()));
          a.groups.put(groupOf(c.to()), c.role().name());
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult joinGroup(JoinGroup c) {
          Acc a = accounts.get(accountOf(c.account()));
          if (a == null) {
            return new ChangeResult.Failed("no such account", false);
          }
          a.groups.put(groupOf(c.group()), c.role().name());
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult leaveGroup(LeaveGroup c) {
          Acc a = accounts.get(accountOf(c.account()));
          if (a != null) {
            a.groups.remove(groupOf(c.group()));
          }
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult deactivateAccount(DeactivateAccount c) {
          Acc a = accounts.get(accountOf(c.account()));
          if (a == null) {
            return new ChangeResult.Failed("no such account", false);
          }
          a.active = false;
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult reactivateAccount(ReactivateAccount c) {
          Acc a = accounts.get(accountOf(c.account()));
          if (a == null) {
            return new ChangeResult.Failed("no such account", false);
          }
          a.active = true;
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult deleteAccount(DeleteAccount c) {
          Acc a = accounts.remove(accountOf(c.account()));
          if (a != null) {
            byPerson.remove(List.of(a.school, a.person));
          }
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult rekeyAccount(RekeyAccount c) {
          Acc a = accounts.get(c.accountId());
          if (a == null) {
            return new ChangeResult.Failed("no such account", false);
          }
          byPerson.remove(List.of(a.school, a.person));
          a.person = c.next();
          byPerson.put(List.of(a.school, c.next()), c.accountId());
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult linkGuardian(LinkGuardian c) {
          links.add(accountOf(c.contact()) + "|" + accountOf(c.student()));
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult unlinkGuardian(UnlinkGuardian c) {
          links.remove(accountOf(c.contact()) + "|" + accountOf(c.student()));
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult createGroup(CreateGroup c) {
          String existing = groupBySource.get(c.group().sourceGroupId());
          if (existing != null) {
            return ChangeResult.created(existing);
          }
          String id = "grp-" + next++;
          groupBySource.put(c.group().sourceGroupId(), id);
          groupNames.put(id, c.name());
          return ChangeResult.created(id);
        }

        @Override
        public ChangeResult updateGroup(UpdateGroup c) {
          groupNames.put(groupOf(c.group()), c.name());
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult archiveGroup(ArchiveGroup c) {
          return ChangeResult.applied();
        }
      };

  @Override
  public synchronized Set<String> accountIds() {
    return Set.copyOf(accounts.keySet());
  }

  @Override
  public synchronized boolean canSignIn(String accountId) {
    Acc a = accounts.get(accountId);
    return a != null && a.active;
  }

  @Override
  public synchronized Set<String> groupIds() {
    return Set.copyOf(groupBySource.values());
  }
}
