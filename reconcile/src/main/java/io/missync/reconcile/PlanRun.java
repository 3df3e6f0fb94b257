package io.missync.reconcile;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.Contact;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.Person;
import io.missync.core.model.PersonRef;
import io.missync.core.model.SnapshotProblem;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import io.missync.core.plan.AccountRef;
import io.missync.core.plan.Change;
import io.missync.core.plan.CreateAccount;
import io.missync.core.plan.DeactivateAccount;
import io.missync.core.plan.DeleteAccount;
import io.missync.core.plan.Evidence;
import io.missync.core.plan.FieldChange;
import io.missync.core.plan.GroupRef;
import io.missync.core.plan.LinkGuardian;
import io.missync.core.plan.MatchConfidence;
import io.missync.core.plan.Plan;
import io.missync.core.plan.PlanBasis;
import io.missync.core.plan.PlanStatistics;
import io.missync.core.plan.ReactivateAccount;
import io.missync.core.plan.Reason;
import io.missync.core.plan.RekeyAccount;
import io.missync.core.plan.ReviewItem;
import io.missync.core.plan.UnlinkGuardian;
import io.missync.core.plan.UpdateAccount;
import io.missync.core.spi.CredentialPolicy;
import io.missync.core.state.Account;
import io.missync.core.state.AccountField;
import io.missync.core.state.ProductGroup;
import io.missync.core.state.ProductGuardianLink;
import io.missync.core.state.TargetState;
import io.missync.reconcile.SyncPolicy.MatchTier;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** One planning run: holds the inputs and the working sets, and produces one {@link Plan}. */
final class PlanRun {
  private static final EntityType[] PEOPLE = {
    EntityType.STUDENT, EntityType.STAFF, EntityType.CONTACT
  };

  private final SyncPolicy policy;
  private final CredentialPolicy credentials;
  private final Clock clock;
  private final TargetState state;
  private final MisSnapshot snap;
  private final boolean migrationAnnounced;
  private final PlanBasis.Migration migrationSignal;
  private final LocalDate today;
  private final FieldRules fields;
  private final Correlators correlators;
  private final MembershipDiff membershipDiff;

  // buckets; see assemble() for the application order
  private final List<Change> groupCreates = new ArrayList<>();
  private final List<Change> groupUpdates = new ArrayList<>();
  private final List<Change> rekeys = new ArrayList<>();
  private final List<Change> creates = new ArrayList<>();
  private final List<Change> reactivations = new ArrayList<>();
  private final List<Change> updates = new ArrayList<>();
  private final List<Change> memberships = new ArrayList<>();
  private final List<Change> guardianLinks = new ArrayList<>();
  private final EnumMap<EntityType, List<Change>> deactivations = new EnumMap<>(EntityType.class);
  private final List<Change> archives = new ArrayList<>();
  private final List<Change> deletes = new ArrayList<>();
  private final List<ReviewItem> reviews = new ArrayList<>();

  // groups: the MIS groups that are live in the product after the plan
  private final Map<String, GroupRef> liveGroups = new HashMap<>();
  private final Map<String, String> productGroupToSource = new HashMap<>();

  // people: outcomes that differ from "as the state says"
  private final Set<PersonRef> deactivated = new HashSet<>();
  private final Set<PersonRef> activated = new HashSet<>();
  private final Set<PersonRef> held = new HashSet<>();
  private final Map<PersonRef, String> rekeyedTo = new HashMap<>();
  private final Map<String, PersonRef> rekeyedAccounts = new HashMap<>();
  private final Set<String> claimedAccounts = new HashSet<>();
  // accounts an ambiguous match claims on a certain tier (e.g. two same-named parents of one child)
  private final Set<String> certainlyClaimed = new HashSet<>();
  private final EnumMap<EntityType, List<Account>> vanished = new EnumMap<>(EntityType.class);
  private final EnumMap<EntityType, List<Account>> unlinked = new EnumMap<>(EntityType.class);
  private final EnumMap<EntityType, List<Person>> pending = new EnumMap<>(EntityType.class);
  private final List<Person> pendingCreates = new ArrayList<>();
  private final List<PendingRename> pendingRenames = new ArrayList<>();
  private final EnumMap<EntityType, Integer> baseline = new EnumMap<>(EntityType.class);
  private @Nullable Map<String, List<String>> productLinksByStudent;
  private @Nullable Map<String, List<String>> productLinksByContact;
  private @Nullable Boolean migration;
  private final EnumMap<EntityType, Integer> linkedActive = new EnumMap<>(EntityType.class);
  private final Set<EntityType> churned = java.util.EnumSet.noneOf(EntityType.class);

  // item 1: changes backed by explicit evidence (identity), and the people deactivated on it
  private final Set<Change> onEvidence =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private final Set<PersonRef> deactivatedOnEvidence = new HashSet<>();
  // item 5: keys that several people of a type share (UPNs of pupils, emails of staff)
  private final Set<PersonRef> duplicateKeyed = new HashSet<>();

  PlanRun(
      SyncPolicy policy,
      CredentialPolicy credentials,
      Clock clock,
      TargetState state,
      MisSnapshot snap,
      PlanBasis.Migration migrationSignal) {
    this.policy = policy;
    this.credentials = credentials;
    this.clock = clock;
    this.state = state;
    this.snap = snap;
    this.migrationSignal = migrationSignal;
    this.migrationAnnounced = migrationSignal == PlanBasis.Migration.ANNOUNCED;
    this.today = LocalDate.ofInstant(clock.instant(), policy.schoolZone());
    this.fields = new FieldRules(policy);
    this.correlators = new Correlators(policy, fields);
    this.membershipDiff =
        new MembershipDiff(policy, snap, today, liveGroups, productGroupToSource, memberships);
    for (EntityType t : PEOPLE) {
      deactivations.put(t, new ArrayList<>());
      vanished.put(t, new ArrayList<>());
      unlinked.put(t, new ArrayList<>());
      pending.put(t, new ArrayList<>());
      baseline.put(t, 0);
    }
  }

  Plan run() {
    surveyAccounts();
    new GroupStage(policy, state, snap, today, migrationUnderway())
        .plan(groupCreates, groupUpdates, archives, liveGroups, productGroupToSource);
    if (policy.syncs(EntityType.STUDENT)) {
      DuplicateKeys.find(snap, EntityType.STUDENT, duplicateKeyed, reviews);
      for (Student s : snap.students()) {
        boolean leaver = policy.leavingDateMakesLeaver() && passed(s.leavingDate());
        if (!leaver && notYetAdmitted(s)) {
          continue;
        }
        person(s, !leaver, leaver ? Leavers.leavingDate(s) : null, true, leaver);
      }
      matchAndCreate(EntityType.STUDENT);
      leavers(EntityType.STUDENT);
    }
    if (policy.syncs(EntityType.STAFF)) {
      DuplicateKeys.find(snap, EntityType.STAFF, duplicateKeyed, reviews);
      for (StaffMember s : snap.staff()) {
        boolean leaver = policy.employmentEndMakesLeaver() && employmentOver(s.employmentEnd());
        person(s, !leaver, leaver ? Leavers.employmentEnded(s) : null, true, leaver);
      }
      matchAndCreate(EntityType.STAFF);
      leavers(EntityType.STAFF);
    }
    if (policy.syncs(EntityType.CONTACT)) {
      planContacts();
      matchAndCreate(EntityType.CONTACT);
      leavers(EntityType.CONTACT);
      planGuardianLinks();
    }
    for (SnapshotProblem p : snap.problems()) {
      reviews.add(RejectedRows.of(p));
    }
    chooseUsernames();
    return assemble();
  }

  private static <T> List<T> of(EnumMap<EntityType, List<T>> m, EntityType t) {
    return Objects.requireNonNull(m.get(t));
  }

  private List<Account> unlinkedOf(EntityType t) {
    return of(unlinked, t);
  }

  private List<Account> vanishedOf(EntityType t) {
    return of(vanished, t);
  }

  private List<Person> pendingOf(EntityType t) {
    return of(pending, t);
  }

  private List<Change> deactivationsOf(EntityType t) {
    return of(deactivations, t);
  }

  // ---------------------------------------------------------------- survey

  private void surveyAccounts() {
    for (Account a : state.accounts()) {
      EntityType k = a.kind();
      if (a.active()) {
        baseline.merge(k, 1, Integer::sum);
      }
      if (!policy.syncs(k) || a.isProtected()) {
        continue;
      }
      Optional<PersonRef> link = a.link();
      if (a.active() && link.isPresent()) {
        linkedActive.merge(k, 1, Integer::sum);
      }
      if (link.isEmpty()) {
        unlinkedOf(k).add(a);
      } else if (snap.person(link.get()).isEmpty()) {
        vanishedOf(k).add(a);
      }
    }
  }

  private boolean passed(Optional<LocalDate> day) {
    return day.isPresent() && day.get().isBefore(today);
  }

  /** Employment is over after its end date, or on it under a same-day dismissal policy. */
  private boolean employmentOver(Optional<LocalDate> end) {
    return policy.dismissals() == SyncPolicy.Dismissal.SAME_DAY
        ? end.isPresent() && !end.get().isAfter(today)
        : passed(end);
  }

  /**
   * A pupil whose admission date is still to come, under {@link
   * SyncPolicy.Admission#ON_ADMISSION_DATE}, who has no active account: not created, and an
   * inactive account is not reactivated, until that date (an active account is kept as it is).
   */
  private boolean notYetAdmitted(Student s) {
    if (policy.admissions() != SyncPolicy.Admission.ON_ADMISSION_DATE) {
      return false;
    }
    Optional<LocalDate> from = s.admissionDate();
    if (from.isEmpty() || !from.get().isAfter(today)) {
      return false;
    }
    Account acc = state.accountFor(s.ref()).orElse(null);
    return acc == null || !acc.active();
  }

  // ---------------------------------------------------------------- groups

  /**
   * True when an MIS migration is announced, or visible before people are matched: most linked,
   * active pupils' ids are gone from a complete snapshot while their UPN is there under a new id
   * (as the UPN or the former UPN). A year-end rollover changes class ids too, but never pupils'
   * ids, so it does not count.
   */
  private boolean migrationUnderway() {
    Boolean m = migration;
    if (m == null) {
      m = MigrationSignal.detect(migrationSignal, state, snap);
      migration = m;
    }
    return m;
  }

  /**
   * True when the type is migrating: an MIS migration is underway ({@link #migrationUnderway()}),
   * or the type shows mass id churn with matching keys (most of its linked, active accounts
   * vanished and each is matched by someone new: what a migration's later runs, or a migration of
   * staff alone, look like). A single leaver whose email a newcomer now has is not churn.
   */
  private boolean migrating(EntityType type) {
    return churned.contains(type) || migrationUnderway();
  }

  // ---------------------------------------------------------------- people

  /**
   * One person in the snapshot: handles a linked account, or queues the person for matching.
   *
   * @param mayDeactivate false when the snapshot cannot tell whether an unwanted person is a leaver
   */
  private void person(
      Person p,
      boolean wanted,
      @Nullable Reason notWanted,
      boolean mayDeactivate,
      boolean onEvidence) {
    PersonRef ref = p.ref();
    Account acc = state.accountFor(ref).orElse(null);
    if (acc != null) {
      if (acc.isProtected()) {
        return;
      }
      if (!wanted && !mayDeactivate) {
        return;
      }
      existing(p, ref, acc, wanted, notWanted, onEvidence);
    } else if (wanted) {
      pendingOf(p.entityType()).add(p);
    }
  }

  private void existing(
      Person p,
      PersonRef ref,
      Account acc,
      boolean wanted,
      @Nullable Reason notWanted,
      boolean onEvidence) {
    AccountRef aref = AccountRef.of(ref, acc.accountId());
    if (wanted && acc.suspended()) {
      // an operator's emergency deactivation stands until the MIS agrees: never reactivated; one
      // still active (flagged, not yet applied) goes now
      if (acc.active()) {
        deactivate(aref, OperatorSuspensions.suspended(), true);
      }
      return;
    }
    if (wanted) {
      if (!acc.active()) {
        Evidence ev =
            Evidence.of(
                "deactivatedOn", acc.deactivatedOn().map(LocalDate::toString).orElse("unknown"));
        if (policy.rejoiners() == SyncPolicy.RejoinerAction.REACTIVATE) {
          reactivations.add(new ReactivateAccount(aref, Rejoiners.rejoined(ev)));
          activated.add(ref);
        } else {
          reviews.add(
              new ReviewItem.PossibleDuplicate(
                  ref, acc.accountId(), MatchConfidence.CERTAIN, Rejoiners.rejoined(ev)));
          held.add(ref);
          return;
        }
      }
      fieldUpdates(p, acc, aref);
      membershipDiff.diff(ref, aref, acc);
    } else if (acc.active()) {
      deactivate(
          aref, Objects.requireNonNull(notWanted, "a reason for an unwanted person"), onEvidence);
    } else {
      maybeDelete(acc, aref);
    }
  }

  private void deactivate(AccountRef aref, Reason why, boolean evidence) {
    DeactivateAccount d = new DeactivateAccount(aref, why);
    deactivationsOf(aref.person().type()).add(d);
    deactivated.add(aref.person());
    if (evidence) {
      onEvidence.add(d);
      deactivatedOnEvidence.add(aref.person());
    }
  }

  /**
   * True when the person is inactive after the plan for a reason other than absence in this plan:
   * deactivated here on explicit evidence, or already inactive in the product.
   */
  private boolean inactiveOnEvidence(PersonRef ref) {
    if (activeAfter(ref)) {
      return false;
    }
    return !deactivated.contains(ref) || deactivatedOnEvidence.contains(ref);
  }

  private void maybeDelete(Account acc, AccountRef aref) {
    Optional<Period> grace = policy.hardDeleteAfter(acc.kind());
    Optional<LocalDate> since = acc.deactivatedOn();
    if (grace.isPresent() && since.isPresent() && !today.isBefore(since.get().plus(grace.get()))) {
      deletes.add(
          new DeleteAccount(aref, HardDeletes.gracePeriodExpired(since.get(), grace.get())));
    }
  }

  /**
   * Accounts of the type whose MIS person is gone: leavers, unless a match re-keyed them to a new
   * MIS id. An account that an uncertain match only claims (a review item on an email, name and
   * date of birth, or name and year match, or an ambiguity on those tiers) is still a leaver's
   * outside a migration: it is deactivated in this run while the review stands, and a person who
   * confirms the match links it to the new MIS id, after which it is reactivated as a re-joiner
   * (e.g. the departing SENCo whose senco@ address the new SENCo now has, or a Year 7 leaver and a
   * joiner with the same name: neither may keep or inherit access on a guess). Such an account is
   * left as it is until a person decides when:
   *
   * <ul>
   *   <li>the type is migrating (an announced or detected migration, or mass id churn of the type:
   *       see {@link #migrating}): nobody is deactivated and recreated; or
   *   <li>the ambiguity is on a certain tier (UPN, former UPN, or a contact's name and linked
   *       student, e.g. two parents of the same child with the same name): the person is certainly
   *       there, only which of the accounts is theirs is open.
   * </ul>
   */
  private void leavers(EntityType type) {
    boolean complete = snap.isComplete(type);
    for (Account acc : vanishedOf(type)) {
      if (claimedAccounts.contains(acc.accountId())
          && (rekeyedAccounts.containsKey(acc.accountId())
              || certainlyClaimed.contains(acc.accountId())
              || migrating(type))) {
        continue;
      }
      PersonRef old = acc.link().orElseThrow();
      AccountRef aref = AccountRef.of(old, acc.accountId());
      // a deletion the source reported means "left" even in a partial (delta) snapshot
      boolean deleted = snap.isDeleted(old);
      if (complete || deleted) {
        if (acc.active()) {
          deactivate(
              aref,
              deleted
                  ? Leavers.deleted(type, snap.completeness(type), snap.source().sourceKind())
                  : Leavers.leftSource(type),
              deleted);
        } else {
          maybeDelete(acc, aref);
        }
      } else if (type == EntityType.CONTACT && acc.active()) {
        int linked = linkedStudents(acc.accountId(), Set.of());
        if (linked != SOME_ACTIVE) {
          // the students it is linked to in the product have all left (even if only a partial
          // read could see them go): a contact goes with its last student, in the same run
          deactivate(
              aref,
              ContactsFollowLastChild.productLinksInactive(),
              linked == NONE_ACTIVE_ON_EVIDENCE);
        }
      }
    }
  }

  /**
   * Product links (contact account | student account) that the snapshot shows outright are no
   * longer eligible: the link is in the snapshot, both ends resolve, and it fails the policy (e.g.
   * parental responsibility withdrawn). Such a link is evidence on its own, even when the links are
   * only a partial read. Worked out afresh at each call: contacts matched in between (re-keyed in a
   * migration) resolve to their accounts only once matched.
   */
  private Set<String> explicitlyIneligibleLinks() {
    Set<String> out = new HashSet<>();
    for (GuardianLink l : snap.guardianLinks()) {
      if (eligible(l)) {
        continue;
      }
      String cAcc = accountIdAfter(l.contact());
      String sAcc = accountIdAfter(l.student());
      if (cAcc != null && sAcc != null) {
        out.add(cAcc + "|" + sAcc);
      }
    }
    return out;
  }

  private static final int SOME_ACTIVE = 0;
  private static final int NONE_ACTIVE = 1;
  private static final int NONE_ACTIVE_ON_EVIDENCE = 2;

  /**
   * Whether the contact's account is linked in the product to a student who is active after the
   * plan: {@link #SOME_ACTIVE} when it is (or when it has no product links: nothing is known);
   * otherwise {@link #NONE_ACTIVE_ON_EVIDENCE} when each link is in {@code notEligible} (shown
   * ineligible by the snapshot) or to a student inactive on evidence ({@link #inactiveOnEvidence}),
   * and {@link #NONE_ACTIVE} when some student's inactivity is only their absence.
   */
  private int linkedStudents(String contactAccountId, Set<String> notEligible) {
    boolean none = noActiveLinkedStudent(contactAccountId, notEligible);
    if (!none) {
      return SOME_ACTIVE;
    }
    for (String s :
        Objects.requireNonNull(productLinksByContact).getOrDefault(contactAccountId, List.of())) {
      if (notEligible.contains(contactAccountId + "|" + s)) {
        continue;
      }
      Account sa = state.account(s).orElse(null);
      PersonRef ref = sa == null ? null : linkAfter(sa);
      if (ref != null && !inactiveOnEvidence(ref)) {
        return NONE_ACTIVE;
      }
    }
    return NONE_ACTIVE_ON_EVIDENCE;
  }

  /**
   * True when the contact's account has product links and every one of them, less those in {@code
   * notEligible}, is to a student whose account is inactive after the plan (or when all of them are
   * in {@code notEligible}). False when it has no product links: nothing is known.
   */
  private boolean noActiveLinkedStudent(String contactAccountId, Set<String> notEligible) {
    Map<String, List<String>> byContact = productLinksByContact;
    if (byContact == null) {
      byContact = new HashMap<>();
      for (ProductGuardianLink l : state.guardianLinks()) {
        byContact
            .computeIfAbsent(l.contactAccountId(), k -> new ArrayList<>(2))
            .add(l.studentAccountId());
      }
      productLinksByContact = byContact;
    }
    List<String> students = byContact.getOrDefault(contactAccountId, List.of());
    if (students.isEmpty()) {
      return false;
    }
    for (String s : students) {
      if (!notEligible.contains(contactAccountId + "|" + s) && accountActiveAfter(s)) {
        return false;
      }
    }
    return true;
  }

  private void planContacts() {
    boolean canDecide =
        snap.isComplete(EntityType.GUARDIAN_LINK) && snap.isComplete(EntityType.STUDENT);
    Set<String> explicitIneligible = null;
    for (Contact c : snap.contacts()) {
      boolean eligibleContact = !policy.contactRequiresEmail() || c.email().isPresent();
      int eligibleLinks = 0;
      boolean anyActive = false;
      for (GuardianLink l : snap.linksOfContact(c.id())) {
        if (eligible(l)) {
          eligibleLinks++;
          if (activeAfter(l.student())) {
            anyActive = true;
            break;
          }
        }
      }
      boolean wanted = eligibleContact && anyActive;
      Reason why = null;
      if (!wanted) {
        if (!eligibleContact || eligibleLinks == 0) {
          why = ContactsFollowLastChild.notEligible(eligibleLinks, !eligibleContact);
        } else {
          why = ContactsFollowLastChild.noActiveStudent(eligibleLinks);
        }
      }
      boolean evidence = false;
      if (!wanted) {
        Account acc = state.accountFor(c.ref()).orElse(null);
        if (acc != null && acc.active() && !acc.isProtected()) {
          if (explicitIneligible == null) {
            explicitIneligible = explicitlyIneligibleLinks();
          }
          int linked = linkedStudents(acc.accountId(), explicitIneligible);
          // a contact follows, on evidence, students who left on evidence or links the snapshot
          // shows are no longer eligible (parental responsibility withdrawn)
          evidence = eligibleContact && linked == NONE_ACTIVE_ON_EVIDENCE;
          if (!canDecide && !anyActive && linked != SOME_ACTIVE) {
            // a partial read cannot decide from absence; it can from what the product knows: the
            // contact's last linked student left in this run (deleted, leaving date passed), or
            // the snapshot shows its remaining links are no longer eligible
            deactivate(
                AccountRef.of(c.ref(), acc.accountId()),
                ContactsFollowLastChild.productLinksInactive(eligibleLinks),
                linked == NONE_ACTIVE_ON_EVIDENCE);
            continue;
          }
        }
      }
      person(c, wanted, why, canDecide, evidence);
    }
  }

  private boolean eligible(GuardianLink l) {
    if (policy.contactRequiresParentalResponsibility() && !l.parentalResponsibility()) {
      return false;
    }
    var max = policy.contactMaxPriority();
    return max.isEmpty() || l.priority().orElse(1) <= max.getAsInt();
  }

  /** Whether the person will have an active account once the plan is applied. */
  private boolean activeAfter(PersonRef ref) {
    if (!deactivated.isEmpty() && deactivated.contains(ref)) {
      return false;
    }
    if (!activated.isEmpty() && activated.contains(ref)) {
      return true;
    }
    if (!held.isEmpty() && held.contains(ref)) {
      return false;
    }
    Account acc = accountAfter(ref);
    return acc != null && acc.active();
  }

  /** The existing account the person has once re-keys are applied (null for none or new). */
  private @Nullable Account accountAfter(PersonRef ref) {
    String id = rekeyedTo.isEmpty() ? null : rekeyedTo.get(ref);
    return id != null ? state.account(id).orElse(null) : state.accountFor(ref).orElse(null);
  }

  private boolean accountActiveAfter(String accountId) {
    Account acc = state.account(accountId).orElse(null);
    if (acc == null) {
      return false;
    }
    PersonRef ref = linkAfter(acc);
    return ref == null ? acc.active() : activeAfter(ref);
  }

  private @Nullable PersonRef linkAfter(Account acc) {
    PersonRef r = rekeyedAccounts.get(acc.accountId());
    return r != null ? r : acc.link().orElse(null);
  }

  private @Nullable String accountIdAfter(PersonRef ref) {
    Account acc = accountAfter(ref);
    return acc == null ? null : acc.accountId();
  }

  // ---------------------------------------------------------------- fields

  private void fieldUpdates(Person p, Account acc, AccountRef aref) {
    FieldRules.Diff d = fields.diff(p, acc);
    if (d == null) {
      return;
    }
    if (d.renamed()
        && policy.renames() == SyncPolicy.RenameAction.REGENERATE_USERNAME
        && !policy.productOwnedFields().contains(AccountField.USERNAME)) {
      pendingRenames.add(new PendingRename(p, acc, aref, d.changes()));
      return;
    }
    updates.add(new UpdateAccount(aref, d.changes(), FieldRules.reason(d.changes())));
  }

  // ---------------------------------------------------------------- matching

  private void matchAndCreate(EntityType type) {
    List<Person> people = pendingOf(type);
    if (people.isEmpty()) {
      return;
    }
    people.sort(Comparator.comparing(Person::ref));
    List<Account> candidates = new ArrayList<>(vanishedOf(type));
    candidates.addAll(unlinkedOf(type));
    Map<Person, Match> proposals = new HashMap<>();
    Map<String, List<Person>> byAccount = new TreeMap<>();
    if (!candidates.isEmpty()) {
      candidates.sort(Comparator.comparing(Account::accountId));
      EnumMap<MatchTier, Map<String, List<Account>>> index = new EnumMap<>(MatchTier.class);
      for (MatchTier t : Correlators.TIER_ORDER) {
        if (!policy.matchTiers().contains(t) || t == MatchTier.NAME_AND_LINKED_STUDENT) {
          continue;
        }
        Map<String, List<Account>> m = new HashMap<>();
        for (Account a : candidates) {
          String k = Correlators.accountKey(a, t);
          if (k != null) {
            m.computeIfAbsent(k, x -> new ArrayList<>(1)).add(a);
          }
        }
        index.put(t, m);
      }
      Map<String, Account> candidateById = new HashMap<>();
      for (Account a : candidates) {
        candidateById.put(a.accountId(), a);
      }
      List<Person> several = new ArrayList<>();
      Map<Person, Match> severalMatches = new HashMap<>();
      for (Person p : people) {
        Match m = find(p, index, candidateById);
        if (m == null) {
          continue;
        }
        if (m.accounts.size() > 1) {
          several.add(p);
          severalMatches.put(p, m);
        } else {
          proposals.put(p, m);
          byAccount.computeIfAbsent(m.accounts.get(0).accountId(), k -> new ArrayList<>()).add(p);
        }
      }
      // an account that one person alone matches with certainty is not open to someone else's
      // ambiguous match (two parents of one child with the same name, one of whom is re-keyed
      // by a surer key): what is left of the ambiguity is decided now, not on the next run
      Set<String> surelyTaken = new HashSet<>();
      for (Map.Entry<String, List<Person>> e : byAccount.entrySet()) {
        if (e.getValue().size() == 1
            && !duplicateKeyed.contains(e.getValue().get(0).ref())
            && Correlators.confidence(
                    Objects.requireNonNull(proposals.get(e.getValue().get(0))).tier)
                == MatchConfidence.CERTAIN) {
          surelyTaken.add(e.getKey());
        }
      }
      for (Person p : several) {
        Match m = Objects.requireNonNull(severalMatches.get(p));
        List<Account> left = new ArrayList<>();
        for (Account a : m.accounts) {
          if (!surelyTaken.contains(a.accountId())) {
            left.add(a);
          }
        }
        if (left.isEmpty()) {
          continue; // every candidate is surely someone else's: this is a new person
        }
        Match narrowed = left.size() == m.accounts.size() ? m : new Match(m.tier, left);
        if (left.size() > 1) {
          ambiguous(p, narrowed);
        } else {
          proposals.put(p, narrowed);
          byAccount.computeIfAbsent(left.get(0).accountId(), k -> new ArrayList<>()).add(p);
        }
      }
    }
    // mass id churn for the type: most of its linked, active accounts vanished and a new person
    // matches each (the runs after a migration's first, or a migration of staff only)
    int churn = 0;
    for (Account a : vanishedOf(type)) {
      if (a.active()
          && (byAccount.containsKey(a.accountId()) || claimedAccounts.contains(a.accountId()))) {
        churn++;
      }
    }
    if (churn > 0 && churn * 2 > linkedActive.getOrDefault(type, 0)) {
      churned.add(type);
    }
    for (Map.Entry<String, List<Person>> e : byAccount.entrySet()) {
      List<Person> claimants = e.getValue();
      if (claimants.size() > 1) {
        for (Person p : claimants) {
          ambiguous(p, Objects.requireNonNull(proposals.get(p)));
        }
        continue;
      }
      Person p = claimants.get(0);
      Match m = Objects.requireNonNull(proposals.get(p));
      Account acc = m.accounts.get(0);
      claimedAccounts.add(acc.accountId());
      MatchConfidence conf = Correlators.confidence(m.tier);
      String matchedOn = m.tier.name();
      if (m.tier == MatchTier.EMAIL
          && p.entityType() == EntityType.STAFF
          && migrationUnderway()
          && Correlators.surnameAgrees(p, acc)) {
        // in a migration a member of staff whose work email and surname both agree is certain
        conf = MatchConfidence.CERTAIN;
        matchedOn = "EMAIL_AND_SURNAME";
      }
      // outside an announced or detected migration a LIKELY (email) match to a leaver's account
      // is always reviewed, even with autoApplyLikelyMatches: a role address (senco@, head@)
      // passes from the leaver to a new person, who must not inherit the account and its
      // credentials without a person's say (mass id churn of the type is not enough for that)
      boolean autoLikely =
          policy.autoApplyLikelyMatches() && (acc.link().isEmpty() || migrationUnderway());
      boolean duplicate = duplicateKeyed.contains(p.ref());
      if (!duplicate
          && (conf == MatchConfidence.CERTAIN || (conf == MatchConfidence.LIKELY && autoLikely))) {
        rekey(p, acc, matchedOn, conf);
      } else {
        // a key that several people share never hands anyone an existing account
        reviews.add(
            new ReviewItem.PossibleDuplicate(
                p.ref(),
                acc.accountId(),
                duplicate ? MatchConfidence.POSSIBLE : conf,
                UncertainMatches.uncertain(matchedOn, duplicate)));
        held.add(p.ref());
      }
    }
    for (Person p : people) {
      PersonRef ref = p.ref();
      if (held.contains(ref) || rekeyedTo.containsKey(ref) || duplicateKeyed.contains(ref)) {
        continue;
      }
      pendingCreates.add(p);
      activated.add(ref);
      membershipDiff.diff(ref, AccountRef.pending(ref), null);
    }
  }

  private void ambiguous(Person p, Match m) {
    List<String> ids = new ArrayList<>();
    boolean certain = Correlators.confidence(m.tier) == MatchConfidence.CERTAIN;
    for (Account a : m.accounts) {
      ids.add(a.accountId());
      claimedAccounts.add(a.accountId());
      if (certain) {
        certainlyClaimed.add(a.accountId());
      }
    }
    if (held.add(p.ref())) {
      reviews.add(
          new ReviewItem.AmbiguousMatch(p.ref(), ids, UncertainMatches.ambiguous(m.tier.name())));
    }
  }

  private void rekey(Person p, Account acc, String matchedOn, MatchConfidence conf) {
    PersonRef ref = p.ref();
    PersonRef previous = acc.link().orElse(null);
    Evidence ev = Evidence.of("matchedOn", matchedOn);
    if (previous != null) {
      ev = ev.with("previousId", previous.id()).with("newId", ref.id());
    }
    if (migrationAnnounced) {
      ev = ev.with("migrationAnnounced", "true");
    }
    rekeys.add(
        new RekeyAccount(
            acc.accountId(), previous, ref, conf, Rekeys.person(previous != null, ev)));
    rekeyedTo.put(ref, acc.accountId());
    rekeyedAccounts.put(acc.accountId(), ref);
    activated.add(ref);
    existing(p, ref, acc, true, null, false);
  }

  private @Nullable Match find(
      Person p, EnumMap<MatchTier, Map<String, List<Account>>> index, Map<String, Account> byId) {
    for (MatchTier t : Correlators.TIER_ORDER) {
      if (!policy.matchTiers().contains(t)) {
        continue;
      }
      List<Account> hits;
      if (t == MatchTier.NAME_AND_LINKED_STUDENT) {
        hits = p instanceof Contact c ? byLinkedStudent(c, byId) : List.of();
      } else {
        Map<String, List<Account>> m = index.get(t);
        String k = correlators.personKey(p, t, true);
        hits = k == null || m == null ? List.of() : m.getOrDefault(k, List.of());
        if (m != null && (t == MatchTier.NAME_DOB || t == MatchTier.NAME_YEAR)) {
          String shown = correlators.personKey(p, t, false);
          List<Account> more = shown == null ? List.of() : m.getOrDefault(shown, List.of());
          if (!more.isEmpty()) {
            if (hits.isEmpty()) {
              hits = more;
            } else {
              TreeMap<String, Account> merged = new TreeMap<>();
              hits.forEach(a -> merged.put(a.accountId(), a));
              more.forEach(a -> merged.put(a.accountId(), a));
              hits = new ArrayList<>(merged.values());
            }
          }
        }
      }
      if (!hits.isEmpty()) {
        return new Match(t, hits);
      }
    }
    return null;
  }

  private List<Account> byLinkedStudent(Contact c, Map<String, Account> candidates) {
    Map<String, List<String>> byStudent = productLinksByStudent;
    if (byStudent == null) {
      byStudent = new HashMap<>();
      for (ProductGuardianLink l : state.guardianLinks()) {
        byStudent
            .computeIfAbsent(l.studentAccountId(), k -> new ArrayList<>(2))
            .add(l.contactAccountId());
      }
      productLinksByStudent = byStudent;
    }
    String legalKey = correlators.personNameKey(c, true);
    String shownKey = correlators.personNameKey(c, false);
    TreeMap<String, Account> hits = new TreeMap<>();
    for (GuardianLink l : snap.linksOfContact(c.id())) {
      String studentAccount = accountIdAfter(l.student());
      if (studentAccount == null) {
        continue;
      }
      for (String contactAccount : byStudent.getOrDefault(studentAccount, List.of())) {
        Account a = candidates.get(contactAccount);
        String k = a == null ? null : Correlators.accountNameKey(a);
        if (a != null && (legalKey.equals(k) || shownKey.equals(k))) {
          hits.put(a.accountId(), a);
        }
      }
    }
    return new ArrayList<>(hits.values());
  }

  private static final class Match {
    final MatchTier tier;
    final List<Account> accounts;

    Match(MatchTier tier, List<Account> accounts) {
      this.tier = tier;
      this.accounts = accounts;
    }
  }

  private static final class PendingRename {
    final Person person;
    final Account account;
    final AccountRef ref;
    final List<FieldChange> diffs;

    PendingRename(
        Person person, Account account, AccountRef ref, @Nullable List<FieldChange> diffs) {
      this.person = person;
      this.account = account;
      this.ref = ref;
      this.diffs = diffs == null ? new ArrayList<>() : diffs;
    }
  }

  // ---------------------------------------------------------------- guardian links

  private void planGuardianLinks() {
    // product links by contact account: a contact has few, so a short list each
    Map<String, List<ProductGuardianLink>> byContact = new HashMap<>();
    for (ProductGuardianLink l : state.guardianLinks()) {
      byContact.computeIfAbsent(l.contactAccountId(), k -> new ArrayList<>(2)).add(l);
    }
    Set<ProductGuardianLink> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (GuardianLink l : snap.guardianLinks()) {
      if (!eligible(l)) {
        continue;
      }
      PersonRef cRef = l.contact();
      PersonRef sRef = l.student();
      if (!activeAfter(cRef) || !activeAfter(sRef)) {
        continue;
      }
      Account cAccount = accountAfter(cRef);
      Account sAccount = accountAfter(sRef);
      if ((cAccount != null && cAccount.isProtected())
          || (sAccount != null && sAccount.isProtected())) {
        continue;
      }
      String cAcc = cAccount == null ? null : cAccount.accountId();
      String sAcc = sAccount == null ? null : sAccount.accountId();
      AccountRef c = new AccountRef(cRef, cAcc);
      AccountRef s = new AccountRef(sRef, sAcc);
      int priority = l.priority().orElse(0);
      if (cAcc != null && sAcc != null) {
        ProductGuardianLink have = null;
        for (ProductGuardianLink pl : byContact.getOrDefault(cAcc, List.of())) {
          if (pl.studentAccountId().equals(sAcc)) {
            have = pl;
          }
        }
        if (have != null) {
          seen.add(have);
          if (!have.relationship().equals(l.relationship())
              || have.parentalResponsibility() != l.parentalResponsibility()) {
            guardianLinks.add(
                new LinkGuardian(
                    c,
                    s,
                    l.relationship(),
                    l.parentalResponsibility(),
                    priority,
                    GuardianLinkRules.changed(have.relationship(), have.parentalResponsibility())));
          }
          continue;
        }
      }
      guardianLinks.add(
          new LinkGuardian(
              c,
              s,
              l.relationship(),
              l.parentalResponsibility(),
              priority,
              GuardianLinkRules.added(l.relationship())));
    }
    boolean complete = snap.isComplete(EntityType.GUARDIAN_LINK);
    // a partial read cannot unlink by absence, only the links it shows are no longer eligible
    Set<String> explicit = complete ? Set.of() : explicitlyIneligibleLinks();
    if ((!complete && explicit.isEmpty()) || seen.size() == state.guardianLinks().size()) {
      return;
    }
    @Nullable Set<String> explicitAll = complete ? null : explicit;
    Set<String> unresolved = new HashSet<>();
    for (GuardianLink l : snap.unresolvedGuardianLinks()) {
      String cAcc = accountIdAfter(l.contact());
      String sAcc = accountIdAfter(l.student());
      if (cAcc != null && sAcc != null) {
        unresolved.add(cAcc + "|" + sAcc);
      }
    }
    for (ProductGuardianLink pl : state.guardianLinks()) {
      if (seen.contains(pl)
          || unresolved.contains(pl.key())
          || (!complete && !explicit.contains(pl.key()))) {
        continue;
      }
      Account ca = state.account(pl.contactAccountId()).orElse(null);
      Account sa = state.account(pl.studentAccountId()).orElse(null);
      if (ca == null || sa == null || ca.isProtected() || sa.isProtected()) {
        continue;
      }
      if (underReview(ca.accountId()) || underReview(sa.accountId())) {
        // a person must decide who this account is; until then its links stay as they are
        continue;
      }
      PersonRef cp = linkAfter(ca);
      PersonRef sp = linkAfter(sa);
      if (cp == null || sp == null) {
        continue;
      }
      UnlinkGuardian u =
          new UnlinkGuardian(
              AccountRef.of(cp, ca.accountId()),
              AccountRef.of(sp, sa.accountId()),
              GuardianLinkRules.removed(pl.relationship(), complete));
      guardianLinks.add(u);
      // backed by evidence: the snapshot shows the link is no longer eligible, or an end of it was
      // deactivated on evidence in this plan
      if (deactivatedOnEvidence.contains(cp) || deactivatedOnEvidence.contains(sp)) {
        onEvidence.add(u);
      } else {
        if (explicitAll == null) {
          explicitAll = explicitlyIneligibleLinks();
        }
        if (explicitAll.contains(pl.key())) {
          onEvidence.add(u);
        }
      }
    }
  }

  private boolean underReview(String accountId) {
    return claimedAccounts.contains(accountId) && !rekeyedAccounts.containsKey(accountId);
  }

  private boolean isProtected(@Nullable String accountId) {
    return accountId != null && state.account(accountId).map(Account::isProtected).orElse(false);
  }

  // ---------------------------------------------------------------- usernames

  private void chooseUsernames() {
    if (pendingCreates.isEmpty() && pendingRenames.isEmpty()) {
      return;
    }
    Set<String> taken = new HashSet<>();
    for (Account a : state.accounts()) {
      a.username().ifPresent(taken::add);
    }
    List<Object> work = new ArrayList<>(pendingCreates);
    work.addAll(pendingRenames);
    work.sort(Comparator.comparing(PlanRun::workRef));
    for (Object w : work) {
      if (w instanceof Person p) {
        String name = credentials.usernames(p).generate(p, c -> !taken.contains(c));
        taken.add(name);
        creates.add(
            new CreateAccount(
                AccountRef.pending(p.ref()),
                fields.createFields(p),
                name,
                credentials.passwordPolicyFor(p),
                null,
                Joiners.account(p.entityType())));
      } else {
        PendingRename r = (PendingRename) w;
        String own = r.account.username().orElse(null);
        String name =
            credentials
                .usernames(r.person)
                .generate(r.person, c -> c.equals(own) || !taken.contains(c));
        taken.add(name);
        List<FieldChange> diffs = new ArrayList<>(r.diffs);
        if (!name.equals(own)) {
          diffs.add(new FieldChange(AccountField.USERNAME, own, name));
        }
        updates.add(new UpdateAccount(r.ref, diffs, FieldRules.reason(diffs)));
      }
    }
  }

  private static PersonRef workRef(Object w) {
    return w instanceof Person p ? p.ref() : ((PendingRename) w).ref.person();
  }

  // ---------------------------------------------------------------- assemble

  private Plan assemble() {
    List<Change> all = new ArrayList<>();
    // leavers first: their access goes before anything else is tried, so no later change (a
    // create the product rejects, a sink that throws, a process that dies) can leave them with it
    for (EntityType t : PEOPLE) {
      addSorted(all, deactivationsOf(t), ChangeOrder.BY_SUBJECT);
    }
    addSorted(all, groupCreates, ChangeOrder.BY_GROUP);
    addSorted(all, groupUpdates, ChangeOrder.BY_GROUP);
    addSorted(all, rekeys, ChangeOrder.BY_SUBJECT);
    addSorted(all, creates, ChangeOrder.BY_SUBJECT);
    addSorted(all, reactivations, ChangeOrder.BY_SUBJECT);
    addSorted(all, updates, ChangeOrder.BY_SUBJECT);
    addSorted(all, memberships, ChangeOrder.BY_SUBJECT);
    addSorted(all, guardianLinks, ChangeOrder.BY_SUBJECT);
    addSorted(all, archives, ChangeOrder.BY_GROUP);
    addSorted(all, deletes, ChangeOrder.BY_SUBJECT);
    reviews.sort(ChangeOrder.REVIEWS);
    int groupsBase = 0;
    for (ProductGroup g : state.groups()) {
      if (!g.archived()) {
        groupsBase++;
      }
    }
    baseline.put(EntityType.GROUP, groupsBase);
    baseline.put(EntityType.GUARDIAN_LINK, state.guardianLinks().size());
    baseline.put(EntityType.MEMBERSHIP, managedMemberships());
    PlanStatistics stats = PlanStatistics.of(all, baseline);
    String id =
        PlanFingerprint.of(
            state.schoolId(),
            state.version(),
            migrationAnnounced,
            migrationSignal == PlanBasis.Migration.IN_PROGRESS,
            all,
            reviews);
    List<Change> evidenceBacked = new ArrayList<>();
    if (!onEvidence.isEmpty()) {
      for (Change c : all) {
        if (onEvidence.contains(c)) {
          evidenceBacked.add(c);
        }
      }
    }
    return new Plan(
        id,
        state.schoolId(),
        state.version(),
        clock.instant(),
        all,
        reviews,
        stats,
        null,
        basis(),
        evidenceBacked);
  }

  private PlanBasis basis() {
    Set<EntityType> migratingTypes = java.util.EnumSet.noneOf(EntityType.class);
    for (EntityType t : PEOPLE) {
      if (policy.syncs(t) && migrating(t)) {
        migratingTypes.add(t);
      }
    }
    EnumMap<EntityType, Completeness> completeness = new EnumMap<>(EntityType.class);
    EnumMap<EntityType, Integer> counts = new EnumMap<>(EntityType.class);
    EnumMap<EntityType, Long> sourceCounts = new EnumMap<>(EntityType.class);
    for (EntityType t : EntityType.values()) {
      completeness.put(t, snap.completeness(t));
      counts.put(t, snap.count(t));
      snap.sourceCount(t).ifPresent(n -> sourceCounts.put(t, n));
    }
    return new PlanBasis(
        today, migrationSignal, migratingTypes, completeness, counts, sourceCounts);
  }

  /** The product's memberships of active accounts in live groups the MIS manages. */
  private int managedMemberships() {
    Set<String> managed = new HashSet<>();
    for (ProductGroup g : state.groups()) {
      if (g.sourceGroupId() != null && !g.archived()) {
        managed.add(g.groupId());
      }
    }
    if (managed.isEmpty()) {
      return 0;
    }
    int n = 0;
    for (Account a : state.accounts()) {
      if (!a.active()) {
        continue;
      }
      for (String g : a.groups().keySet()) {
        if (managed.contains(g)) {
          n++;
        }
      }
    }
    return n;
  }

  private static void addSorted(List<Change> out, List<Change> bucket, Comparator<Change> order) {
    bucket.sort(order);
    out.addAll(bucket);
  }
}
