package io.missync.reconcile;

import io.missync.core.model.PersonRef;
import io.missync.core.plan.ArchiveGroup;
import io.missync.core.plan.Change;
import io.missync.core.plan.ChangeVisitor;
import io.missync.core.plan.CreateAccount;
import io.missync.core.plan.CreateGroup;
import io.missync.core.plan.DeactivateAccount;
import io.missync.core.plan.DeleteAccount;
import io.missync.core.plan.JoinGroup;
import io.missync.core.plan.LeaveGroup;
import io.missync.core.plan.LinkGuardian;
import io.missync.core.plan.MoveAccount;
import io.missync.core.plan.ReactivateAccount;
import io.missync.core.plan.RekeyAccount;
import io.missync.core.plan.ReviewItem;
import io.missync.core.plan.UnlinkGuardian;
import io.missync.core.plan.UpdateAccount;
import io.missync.core.plan.UpdateGroup;
import java.util.Comparator;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Total orders on changes and review items within one bucket of a plan, so that a plan never
 * depends on input order. The order of the buckets themselves (deactivations first, then groups,
 * re-keys and creates, ..., hard deletes last) is set by {@link PlanRun} and described on {@link
 * Planner}.
 */
final class ChangeOrder {
  private ChangeOrder() {}

  /** The person a change is about (the contact for guardian links), or null for group changes. */
  static @Nullable PersonRef subject(Change c) {
    return c.accept(SUBJECT).orElse(null);
  }

  /** A tie-breaker within one subject: the group or the linked student. */
  static String secondary(Change c) {
    return c.accept(SECONDARY);
  }

  static final Comparator<Change> BY_SUBJECT =
      (a, b) -> {
        PersonRef pa = subject(a);
        PersonRef pb = subject(b);
        int c;
        if (pa != null && pb != null) {
          c = pa.compareTo(pb);
        } else {
          c = Boolean.compare(pa == null, pb == null);
        }
        if (c != 0) {
          return c;
        }
        c = secondary(a).compareTo(secondary(b));
        return c != 0 ? c : a.kind().compareTo(b.kind());
      };

  static final Comparator<Change> BY_GROUP =
      Comparator.comparing(ChangeOrder::secondary).thenComparing(Change::kind);

  static final Comparator<ReviewItem> REVIEWS = Comparator.comparing(ChangeOrder::reviewKey);

  private static String reviewKey(ReviewItem r) {
    if (r instanceof ReviewItem.PossibleDuplicate d) {
      return "0|" + d.person() + "|" + d.accountId();
    }
    if (r instanceof ReviewItem.AmbiguousMatch a) {
      return "1|" + a.person();
    }
    if (r instanceof ReviewItem.DuplicateKey k) {
      return "3|" + k.entityType() + "|" + k.key() + "|" + k.people();
    }
    ReviewItem.RejectedRow row = (ReviewItem.RejectedRow) r;
    return "2|" + row.location() + "|" + row.message();
  }

  private static final ChangeVisitor<Optional<PersonRef>> SUBJECT =
      new ChangeVisitor<>() {
        @Override
        public Optional<PersonRef> createAccount(CreateAccount c) {
          return Optional.of(c.account().person());
        }

        @Override
        public Optional<PersonRef> updateAccount(UpdateAccount c) {
          return Optional.of(c.account().person());
        }

        @Override
        public Optional<PersonRef> moveAccount(MoveAccount c) {
          return Optional.of(c.account().person());
        }

        @Override
        public Optional<PersonRef> joinGroup(JoinGroup c) {
          return Optional.of(c.account().person());
        }

        @Override
        public Optional<PersonRef> leaveGroup(LeaveGroup c) {
          return Optional.of(c.account().person());
        }

        @Override
        public Optional<PersonRef> deactivateAccount(DeactivateAccount c) {
          return Optional.of(c.account().person());
        }

        @Override
        public Optional<PersonRef> reactivateAccount(ReactivateAccount c) {
          return Optional.of(c.account().person());
        }

        @Override
        public Optional<PersonRef> deleteAccount(DeleteAccount c) {
          return Optional.of(c.account().person());
        }

        @Override
        public Optional<PersonRef> rekeyAccount(RekeyAccount c) {
          return Optional.of(c.next());
        }

        @Override
        public Optional<PersonRef> linkGuardian(LinkGuardian c) {
          return Optional.of(c.contact().person());
        }

        @Override
        public Optional<PersonRef> unlinkGuardian(UnlinkGuardian c) {
          return Optional.of(c.contact().person());
        }

        @Override
        public Optional<PersonRef> createGroup(CreateGroup c) {
          return Optional.empty();
        }

        @Override
        public Optional<PersonRef> updateGroup(UpdateGroup c) {
          return Optional.empty();
        }

        @Override
        public Optional<PersonRef> archiveGroup(ArchiveGroup c) {
          return Optional.empty();
        }
      };

  private static final ChangeVisitor<String> SECONDARY =
      new ChangeVisitor<>() {
        @Override
        public String createAccount(CreateAccount c) {
          return "";
        }

        @Override
        public String updateAccount(UpdateAccount c) {
          return "";
        }

        @Override
        public String moveAccount(MoveAccount c) {
          return c.to().sourceGroupId();
        }

        @Override
        public String joinGroup(JoinGroup c) {
          return c.group().sourceGroupId();
        }

        @Override
        public String leaveGroup(LeaveGroup c) {
          return c.group().sourceGroupId();
        }

        @Override
        public String deactivateAccount(DeactivateAccount c) {
          return "";
        }

        @Override
        public String reactivateAccount(ReactivateAccount c) {
          return "";
        }

        @Override
        public String deleteAccount(DeleteAccount c) {
          return c.account().account().orElse("");
        }

        @Override
        public String rekeyAccount(RekeyAccount c) {
          return c.accountId();
        }

        @Override
        public String linkGuardian(LinkGuardian c) {
          return c.student().person().toString();
        }

        @Override
        public String unlinkGuardian(UnlinkGuardian c) {
          return c.student().person().toString() + "|" + c.student().account().orElse("");
        }

        @Override
        public String createGroup(CreateGroup c) {
          return c.group().sourceGroupId();
        }

        @Override
        public String updateGroup(UpdateGroup c) {
          return c.group().sourceGroupId();
        }

        @Override
        public String archiveGroup(ArchiveGroup c) {
          return c.group().sourceGroupId();
        }
      };
}
