package io.missync.testkit.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.Contact;
import io.missync.core.model.Group;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.Membership;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import io.missync.core.plan.Change;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.CreateAccount;
import io.missync.core.plan.DeactivateAccount;
import io.missync.core.plan.GateVerdict;
import io.missync.core.plan.HoldReason;
import io.missync.core.plan.MatchConfidence;
import io.missync.core.plan.Plan;
import io.missync.core.plan.RekeyAccount;
import io.missync.core.state.Account;
import io.missync.core.state.TargetState;
import io.missync.reconcile.Planner;
import io.missync.reconcile.SyncPolicy;
import io.missync.testkit.gen.SchoolMutation;
import io.missync.testkit.gen.SchoolMutations;
import io.missync.testkit.gen.Schools;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the planner, gate and applier over generated schools. */
class PlannerProperties {

  @Provide
  Arbitrary<MisSnapshot> schools() {
    return Schools.schools(0, 30);
  }

  @Provide
  Arbitrary<MisSnapshot> biggerSchools() {
    return Schools.schools(30, 60);
  }

  @Provide
  Arbitrary<SchoolMutation> mutations() {
    return SchoolMutations.mutations(Schools.TODAY);
  }

  @Property(tries = 100)
  void aProvisionedProductNeedsNoChanges(@ForAll("schools") MisSnapshot school) {
    World w = new World(school);
    Plan again = w.harness.plan(school);
    assertEquals(List.of(), again.changes(), "plan of a state that mirrors the snapshot");
    assertTrue(w.sinkDisagreements().isEmpty(), () -> w.sinkDisagreements().toString());
  }

  @Property(tries = 100)
  void inputOrderDoesNotChangeThePlan(
      @ForAll("schools") MisSnapshot school,
      @ForAll("mutations") SchoolMutation mutation,
      @ForAll long shuffleSeed) {
    World w = new World(school);
    MisSnapshot next = mutation.apply(school);
    MisSnapshot shuffled = shuffle(next, new Random(shuffleSeed));
    TargetState state = w.state();
    Planner planner = w.harness.planner();
    Plan a = planner.plan(state, next);
    Plan b = planner.plan(state, shuffled);
    assertEquals(a.id(), b.id());
    assertEquals(a.changes(), b.changes());
    assertEquals(a.reviewItems(), b.reviewItems());
    assertEquals(a, b);
  }

  @Property(tries = 100)
  void applyingThePlanConverges(
      @ForAll("schools") MisSnapshot school, @ForAll("mutations") SchoolMutation mutation) {
    World w = new World(school);
    w.next(mutation.apply(school));
    Plan again = w.harness.plan(w.snapshot);
    assertEquals(List.of(), w.unsettled(again), "after " + mutation);
    assertTrue(w.sinkDisagreements().isEmpty(), () -> w.sinkDisagreements().toString());
  }

  @Property(tries = 100)
  void afterApplyNoLeaverHasAnActiveAccount(
      @ForAll("schools") MisSnapshot school, @ForAll("mutations") SchoolMutation mutation) {
    World w = new World(school);
    w.next(mutation.apply(school));
    assertEquals(List.of(), w.activeLeavers(), "after " + mutation);
  }

  @Property(tries = 100)
  void aContactIsActiveIffALinkedStudentIsActive(
      @ForAll("schools") MisSnapshot school, @ForAll("mutations") SchoolMutation mutation) {
    World w = new World(school);
    assertEquals(List.of(), w.contactRuleViolations(), "first sync");
    w.next(mutation.apply(school));
    assertEquals(List.of(), w.contactRuleViolations(), "after " + mutation);
  }

  @Property(tries = 100)
  void noPlanCreatesAndDeactivatesTheSamePerson(
      @ForAll("schools") MisSnapshot school, @ForAll("mutations") SchoolMutation mutation) {
    World w = new World(school);
    Plan p = w.harness.plan(mutation.apply(school));
    Set<PersonRef> created = new HashSet<>();
    Set<PersonRef> deactivated = new HashSet<>();
    Set<String> rekeyedAccounts = new HashSet<>();
    Set<String> deactivatedAccounts = new HashSet<>();
    for (Change c : p.changes()) {
      if (c instanceof CreateAccount ca) {
        created.add(ca.account().person());
      } else if (c instanceof DeactivateAccount d) {
        deactivated.add(d.account().person());
        deactivatedAccounts.add(d.account().accountId());
      } else if (c instanceof RekeyAccount r) {
        rekeyedAccounts.add(r.accountId());
        created.add(r.next());
      }
    }
    created.retainAll(deactivated);
    assertEquals(Set.of(), created);
    rekeyedAccounts.retainAll(deactivatedAccounts);
    assertEquals(Set.of(), rekeyedAccounts);
  }

  @Property(tries = 100)
  void aPartialSnapshotNeverDeactivatesAnyone(
      @ForAll("schools") MisSnapshot school,
      @ForAll("personTypes") EntityType type,
      @ForAll @IntRange(min = 0, max = 90) int keepPercent,
      @ForAll long seed) {
    World w = new World(school);
    Plan p = w.harness.plan(SchoolMutations.partial(school, type, keepPercent, seed));
    for (Change c : p.changes()) {
      assertFalse(
          c.kind() == ChangeKind.DEACTIVATE_ACCOUNT
              || c.kind() == ChangeKind.DELETE_ACCOUNT
              || c.kind() == ChangeKind.UNLINK_GUARDIAN
              || c.kind() == ChangeKind.LEAVE_GROUP,
          () -> "partial " + type + " planned " + c);
    }
  }

  @Provide
  Arbitrary<EntityType> personTypes() {
    return Arbitraries.of(EntityType.STUDENT, EntityType.STAFF, EntityType.CONTACT);
  }

  @Property(tries = 100)
  void anMisMigrationLosesNoAccountAndKeepsCredentials(@ForAll("schools") MisSnapshot school) {
    World w = new World(school);
    TargetState before = w.state();
    MisSnapshot migrated = SchoolMutations.migration(school);
    Plan p = w.harness.plan(migrated);
    // re-keys per person type: the gate judges a migration per type (GatePolicy)
    Map<EntityType, Integer> rekeys = new java.util.EnumMap<>(EntityType.class);
    for (Change c : p.changes()) {
      assertFalse(c instanceof DeactivateAccount, () -> "migration deactivated " + c);
      assertFalse(c.kind() == ChangeKind.DELETE_ACCOUNT);
      if (c instanceof RekeyAccount r && r.confidence() == MatchConfidence.CERTAIN) {
        rekeys.merge(r.entityType(), 1, Integer::sum);
      }
      if (c instanceof CreateAccount ca) {
        // only people who had no account before may be created
        PersonRef old = oldRef(ca.account().person());
        assertTrue(before.accountFor(old).isEmpty(), () -> "recreated " + old);
      }
    }
    w.harness.apply(p);
    w.snapshot = migrated;
    w.lastPlan = p;
    TargetState after = w.state();
    Set<String> review = w.underReview();
    for (Account a : before.accounts()) {
      Account now = after.account(a.accountId()).orElseThrow();
      assertEquals(a.active(), now.active(), "account " + a.accountId() + " changed state");
      assertEquals(a.username(), now.username());
      assertTrue(now.credentialsIssued());
      assertEquals(1, w.harness.sink().account(a.accountId()).orElseThrow().passwordsIssued());
      if (a.kind() == EntityType.STUDENT) {
        // students match certainly by UPN: the account follows the person to the new id
        assertEquals(
            new PersonRef(EntityType.STUDENT, "mig-" + a.link().orElseThrow().id()),
            now.link().orElseThrow());
      } else if (!review.contains(a.accountId())) {
        assertTrue(now.link().orElseThrow().id().startsWith("mig-"));
      }
    }
    GateVerdict v = w.harness.gate(p, migrated);
    if (rekeys.values().stream().anyMatch(n -> n > 10)) {
      assertTrue(
          v.reasons().stream().anyMatch(r -> r.code() == HoldReason.Code.MIGRATION_DETECTED),
          "mass re-keying is held as a migration");
    }
    assertEquals(List.of(), w.unsettled(w.harness.plan(migrated)), "a migration converges");
  }

  private static PersonRef oldRef(PersonRef migrated) {
    return new PersonRef(migrated.type(), migrated.id().substring("mig-".length()));
  }

  @Property(tries = 60)
  void aTruncatedSourceTripsTheGate(
      @ForAll("biggerSchools") MisSnapshot school,
      @ForAll @IntRange(min = 0, max = 80) int keepPercent,
      @ForAll long seed) {
    World w = new World(school);
    MisSnapshot cut = SchoolMutations.truncated(school, EntityType.STUDENT, keepPercent, seed);
    Plan p = w.harness.plan(cut);
    GateVerdict v = w.harness.gate(p, cut);
    assertTrue(v.isHeld());
    Set<HoldReason.Code> codes = new HashSet<>();
    v.reasons().forEach(r -> codes.add(r.code()));
    assertTrue(codes.contains(HoldReason.Code.COUNT_MISMATCH), codes::toString);
    if (cut.count(EntityType.STUDENT) == 0) {
      assertTrue(codes.contains(HoldReason.Code.EMPTY_SOURCE), codes::toString);
    }
  }

  @Property(tries = 60)
  void nextYearsGroupsLoadedEarlyMoveNobody(
      @ForAll("schools") MisSnapshot school, @ForAll @IntRange(min = 1, max = 200) int daysAhead) {
    World w = new World(school);
    LocalDate start = Schools.TODAY.plusDays(daysAhead);
    MisSnapshot early = SchoolMutations.nextYearLoadedEarly(school, start);
    assertEquals(List.of(), w.harness.plan(early).changes());
    // on the start day the new forms are created and joined
    Clock later = Clock.fixed(start.atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    Plan onTheDay =
        new Planner(SyncPolicy.defaults(), World.credentials(), later).plan(w.state(), early);
    boolean hasForms = early.groups().stream().anyMatch(g -> g.id().startsWith("next-"));
    boolean hasFormMembers =
        early.memberships().stream().anyMatch(m -> m.groupId().startsWith("next-"));
    assertEquals(
        hasForms, onTheDay.changes().stream().anyMatch(c -> c.kind() == ChangeKind.CREATE_GROUP));
    if (hasFormMembers) {
      assertTrue(onTheDay.changes().stream().anyMatch(c -> c.kind() == ChangeKind.JOIN_GROUP));
    }
  }

  /** The same snapshot with every list in another order. */
  static MisSnapshot shuffle(MisSnapshot s, Random r) {
    List<Student> students = new ArrayList<>(s.students());
    List<StaffMember> staff = new ArrayList<>(s.staff());
    List<Contact> contacts = new ArrayList<>(s.contacts());
    List<Group> groups = new ArrayList<>(s.groups());
    List<Membership> memberships = new ArrayList<>(s.memberships());
    List<GuardianLink> links = new ArrayList<>(s.guardianLinks());
    Collections.shuffle(students, r);
    Collections.shuffle(staff, r);
    Collections.shuffle(contacts, r);
    Collections.shuffle(groups, r);
    Collections.shuffle(memberships, r);
    Collections.shuffle(links, r);
    MisSnapshot.Builder b = MisSnapshot.builder(s.source());
    students.forEach(b::addStudent);
    staff.forEach(b::addStaff);
    contacts.forEach(b::addContact);
    groups.forEach(b::addGroup);
    memberships.forEach(b::addMembership);
    links.forEach(b::addGuardianLink);
    Map<EntityType, Long> counts = new HashMap<>();
    for (EntityType t : EntityType.values()) {
      b.completeness(t, s.completeness(t));
      s.sourceCount(t).ifPresent(n -> counts.put(t, n));
    }
    counts.forEach(b::sourceCount);
    return b.build();
  }
}
