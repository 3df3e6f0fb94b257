package io.missync.testkit.gen;

import io.missync.core.EntityType;
import io.missync.core.model.GroupKind;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.plan.AccountRef;
import io.missync.core.plan.ArchiveGroup;
import io.missync.core.plan.Change;
import io.missync.core.plan.ChangeVisitor;
import io.missync.core.plan.CreateAccount;
import io.missync.core.plan.CreateGroup;
import io.missync.core.plan.DeactivateAccount;
import io.missync.core.plan.DeleteAccount;
import io.missync.core.plan.FieldChange;
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
import io.missync.core.state.AccountField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A product held in memory: a reference {@link ChangeSink} for adapter writers, and the product
 * side of convergence properties. It keeps its own model (accounts, groups, guardian links),
 * independent of missync's stored state, so a test can check that the two agree.
 *
 * <p>It follows the sink contract: creates return the new id; applying a change twice has the
 * effect of applying it once (a repeated create for the same person of the same school returns the
 * same account); the same MIS id in two schools is two people, so one sink serves a trust; a create
 * without a password fails; the password is never kept (only that one was issued, and its length).
 * Failures can be injected with {@link #failWhen}.
 *
 * <p>Not thread-safe; meant for tests.
 */
public final class InMemoryProductSink implements ChangeSink {
  /** One account as the product holds it. */
  public static final class ProductAccount {
    private final String id;
    private final String school;
    private final EntityType kind;
    private PersonRef person;
    private boolean active = true;
    private String username;
    private int passwordsIssued;
    private int lastPasswordLength;
    private final EnumMap<AccountField, String> fields = new EnumMap<>(AccountField.class);
    private final Map<String, MembershipRole> groups = new LinkedHashMap<>();

    ProductAccount(String id, String school, EntityType kind, PersonRef person, String username) {
      this.id = id;
      this.school = school;
      this.kind = kind;
      this.person = person;
      this.username = username;
    }

    public String id() {
      return id;
    }

    public EntityType kind() {
      return kind;
    }

    /** The school the account was created for. */
    public String school() {
      return school;
    }

    /** The MIS person the product believes this account belongs to. */
    public PersonRef person() {
      return person;
    }

    public boolean active() {
      return active;
    }

    public String username() {
      return username;
    }

    /** How many times a password was issued to this account (1 after its create). */
    public int passwordsIssued() {
      return passwordsIssued;
    }

    public int lastPasswordLength() {
      return lastPasswordLength;
    }

    public Map<AccountField, String> fields() {
      return Collections.unmodifiableMap(fields);
    }

    /** Product group id to role. */
    public Map<String, MembershipRole> groups() {
      return Collections.unmodifiableMap(groups);
    }

    @Override
    public String toString() {
      return "ProductAccount[" + id + ", " + person + ", active=" + active + "]";
    }
  }

  /**
   * One group as the product holds it.
   *
   * @param id the product id
   * @param sourceGroupId the MIS group
   * @param kind the kind
   * @param name the name
   * @param subject the subject, or null
   * @param archived true once archived
   */
  public record ProductGroupRow(
      String id,
      String sourceGroupId,
      GroupKind kind,
      String name,
      @Nullable String subject,
      boolean archived) {}

  /**
   * One guardian link as the product holds it.
   *
   * @param contactAccountId the contact's account
   * @param studentAccountId the student's account
   * @param relationship the relationship
   * @param parentalResponsibility whether the contact holds parental responsibility
   */
  public record LinkRow(
      String contactAccountId,
      String studentAccountId,
      Relationship relationship,
      boolean parentalResponsibility) {}

  private final Map<String, ProductAccount> accounts = new LinkedHashMap<>();
  private final Map<String, ProductGroupRow> groups = new LinkedHashMap<>();
  private final Map<String, LinkRow> links = new LinkedHashMap<>();
  private final List<Change> received = new ArrayList<>();
  // account ids by school and MIS person, so that a repeated create finds its account at once
  private final Map<String, String> byPerson = new java.util.HashMap<>();
  private String school = "";
  private Predicate<Change> failWhen = c -> false;
  private int accountSeq;
  private int groupSeq;

  /** Makes every change the predicate accepts fail (retryable), until replaced. */
  public InMemoryProductSink failWhen(Predicate<Change> predicate) {
    this.failWhen = predicate;
    return this;
  }

  public Map<String, ProductAccount> accounts() {
    return Collections.unmodifiableMap(accounts);
  }

  public Optional<ProductAccount> account(String id) {
    return Optional.ofNullable(accounts.get(id));
  }

  /** The account the product holds for the MIS person (of any school), if any. */
  public Optional<ProductAccount> accountOf(PersonRef person) {
    for (ProductAccount a : accounts.values()) {
      if (a.person.equals(person)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** The account the product holds for the MIS person of the school, if any. */
  public Optional<ProductAccount> accountOf(String schoolId, PersonRef person) {
    String id = byPerson.get(key(schoolId, person));
    return id == null ? Optional.empty() : Optional.ofNullable(accounts.get(id));
  }

  private static String key(String schoolId, PersonRef person) {
    return schoolId + "\u0000" + person;
  }

  public Map<String, ProductGroupRow> groups() {
    return Collections.unmodifiableMap(groups);
  }

  /** Links by {@code contactAccountId|studentAccountId}. */
  public Map<String, LinkRow> links() {
    return Collections.unmodifiableMap(links);
  }

  /** Every change received, in order (passwords already wiped). */
  public List<Change> received() {
    return Collections.unmodifiableList(received);
  }

  @Override
  public ChangeResult apply(ChangeContext context, Change change) {
    school = context.schoolId();
    received.add(change);
    if (failWhen.test(change)) {
      return new ChangeResult.Failed("injected failure", true);
    }
    return change.accept(visitor);
  }

  private @Nullable ProductAccount acc(AccountRef ref) {
    String id = ref.accountId();
    return id == null ? null : accounts.get(id);
  }

  private static final ChangeResult MISSING = new ChangeResult.Failed("no such account", false);
  private static final ChangeResult NO_GROUP = new ChangeResult.Failed("no such group", false);

  private @Nullable String groupId(GroupRef g) {
    String id = g.productGroupId();
    return id != null && groups.containsKey(id) ? id : null;
  }

  private final ChangeVisitor<ChangeResult> visitor =
      new ChangeVisitor<>() {
        @Override
        public ChangeResult createAccount(CreateAccount c) {
          if (c.password().isEmpty()) {
            return new ChangeResult.Failed("a create needs an initial password", false);
          }
          PersonRef person = c.account().person();
          Optional<ProductAccount> same = accountOf(school, person);
          if (same.isPresent()) {
            return ChangeResult.created(same.get().id);
          }
          String id = "acc-" + (++accountSeq);
          ProductAccount a = new ProductAccount(id, school, person.type(), person, c.username());
          byPerson.put(key(school, person), id);
          a.passwordsIssued = 1;
          a.lastPasswordLength = c.password().get().length();
          a.fields.putAll(c.fields());
          accounts.put(id, a);
          return ChangeResult.created(id);
        }

        @Override
        public ChangeResult updateAccount(UpdateAccount c) {
          ProductAccount a = acc(c.account());
          if (a == null) {
            return MISSING;
          }
          for (FieldChange f : c.changes()) {
            String to = f.to();
            if (f.field() == AccountField.USERNAME) {
              if (to != null) {
                a.username = to;
              }
            } else if (to == null) {
              a.fields.remove(f.field());
            } else {
              a.fields.put(f.field(), to);
            }
          }
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult moveAccount(MoveAccount c) {
          ProductAccount a = acc(c.account());
          String from = groupId(c.from());
          String to = groupId(c.to());
          if (a == null) {
            return MISSING;
          }
          if (from == null || to == null) {
            return NO_GROUP;
          }
          a.groups.remove(from);
          a.groups.put(to, c.role());
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult joinGroup(JoinGroup c) {
          ProductAccount a = acc(c.account());
          String g = groupId(c.group());
          if (a == null) {
            return MISSING;
          }
          if (g == null) {
            return NO_GROUP;
          }
          a.groups.put(g, c.role());
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult leaveGroup(LeaveGroup c) {
          ProductAccount a = acc(c.account());
          String g = groupId(c.group());
          if (a == null) {
            return MISSING;
          }
          if (g == null) {
            return NO_GROUP;
          }
          a.groups.remove(g);
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult deactivateAccount(DeactivateAccount c) {
          ProductAccount a = acc(c.account());
          if (a == null) {
            return MISSING;
          }
          a.active = false;
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult reactivateAccount(ReactivateAccount c) {
          ProductAccount a = acc(c.account());
          if (a == null) {
            return MISSING;
          }
          a.active = true;
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult deleteAccount(DeleteAccount c) {
          ProductAccount a = acc(c.account());
          if (a == null) {
            return ChangeResult.applied();
          }
          accounts.remove(a.id);
          links
              .values()
              .removeIf(
                  l -> l.contactAccountId().equals(a.id) || l.studentAccountId().equals(a.id));
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult rekeyAccount(RekeyAccount c) {
          ProductAccount a = accounts.get(c.accountId());
          if (a == null) {
            return MISSING;
          }
          byPerson.remove(key(a.school, a.person), a.id);
          a.person = c.next();
          byPerson.put(key(a.school, a.person), a.id);
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult linkGuardian(LinkGuardian c) {
          ProductAccount contact = acc(c.contact());
          ProductAccount student = acc(c.student());
          if (contact == null || student == null) {
            return MISSING;
          }
          links.put(
              contact.id + "|" + student.id,
              new LinkRow(contact.id, student.id, c.relationship(), c.parentalResponsibility()));
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult unlinkGuardian(UnlinkGuardian c) {
          String contact = c.contact().accountId();
          String student = c.student().accountId();
          if (contact == null || student == null) {
            return MISSING;
          }
          links.remove(contact + "|" + student);
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult createGroup(CreateGroup c) {
          for (ProductGroupRow g : groups.values()) {
            if (g.sourceGroupId().equals(c.group().sourceGroupId())) {
              return ChangeResult.created(g.id());
            }
          }
          String id = "grp-" + (++groupSeq);
          groups.put(
              id,
              new ProductGroupRow(
                  id, c.group().sourceGroupId(), c.groupKind(), c.name(), c.subject(), false));
          return ChangeResult.created(id);
        }

        @Override
        public ChangeResult updateGroup(UpdateGroup c) {
          String id = groupId(c.group());
          if (id == null) {
            return NO_GROUP;
          }
          groups.put(
              id,
              new ProductGroupRow(
                  id, c.group().sourceGroupId(), c.groupKind(), c.name(), c.subject(), false));
          return ChangeResult.applied();
        }

        @Override
        public ChangeResult archiveGroup(ArchiveGroup c) {
          String id = groupId(c.group());
          if (id == null) {
            return NO_GROUP;
          }
          ProductGroupRow g = java.util.Objects.requireNonNull(groups.get(id));
          groups.put(
              id,
              new ProductGroupRow(id, g.sourceGroupId(), g.kind(), g.name(), g.subject(), true));
          return ChangeResult.applied();
        }
      };
}
