package io.missync.testkit.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.Person;
import io.missync.core.model.PersonRef;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import io.missync.core.plan.Change;
import io.missync.core.plan.CreateAccount;
import io.missync.core.plan.DeactivateAccount;
import io.missync.core.plan.Plan;
import io.missync.core.plan.ReasonCode;
import io.missync.core.plan.ReviewItem;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.SnapshotSource;
import io.missync.core.state.Account;
import io.missync.core.state.AccountField;
import io.missync.core.state.TargetState;
import io.missync.core.store.InMemorySyncStateStore;
import io.missync.reconcile.RunResult;
import io.missync.reconcile.SyncPolicy;
import io.missync.reconcile.SyncRunner;
import io.missync.testkit.gen.InMemoryProductSink;
import io.missync.testkit.gen.SchoolMutation;
import io.missync.testkit.gen.SchoolMutations;
import io.missync.testkit.gen.Schools;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The rulebook's invariants (issue 13), over generated school years run through the {@link
 * SyncRunner} with the default gate, so that "whatever the gate says" is what is tested:
 *
 * <ul>
 *   <li>no confirmed leaver (leaving or employment end date passed) has an active account after any
 *       run, held or not;
 *   <li>a migration never deactivates, nor recreates, someone who is in the new MIS;
 *   <li>an account an open review item claims, that an earlier plan kept active under review, is
 *       never deactivated for absence while the item stands;
 *   <li>name tiers find people whose preferred name differs from their legal name when legal names
 *       are not managed (item 8: the account side of the key used the shown name, the person side
 *       the legal one).
 * </ul>
 */
class RulebookProperties {
  private static final LocalDate TODAY = Schools.TODAY;

  /** A school and its product behind a {@link SyncRunner}; approvals on request. */
  static final class Site {
    final InMemorySyncStateStore store = new InMemorySyncStateStore(World.CLOCK);
    final InMemoryProductSink sink = new InMemoryProductSink();
    MisSnapshot snapshot;
    final SyncRunner runner;
    Plan last;
    Set<String> claimedLeftActive = Set.of();

    Site(MisSnapshot first) {
      this.snapshot = first;
      SnapshotSource source = () -> snapshot;
      this.runner =
          SyncRunner.builder()
              .source(source)
              .store(store)
              .sink(sink)
              .credentials(World.credentials())
              .clock(World.CLOCK)
              .build();
      RunResult r = runner.run("school-1");
      approve(r, false);
      last = r.plan();
    }

    TargetState state() {
      return store.load("school-1");
    }

    /** Runs; a held plan is approved and run again when {@code approve}. */
    RunResult run(MisSnapshot s, boolean announced, boolean approve) {
      snapshot = s;
      RunResult r = runner.run("school-1", null, announced);
      if (approve) {
        r = approve(r, announced);
      }
      return r;
    }

    private RunResult approve(RunResult r, boolean announced) {
      if (r.outcome() == RunResult.Outcome.HELD) {
        store.decide("school-1", r.plan().id(), HeldPlan.Decision.APPROVED, "dsl");
        return runner.run("school-1", null, announced);
      }
      return r;
    }
  }

  @Provide
  Arbitrary<MisSnapshot> schools() {
    return Schools.schools(10, 40);
  }

  @Provide
  Arbitrary<List<SchoolMutation>> years() {
    return SchoolMutations.mutations(TODAY).list().ofMinSize(1).ofMaxSize(6);
  }

  /** People the snapshot says have left on a date (confirmed leavers). */
  private static Set<PersonRef> confirmedLeavers(MisSnapshot s) {
    Set<PersonRef> out = new HashSet<>();
    for (Student st : s.students()) {
      if (st.leavingDate().map(d -> d.isBefore(TODAY)).orElse(false)) {
        out.add(st.ref());
      }
    }
    for (StaffMember st : s.staff()) {
      if (st.employmentEnd().map(d -> d.isBefore(TODAY)).orElse(false)) {
        out.add(st.ref());
      }
    }
    return out;
  }

  private static Set<String> claimed(Plan p) {
    Set<String> ids = new HashSet<>();
    for (ReviewItem r : p.reviewItems()) {
      if (r instanceof ReviewItem.PossibleDuplicate d) {
        ids.add(d.accountId());
      } else if (r instanceof ReviewItem.AmbiguousMatch a) {
        ids.addAll(a.candidateAccountIds());
      }
    }
    return ids;
  }

  /**
   * Runs the year, never approving a held plan: every run must still leave no confirmed leaver with
   * access, and never deactivate for absence an account an open review item kept.
   */
  @Property(tries = 40)
  void noConfirmedLeaverKeepsAccessWhateverTheGateSays(
      @ForAll("schools") MisSnapshot school, @ForAll("years") List<SchoolMutation> year) {
    Site site = new Site(school);
    MisSnapshot s = school;
    for (SchoolMutation m : year) {
      s = m.apply(s);
      RunResult r = site.run(s, false, false);
      TargetState state = site.state();
      for (PersonRef leaver : confirmedLeavers(s)) {
        Optional<Account> acc = state.accountFor(leaver);
        // the evidence-backed part has its own sanity limit: more than half a type at once waits
        boolean limitHeld =
            r.evidenceBackedPart()
                .map(p -> p.verdict() != null && p.verdict().isHeld())
                .orElse(false);
        assertTrue(
            acc.isEmpty() || !acc.get().active() || limitHeld,
            () -> m.description() + ": confirmed leaver " + leaver + " active; " + r.outcome());
      }
      checkClaims(site, r);
    }
  }

  private static void checkClaims(Site site, RunResult r) {
    Set<String> nowClaimed = claimed(r.plan());
    List<Change> all = new ArrayList<>(r.plan().changes());
    r.evidenceBackedPart().ifPresent(p -> all.addAll(p.changes()));
    for (Change c : all) {
      if (c instanceof DeactivateAccount d
          && d.reason().code() == ReasonCode.LEFT_SOURCE
          && nowClaimed.contains(d.account().account().orElse(""))) {
        assertTrue(
            !site.claimedLeftActive.contains(d.account().account().orElse("")),
            () -> "an account an open review item kept was deactivated for absence: " + d);
      }
    }
    // what the plan itself kept under review (not what a hold of the gate left as it was)
    Set<String> kept = new HashSet<>(nowClaimed);
    for (Change c : all) {
      if (c instanceof DeactivateAccount d) {
        kept.remove(d.account().account().orElse(""));
      }
    }
    TargetState state = site.state();
    kept.removeIf(id -> !state.account(id).map(Account::active).orElse(false));
    site.claimedLeftActive = kept;
    site.last = r.plan();
  }

  /**
   * A migration (announced or only detected), approved, then two more nights: nobody who is in the
   * new MIS is deactivated or given a second account, and review items that stand keep theirs.
   */
  @Property(tries = 30)
  void aMigrationNeverDeactivatesNorRecreatesSomeoneInTheNewMis(
      @ForAll("schools") MisSnapshot school,
      @ForAll("years") List<SchoolMutation> before,
      @ForAll boolean announced) {
    Site site = new Site(school);
    MisSnapshot s = school;
    for (SchoolMutation m : before) {
      if (m.description().contains("migration")) {
        continue;
      }
      s = m.apply(s);
      site.run(s, false, true);
    }
    TargetState was = site.state();
    MisSnapshot migrated = SchoolMutations.migration(s, "new-");
    Map<String, PersonRef> accountToNew = new HashMap<>();
    for (Account a : was.accounts()) {
      PersonRef old = a.link().orElse(null);
      if (a.active() && old != null) {
        PersonRef now = new PersonRef(old.type(), "new-" + old.id());
        if (migrated.person(now).isPresent() && wanted(migrated.person(now).get())) {
          accountToNew.put(a.accountId(), now);
        }
      }
    }
    for (int night = 0; night < 3; night++) {
      RunResult r = site.run(migrated, announced && night == 0, true);
      List<Change> all = new ArrayList<>(r.plan().changes());
      r.evidenceBackedPart().ifPresent(p -> all.addAll(p.changes()));
      int n = night;
      for (Change c : all) {
        if (c instanceof DeactivateAccount d) {
          assertTrue(
              !accountToNew.containsKey(d.account().account().orElse("")),
              () -> "night " + n + ": deactivated someone in the new MIS: " + d);
        }
        if (c instanceof CreateAccount cr) {
          assertTrue(
              !accountToNew.containsValue(cr.account().person()),
              () -> "night " + n + ": recreated someone in the new MIS: " + cr);
        }
      }
      for (String id : accountToNew.keySet()) {
        assertTrue(
            site.state().account(id).map(Account::active).orElse(false),
            () -> "night " + n + ": " + id + " lost access");
      }
    }
  }

  /** A person the default policy gives an account (contacts only with parental responsibility). */
  private static boolean wanted(Person p) {
    return p.entityType() != EntityType.CONTACT;
  }

  /**
   * Item 8: with legal names not managed (the account holds only the shown, preferred name), a
   * pupil re-keyed without a UPN is still found by name and date of birth: their account is claimed
   * by a review item (or re-keyed), never left unmatched while a second account is created.
   */
  @Property(tries = 40)
  void nameTiersFindPeopleWhosePreferredNameDiffersFromTheirLegalName(
      @ForAll("schools") MisSnapshot school) {
    SyncPolicy policy =
        SyncPolicy.builder()
            .managedFields(
                EnumSet.complementOf(
                    EnumSet.of(
                        AccountField.USERNAME,
                        AccountField.LEGAL_FORENAME,
                        AccountField.LEGAL_SURNAME)))
            .build();
    World w = new World(school, policy);
    MisSnapshot migrated = SchoolMutations.migration(school, "new-");
    MisSnapshot.Builder b = migrated.toBuilder();
    for (Student st : migrated.students()) {
      b.put(st.toBuilder().upn(null).formerUpn(null).build());
    }
    MisSnapshot noUpns = b.build();
    Plan p = w.harness.plan(noUpns);
    Set<String> matched = claimed(p);
    for (Change c : p.changes()) {
      if (c instanceof io.missync.core.plan.RekeyAccount r) {
        matched.add(r.accountId());
      }
    }
    List<String> missed = new ArrayList<>();
    for (Student st : school.students()) {
      Account acc = w.state().accountFor(st.ref()).orElseThrow();
      if (!matched.contains(acc.accountId())) {
        missed.add(st.ref() + (st.preferredForename().isPresent() ? " (preferred name)" : ""));
      }
    }
    assertEquals(List.of(), missed);
  }
}
