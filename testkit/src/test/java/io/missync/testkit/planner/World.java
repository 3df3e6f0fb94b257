package io.missync.testkit.planner;

import io.missync.core.EntityType;
import io.missync.core.credentials.CohortCredentialPolicy;
import io.missync.core.credentials.PasswordGenerators;
import io.missync.core.credentials.UsernameTemplate;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.Person;
import io.missync.core.model.PersonRef;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import io.missync.core.plan.Change;
import io.missync.core.plan.DeactivateAccount;
import io.missync.core.plan.Plan;
import io.missync.core.plan.ReasonCode;
import io.missync.core.plan.ReviewItem;
import io.missync.core.spi.CredentialPolicy;
import io.missync.core.state.Account;
import io.missync.core.state.ProductGuardianLink;
import io.missync.core.state.TargetState;
import io.missync.reconcile.SyncPolicy;
import io.missync.testkit.gen.InMemoryProductSink;
import io.missync.testkit.gen.Schools;
import io.missync.testkit.gen.SyncHarness;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A school and its product, for properties: the harness plus the latest snapshot. */
final class World {
  static final Clock CLOCK =
      Clock.fixed(Schools.TODAY.atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

  static CredentialPolicy credentials() {
    return CohortCredentialPolicy.builder()
        .defaults(UsernameTemplate.initialSurname(), PasswordGenerators.randomText(10))
        .studentsInYears(
            0, 2, UsernameTemplate.forenameSurnameInitial(), PasswordGenerators.picturePin(2))
        .role(EntityType.STAFF, UsernameTemplate.email(), PasswordGenerators.randomText(14))
        .build();
  }

  final SyncHarness harness;
  MisSnapshot snapshot;
  Plan lastPlan;

  World(MisSnapshot initial) {
    this(initial, SyncPolicy.defaults());
  }

  World(MisSnapshot initial, SyncPolicy policy) {
    this.harness = new SyncHarness("school-1", policy, credentials(), CLOCK);
    this.snapshot = initial;
    this.lastPlan = harness.sync(initial);
  }

  World next(MisSnapshot s) {
    snapshot = s;
    lastPlan = harness.sync(s);
    return this;
  }

  TargetState state() {
    return harness.state();
  }

  /** Accounts a review item of the last plan names: they wait for a person, untouched. */
  Set<String> underReview() {
    Set<String> ids = new HashSet<>();
    for (ReviewItem r : lastPlan.reviewItems()) {
      if (r instanceof ReviewItem.PossibleDuplicate d) {
        ids.add(d.accountId());
      } else if (r instanceof ReviewItem.AmbiguousMatch a) {
        ids.addAll(a.candidateAccountIds());
      }
    }
    return ids;
  }

  /**
   * The changes of {@code next} (a plan of the current snapshot, after the last sync) that show the
   * product has not converged: all of them but the deactivations of accounts that the last plan's
   * review items name. An account an uncertain match claims is a leaver's once no migration is
   * visible, so the run after a migration's first deactivates those whose review is still open
   * (during the migration run itself nobody is deactivated); it converges the run after.
   */
  List<Change> unsettled(Plan next) {
    Set<String> review = underReview();
    List<Change> out = new ArrayList<>();
    for (Change c : next.changes()) {
      if (c instanceof DeactivateAccount d
          && review.contains(d.account().account().orElse(""))
          && d.reason().code() == ReasonCode.LEFT_SOURCE) {
        continue;
      }
      out.add(c);
    }
    return out;
  }

  static boolean isCurrent(MisSnapshot s, PersonRef ref, LocalDate today) {
    Optional<Person> p = s.person(ref);
    if (p.isEmpty()) {
      return !s.isComplete(ref.type());
    }
    if (p.get() instanceof Student st) {
      return st.leavingDate().map(d -> !d.isBefore(today)).orElse(true);
    }
    if (p.get() instanceof StaffMember st) {
      return st.employmentEnd().map(d -> !d.isBefore(today)).orElse(true);
    }
    return true;
  }

  /** Safeguarding: problems with active accounts of people who have left; empty when fine. */
  List<String> activeLeavers() {
    List<String> out = new ArrayList<>();
    Set<String> review = underReview();
    LocalDate today = LocalDate.now(CLOCK);
    for (Account a : state().accounts()) {
      if (!a.active() || a.link().isEmpty() || review.contains(a.accountId())) {
        continue;
      }
      if (a.kind() != EntityType.CONTACT && !isCurrent(snapshot, a.link().get(), today)) {
        out.add(a.accountId() + " active for leaver " + a.link().get());
      }
      if (a.kind() == EntityType.CONTACT
          && snapshot.isComplete(EntityType.CONTACT)
          && snapshot.person(a.link().get()).isEmpty()) {
        out.add(a.accountId() + " active for vanished contact " + a.link().get());
      }
    }
    return out;
  }

  /** A contact's account is active iff it is linked to an active student's account. */
  List<String> contactRuleViolations() {
    List<String> out = new ArrayList<>();
    TargetState st = state();
    Set<String> review = underReview();
    for (Account a : st.accounts()) {
      if (a.kind() != EntityType.CONTACT || a.link().isEmpty() || review.contains(a.accountId())) {
        continue;
      }
      boolean linkedActive = false;
      for (ProductGuardianLink l : st.guardianLinks()) {
        if (l.contactAccountId().equals(a.accountId())
            && st.account(l.studentAccountId()).map(Account::active).orElse(false)) {
          linkedActive = true;
        }
      }
      if (a.active() != linkedActive) {
        out.add(a.accountId() + " active=" + a.active() + " linkedActiveStudent=" + linkedActive);
      }
    }
    return out;
  }

  /** The sink's own model agrees with the stored state. */
  List<String> sinkDisagreements() {
    List<String> out = new ArrayList<>();
    TargetState st = state();
    InMemoryProductSink sink = harness.sink();
    for (Account a : st.accounts()) {
      Optional<InMemoryProductSink.ProductAccount> p = sink.account(a.accountId());
      if (p.isEmpty()) {
        out.add("sink lacks " + a.accountId());
        continue;
      }
      if (p.get().active() != a.active()
          || !p.get().groups().equals(a.groups())
          || !p.get().person().equals(a.link().orElse(null))
          || !p.get().username().equals(a.username().orElse(""))) {
        out.add("sink differs on " + a.accountId());
      }
    }
    if (sink.accounts().size() != st.accounts().size()) {
      out.add("account counts differ");
    }
    Set<String> storeLinks = new HashSet<>();
    st.guardianLinks().forEach(l -> storeLinks.add(l.key()));
    if (!storeLinks.equals(sink.links().keySet())) {
      out.add("links differ");
    }
    return out;
  }
}
