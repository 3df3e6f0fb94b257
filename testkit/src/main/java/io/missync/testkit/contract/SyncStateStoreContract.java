package io.missync.testkit.contract;

import static io.missync.testkit.contract.StateAssertions.assertSameHeldPlan;
import static io.missync.testkit.contract.StateAssertions.assertSameState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.MissyncException;
import io.missync.core.model.GroupKind;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.plan.AccountRef;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.CreateAccount;
import io.missync.core.plan.CreateGroup;
import io.missync.core.plan.DeactivateAccount;
import io.missync.core.plan.GroupRef;
import io.missync.core.plan.HoldReason;
import io.missync.core.plan.LinkGuardian;
import io.missync.core.plan.PlanStatistics;
import io.missync.core.plan.Reason;
import io.missync.core.plan.ReasonCode;
import io.missync.core.spi.ApplyOutcome;
import io.missync.core.spi.ApplyRecord;
import io.missync.core.spi.AuditEvent;
import io.missync.core.spi.ChangeResult;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.Lease;
import io.missync.core.spi.StaleStateException;
import io.missync.core.spi.SyncStateStore;
import io.missync.core.state.Account;
import io.missync.core.state.AccountField;
import io.missync.core.state.ProductGroup;
import io.missync.core.state.ProductGuardianLink;
import io.missync.core.state.StateUpdate;
import io.missync.core.state.TargetState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SyncStateStore}, clause by clause, for implementers to prove their store.
 *
 * <pre>{@code
 * class MyStoreContractTest implements SyncStateStoreContract {
 *   public SyncStateStore newStore() { return new MyStore(...); }
 * }
 * }</pre>
 *
 * <p>It takes in the lease clauses ({@link SchoolLeaseContract}), two runs of one school racing
 * through a {@link io.missync.reconcile.SyncRunner} ({@link ConcurrentRunsContract}) and the
 * school-state clauses ({@link SchoolStateContract}).
 *
 * <p>Every test works on school ids of its own ({@link #newSchoolId()}), so {@link #newStore()} may
 * return the same store (one database) every time. Instants the tests store are whole milliseconds:
 * a store must keep at least millisecond precision. The store's clock is expected to be near the
 * system clock (within five minutes).
 */
public interface SyncStateStoreContract
    extends SchoolLeaseContract, ConcurrentRunsContract, SchoolStateContract {

  /** The store under test; may be shared between tests. */
  @Override
  SyncStateStore newStore();

  /** A school id no other test uses. */
  @Override
  default String newSchoolId() {
    return "contract-" + UUID.randomUUID();
  }

  // ------------------------------------------------------------------ fixtures

  /**
   * An account with every field set, in several scripts. It is suspended by an operator: a store
   * that loses the flag would let the planner reactivate the account.
   */
  static Account fullAccount(String id, String personId) {
    Account.Builder b =
        Account.builder(id, EntityType.STUDENT)
            .link(PersonRef.student(personId))
            .active(false)
            .deactivatedOn(LocalDate.of(2026, 7, 22))
            .username("zoë.nguyễn\t😀")
            .credentialsIssued(true)
            .protectedAccount(true)
            .suspended(true)
            .group("grp-7A", MembershipRole.MEMBER)
            .group("grp-ma\\N", MembershipRole.MAIN_TEACHER)
            .group("grp|x", MembershipRole.TEACHER);
    for (AccountField f : AccountField.values()) {
      b.field(f, f.name().toLowerCase(java.util.Locale.ROOT) + " Łódź 김 \\ \n \\N ü");
    }
    return b.build();
  }

  /** An account with every optional field absent. */
  static Account bareAccount(String id, EntityType kind) {
    return Account.builder(id, kind).build();
  }

  private static StateUpdate put(Account... accounts) {
    return new StateUpdate(
        List.of(accounts), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /** The contract's lease of the school (taken, or extended, for the journal writes). */
  static Lease lease(SyncStateStore store, String school) {
    return store.tryAcquireLease(school, "contract-run", Duration.ofHours(1)).orElseThrow();
  }

  private static ApplyOutcome outcome(ChangeResult r, StateUpdate u) {
    return new ApplyOutcome(ChangeKind.CREATE_ACCOUNT, "student:S1->acc-1", r, u);
  }

  private static HeldPlan held(String school, String plan, Instant at, List<HoldReason> reasons) {
    CreateAccount create =
        new CreateAccount(
            AccountRef.pending(PersonRef.student("S1")),
            Map.of(),
            "s1",
            "students",
            null,
            Reason.of(ReasonCode.NEW_IN_SOURCE));
    DeactivateAccount leave =
        new DeactivateAccount(
            AccountRef.of(PersonRef.staff("T1"), "acc-t1"), Reason.of(ReasonCode.LEFT_SOURCE));
    LinkGuardian link =
        new LinkGuardian(
            AccountRef.pending(PersonRef.contact("C1")),
            AccountRef.pending(PersonRef.student("S1")),
            Relationship.MOTHER,
            true,
            1,
            Reason.of(ReasonCode.GUARDIAN_ADDED));
    CreateGroup group =
        new CreateGroup(
            GroupRef.of("MIS-1", null),
            GroupKind.CLASS,
            "7A/Ma",
            "Maths",
            Reason.of(ReasonCode.NEW_IN_SOURCE));
    PlanStatistics stats =
        PlanStatistics.of(
            List.of(create, create, leave, link, group),
            Map.of(EntityType.STUDENT, 900, EntityType.STAFF, 80, EntityType.CONTACT, 1500));
    return new HeldPlan(school, plan, 7, at, reasons, stats, HeldPlan.Decision.PENDING, null, null);
  }

  private static void assertNearNow(Instant at) {
    Instant now = Instant.now();
    assertTrue(
        Duration.between(at, now).abs().compareTo(Duration.ofMinutes(5)) < 0,
        "the store's clock time " + at + " is not near now");
  }

  // ------------------------------------------------------------------ load and commit

  @Test
  default void loadOfAnUnknownSchoolIsTheEmptyStateAtVersionZero() {
    String school = newSchoolId();
    TargetState s = newStore().load(school);
    assertEquals(school, s.schoolId());
    assertEquals(0, s.version());
    assertTrue(s.accounts().isEmpty());
    assertTrue(s.groups().isEmpty());
    assertTrue(s.guardianLinks().isEmpty());
  }

  @Test
  default void everyCommitRaisesTheVersionByOneWithItsUpdate() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    assertEquals(1, store.commit(school, 0, put(bareAccount("acc-1", EntityType.STAFF))));
    TargetState one = store.load(school);
    assertEquals(1, one.version());
    assertEquals(List.of("acc-1"), one.accounts().stream().map(Account::accountId).toList());
    assertEquals(2, store.commit(school, 1, StateUpdate.none()));
    assertEquals(3, store.commit(school, 2, put(bareAccount("acc-2", EntityType.CONTACT))));
    TargetState three = store.load(school);
    assertEquals(3, three.version());
    assertEquals(2, three.accounts().size());
  }

  @Test
  default void aCommitFromAStaleVersionThrowsAndChangesNothing() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    store.commit(school, 0, put(bareAccount("acc-1", EntityType.STUDENT)));
    store.commit(school, 1, put(bareAccount("acc-2", EntityType.STUDENT)));
    TargetState before = store.load(school);
    for (long stale : new long[] {0, 1, 3, 99}) {
      StaleStateException e =
          assertThrows(
              StaleStateException.class,
              () -> store.commit(school, stale, put(bareAccount("acc-9", EntityType.STAFF))));
      assertEquals(stale, e.expectedVersion());
      assertEquals(2, e.actualVersion());
    }
    assertSameState(before, store.load(school));
  }

  @Test
  default void anUpdateThatBreaksTheStateRulesIsRefusedAndChangesNothing() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    Account linked = fullAccount("acc-1", "S1");
    store.commit(school, 0, put(linked));
    TargetState before = store.load(school);
    // a second account linked to the same MIS person
    Account twin =
        Account.builder("acc-2", EntityType.STUDENT).link(PersonRef.student("S1")).build();
    assertThrows(MissyncException.class, () -> store.commit(school, 1, put(twin)));
    assertSameState(before, store.load(school));
    // two groups mirroring the same MIS group, in one update
    StateUpdate twoGroups =
        new StateUpdate(
            List.of(bareAccount("acc-3", EntityType.STAFF)),
            List.of(),
            List.of(
                new ProductGroup("grp-1", "MIS-1", GroupKind.YEAR, "Year 7", null, false),
                new ProductGroup("grp-2", "MIS-1", GroupKind.YEAR, "Year 7", null, false)),
            List.of(),
            List.of(),
            List.of());
    assertThrows(MissyncException.class, () -> store.commit(school, 1, twoGroups));
    assertSameState(before, store.load(school));
    // relinking in one update (the old holder moves away) is fine
    Account moved = linked.toBuilder().link(PersonRef.student("S2")).build();
    assertEquals(2, store.commit(school, 1, put(twin, moved)));
  }

  @Test
  default void everyFieldOfAccountsGroupsAndLinksRoundTrips() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    Account full = fullAccount("acc-ü 1", "S-1");
    Account bareStaff = bareAccount("acc-2", EntityType.STAFF);
    Account bareContact = bareAccount("acc-3", EntityType.CONTACT);
    Account emptyUsername =
        Account.builder("acc-4", EntityType.CONTACT)
            .link(PersonRef.contact("C-4"))
            .username("")
            .build();
    ProductGroup full1 =
        new ProductGroup(
            "grp-1", "MIS-1", GroupKind.CLASS, "7A/Ma — Maths ✓", "Mathématiques", true);
    ProductGroup bare1 = new ProductGroup("grp-2", null, GroupKind.OTHER, "Chess 🏁", null, false);
    ProductGuardianLink link1 =
        new ProductGuardianLink("acc-3", "acc-ü 1", Relationship.of("Grand-mère"), true);
    ProductGuardianLink link2 =
        new ProductGuardianLink("acc-4", "acc-ü 1", Relationship.CARER, false);
    StateUpdate u =
        new StateUpdate(
            List.of(full, bareStaff, bareContact, emptyUsername),
            List.of(),
            List.of(full1, bare1),
            List.of(),
            List.of(link1, link2),
            List.of());
    TargetState expected = TargetState.empty(school).apply(u, 1);
    store.commit(school, 0, u);
    TargetState loaded = store.load(school);
    assertSameState(expected, loaded);
    Account back = loaded.account("acc-ü 1").orElseThrow();
    assertEquals(full.fields(), back.fields());
    assertEquals(full.groups(), back.groups());
    assertEquals(Optional.of(LocalDate.of(2026, 7, 22)), back.deactivatedOn());
    assertTrue(back.suspended(), "an operator's suspension must survive a reload");
    assertFalse(loaded.account("acc-2").orElseThrow().suspended());
    assertEquals(Optional.empty(), loaded.account("acc-2").orElseThrow().username());
    assertEquals(Optional.of(""), loaded.account("acc-4").orElseThrow().username());
    assertEquals(Optional.empty(), loaded.group("grp-2").orElseThrow().subjectName());
    assertEquals(Optional.of(full), loaded.accountFor(PersonRef.student("S-1")));
  }

  @Test
  default void removalsTakeAccountsGroupsAndLinksAway() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    ProductGuardianLink link = new ProductGuardianLink("acc-c", "acc-s", Relationship.MOTHER, true);
    StateUpdate seed =
        new StateUpdate(
            List.of(
                bareAccount("acc-s", EntityType.STUDENT), bareAccount("acc-c", EntityType.CONTACT)),
            List.of(),
            List.of(new ProductGroup("grp-1", "MIS-1", GroupKind.HOUSE, "Red", null, false)),
            List.of(),
            List.of(link),
            List.of());
    store.commit(school, 0, seed);
    StateUpdate remove =
        new StateUpdate(
            List.of(),
            List.of("acc-s", "acc-never"),
            List.of(),
            List.of("grp-1"),
            List.of(),
            List.of(link.key()));
    store.commit(school, 1, remove);
    TargetState after = store.load(school);
    assertSameState(TargetState.empty(school).apply(seed, 1).apply(remove, 2), after);
    assertEquals(List.of("acc-c"), after.accounts().stream().map(Account::accountId).toList());
    assertTrue(after.groups().isEmpty());
    assertTrue(after.guardianLinks().isEmpty());
  }

  // ------------------------------------------------------------------ apply journal

  @Test
  default void beginApplyFromAStaleVersionThrowsAndOpensNoJournal() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    store.commit(school, 0, put(bareAccount("acc-1", EntityType.STUDENT)));
    StaleStateException e =
        assertThrows(
            StaleStateException.class,
            () -> store.beginApply(lease(store, school), "plan-1", 0, 3));
    assertEquals(0, e.expectedVersion());
    assertEquals(1, e.actualVersion());
    assertEquals(Optional.empty(), store.applyRecord(school, "plan-1"));
    assertTrue(store.unfinishedApplies(school).isEmpty());
    assertEquals(1, store.load(school).version());
  }

  @Test
  default void recordOutcomeRaisesTheVersionByOneTogetherWithItsUpdate() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    store.beginApply(lease(store, school), "plan-1", 0, 2);
    ApplyRecord begun = store.applyRecord(school, "plan-1").orElseThrow();
    assertEquals(ApplyRecord.Status.IN_PROGRESS, begun.status());
    assertEquals(0, begun.baseVersion());
    assertEquals(2, begun.changeCount());
    assertTrue(begun.outcomes().isEmpty());
    assertNearNow(begun.startedAt());

    Account created = fullAccount("acc-1", "S1");
    ApplyOutcome first = outcome(ChangeResult.created("acc-1"), StateUpdate.account(created));
    assertEquals(1, store.recordOutcome(lease(store, school), "plan-1", 0, first));
    TargetState one = store.load(school);
    assertEquals(1, one.version());
    assertEquals(Optional.of(created), one.account("acc-1"));
    assertTrue(
        one.account("acc-1").orElseThrow().suspended(),
        "an outcome's state update must keep an operator's suspension");

    ApplyOutcome second =
        new ApplyOutcome(
            ChangeKind.DEACTIVATE_ACCOUNT,
            "student:S2->acc-2",
            new ChangeResult.Failed("timeout after 30s", true),
            StateUpdate.none());
    assertEquals(2, store.recordOutcome(lease(store, school), "plan-1", 1, second));
    assertEquals(2, store.load(school).version());

    ApplyRecord r = store.applyRecord(school, "plan-1").orElseThrow();
    assertEquals(
        List.of(
            new ApplyRecord.IndexedOutcome(0, first), new ApplyRecord.IndexedOutcome(1, second)),
        r.outcomes());
    assertEquals(begun.startedAt(), r.startedAt());
  }

  @Test
  default void everyKindOfResultAndItsUpdateRoundTripsInTheJournal() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    store.beginApply(lease(store, school), "plan-1", 0, 4);
    StateUpdate everything =
        new StateUpdate(
            List.of(fullAccount("acc-1", "S1"), bareAccount("acc-2", EntityType.STAFF)),
            List.of("acc-old"),
            List.of(new ProductGroup("grp-1", null, GroupKind.YEAR, "Year 7 ✓", null, true)),
            List.of("grp-old"),
            List.of(
                new ProductGuardianLink("acc-2", "acc-1", Relationship.of("Step Father"), false)),
            List.of("x|y"));
    List<ApplyOutcome> outcomes =
        List.of(
            new ApplyOutcome(
                ChangeKind.CREATE_ACCOUNT, "student:S1", ChangeResult.created("acc-1"), everything),
            new ApplyOutcome(
                ChangeKind.JOIN_GROUP,
                "staff:T1->acc-2",
                ChangeResult.applied(),
                StateUpdate.none()),
            new ApplyOutcome(
                ChangeKind.UPDATE_ACCOUNT,
                "student:S1->acc-1",
                new ChangeResult.Failed("HTTP 409\tconflict\nretry later", false),
                StateUpdate.none()),
            new ApplyOutcome(
                ChangeKind.CREATE_GROUP,
                "group:MIS-1",
                new ChangeResult.Skipped("no groups"),
                StateUpdate.none()));
    for (int i = 0; i < outcomes.size(); i++) {
      store.recordOutcome(lease(store, school), "plan-1", i, outcomes.get(i));
    }
    List<ApplyOutcome> back =
        store.applyRecord(school, "plan-1").orElseThrow().outcomes().stream()
            .map(ApplyRecord.IndexedOutcome::outcome)
            .toList();
    assertEquals(outcomes, back);
  }

  @Test
  default void anApplyBegunIsUnfinishedUntilFinishedOldestFirst() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    store.beginApply(lease(store, school), "plan-a", 0, 1);
    store.beginApply(lease(store, school), "plan-b", 0, 2);
    store.recordOutcome(
        lease(store, school),
        "plan-b",
        0,
        outcome(ChangeResult.created("acc-1"), put(bareAccount("acc-1", EntityType.STUDENT))));
    store.beginApply(lease(store, school), "plan-c", 1, 1);
    assertEquals(
        List.of("plan-a", "plan-b", "plan-c"),
        store.unfinishedApplies(school).stream().map(ApplyRecord::planId).toList());
    ApplyRecord b = store.unfinishedApplies(school).get(1);
    assertEquals(1, b.outcomes().size());

    store.finishApply(lease(store, school), "plan-a", ApplyRecord.Status.COMPLETED);
    assertEquals(
        List.of("plan-b", "plan-c"),
        store.unfinishedApplies(school).stream().map(ApplyRecord::planId).toList());
    store.finishApply(lease(store, school), "plan-b", ApplyRecord.Status.COMPLETED_WITH_FAILURES);
    store.finishApply(lease(store, school), "plan-c", ApplyRecord.Status.ABORTED);
    assertTrue(store.unfinishedApplies(school).isEmpty());

    assertEquals(
        ApplyRecord.Status.COMPLETED, store.applyRecord(school, "plan-a").orElseThrow().status());
    ApplyRecord finishedB = store.applyRecord(school, "plan-b").orElseThrow();
    assertEquals(ApplyRecord.Status.COMPLETED_WITH_FAILURES, finishedB.status());
    assertEquals(1, finishedB.outcomes().size(), "outcomes outlive the finish");
    assertEquals(
        ApplyRecord.Status.ABORTED, store.applyRecord(school, "plan-c").orElseThrow().status());
    assertEquals(Optional.empty(), store.applyRecord(school, "plan-never"));
  }

  @Test
  default void anUnfinishedApplyIsRememberedByAFreshStoreOverTheSameData() {
    String school = newSchoolId();
    newStore().beginApply(lease(newStore(), school), "plan-crash", 0, 5);
    newStore()
        .recordOutcome(
            lease(newStore(), school),
            "plan-crash",
            0,
            outcome(ChangeResult.applied(), StateUpdate.none()));
    List<ApplyRecord> open = newStore().unfinishedApplies(school);
    assertEquals(1, open.size());
    assertEquals("plan-crash", open.get(0).planId());
    assertEquals(1, open.get(0).outcomes().size());
  }

  @Test
  default void outcomesForAPlanNotBegunOrAlreadyFinishedAreRefusedAndChangeNothing() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    ApplyOutcome o =
        outcome(ChangeResult.created("acc-1"), put(bareAccount("acc-1", EntityType.STUDENT)));
    assertThrows(
        MissyncException.class, () -> store.recordOutcome(lease(store, school), "plan-x", 0, o));
    assertThrows(
        MissyncException.class,
        () -> store.finishApply(lease(store, school), "plan-x", ApplyRecord.Status.COMPLETED));
    store.beginApply(lease(store, school), "plan-1", 0, 1);
    store.finishApply(lease(store, school), "plan-1", ApplyRecord.Status.COMPLETED);
    assertThrows(
        MissyncException.class, () -> store.recordOutcome(lease(store, school), "plan-1", 0, o));
    assertSameState(TargetState.empty(school), store.load(school));
    assertTrue(store.applyRecord(school, "plan-1").orElseThrow().outcomes().isEmpty());
  }

  @Test
  default void aRefusedOutcomeRecordsNeitherTheOutcomeNorItsUpdate() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    store.commit(
        school,
        0,
        put(Account.builder("acc-1", EntityType.STUDENT).link(PersonRef.student("S1")).build()));
    store.beginApply(lease(store, school), "plan-1", 1, 1);
    TargetState before = store.load(school);
    Account twin =
        Account.builder("acc-2", EntityType.STUDENT).link(PersonRef.student("S1")).build();
    assertThrows(
        MissyncException.class,
        () ->
            store.recordOutcome(
                lease(store, school),
                "plan-1",
                0,
                outcome(ChangeResult.created("acc-2"), put(twin))));
    assertSameState(before, store.load(school));
    assertTrue(
        store.applyRecord(school, "plan-1").orElseThrow().outcomes().isEmpty(),
        "the outcome of a refused update must not be journalled");
  }

  @Test
  default void anApplyStillInProgressIsNeverReplacedByBeginningItAgain() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    store.beginApply(lease(store, school), "plan-1", 0, 2);
    store.recordOutcome(
        lease(store, school),
        "plan-1",
        0,
        outcome(
            ChangeResult.created("acc-1"),
            put(
                Account.builder("acc-1", EntityType.STUDENT)
                    .link(PersonRef.student("S1"))
                    .build())));
    assertThrows(
        MissyncException.class, () -> store.beginApply(lease(store, school), "plan-1", 1, 2));
    assertEquals(
        1,
        store.applyRecord(school, "plan-1").orElseThrow().outcomes().size(),
        "the half-applied plan's journal must be kept");
    assertEquals(1, store.unfinishedApplies(school).size());
    // once closed, the same id may be begun again (e.g. an approved plan retried)
    store.finishApply(lease(store, school), "plan-1", ApplyRecord.Status.ABORTED);
    store.beginApply(lease(store, school), "plan-1", 1, 2);
    assertEquals(
        ApplyRecord.Status.IN_PROGRESS, store.applyRecord(school, "plan-1").orElseThrow().status());
  }

  @Test
  default void outcomesAreListedByIndex() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    store.beginApply(lease(store, school), "plan-1", 0, 3);
    store.recordOutcome(
        lease(store, school), "plan-1", 2, outcome(ChangeResult.applied(), StateUpdate.none()));
    store.recordOutcome(
        lease(store, school), "plan-1", 0, outcome(ChangeResult.applied(), StateUpdate.none()));
    store.recordOutcome(
        lease(store, school), "plan-1", 1, outcome(ChangeResult.applied(), StateUpdate.none()));
    assertEquals(
        List.of(0, 1, 2),
        store.applyRecord(school, "plan-1").orElseThrow().outcomes().stream()
            .map(ApplyRecord.IndexedOutcome::index)
            .collect(java.util.stream.Collectors.toList()));
  }

  // ------------------------------------------------------------------ watermarks

  @Test
  default void watermarksAreSavedReplacedAndKeptPerSchoolAndName() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    String other = newSchoolId();
    String name = "wonde.students.updated_after";
    assertEquals(Optional.empty(), store.watermark(school, name));
    store.saveWatermark(school, name, "2026-11-01 10:00:00");
    store.saveWatermark(school, "wonde.contacts.updated_after", "2026-10-01 ✓\tx");
    assertEquals(Optional.of("2026-11-01 10:00:00"), store.watermark(school, name));
    store.saveWatermark(school, name, "2026-11-02 10:00:00");
    assertEquals(Optional.of("2026-11-02 10:00:00"), store.watermark(school, name));
    assertEquals(
        Optional.of("2026-10-01 ✓\tx"), store.watermark(school, "wonde.contacts.updated_after"));
    assertEquals(Optional.empty(), store.watermark(other, name));
  }

  // ------------------------------------------------------------------ held plans

  @Test
  default void heldPlansAreStoredListedNewestFirstAndDecided() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    Instant t0 = Instant.parse("2026-11-20T09:00:00.123Z");
    List<HoldReason> reasons =
        List.of(
            new HoldReason(
                HoldReason.Code.THRESHOLD_EXCEEDED,
                EntityType.STUDENT,
                "12% > 5% (108 of 900) — ✓\n"),
            new HoldReason(HoldReason.Code.MIGRATION_DETECTED, null, "every id changed"));
    HeldPlan older = held(school, "plan-old", t0, reasons);
    HeldPlan newest = held(school, "plan-new", t0.plusSeconds(3600), List.of(reasons.get(1)));
    HeldPlan middle = held(school, "plan-mid", t0.plusSeconds(60), List.of());
    store.holdPlan(older);
    store.holdPlan(newest);
    store.holdPlan(middle);

    assertSameHeldPlan(older, store.heldPlan(school, "plan-old").orElseThrow());
    assertSameHeldPlan(middle, store.heldPlan(school, "plan-mid").orElseThrow());
    assertEquals(
        List.of("plan-new", "plan-mid", "plan-old"),
        store.heldPlans(school).stream().map(HeldPlan::planId).toList());
    assertEquals(Optional.empty(), store.heldPlan(school, "plan-none"));
    assertTrue(store.heldPlans(newSchoolId()).isEmpty());

    store.decide(school, "plan-old", HeldPlan.Decision.APPROVED, "dsl@school.example");
    HeldPlan decided = store.heldPlan(school, "plan-old").orElseThrow();
    assertEquals(HeldPlan.Decision.APPROVED, decided.decision());
    assertEquals(Optional.of("dsl@school.example"), decided.decider());
    assertNearNow(decided.decisionTime().orElseThrow());
    assertEquals(older.reasons(), decided.reasons());
    assertEquals(
        HeldPlan.Decision.PENDING, store.heldPlan(school, "plan-mid").orElseThrow().decision());
    AuditEvent audited = store.audit(school, 1).get(0);
    assertEquals("plan.decided", audited.type(), "a decision is audited");
    assertEquals("plan-old", audited.planId());
    assertEquals(Map.of("decision", "APPROVED", "by", "dsl@school.example"), audited.details());
    assertEquals(decided.decisionTime().orElseThrow(), audited.at());

    assertThrows(
        MissyncException.class,
        () -> store.decide(school, "plan-none", HeldPlan.Decision.DISCARDED, "ops"));
    assertEquals(1, store.audit(school, 10).size(), "a refused decision is not audited");
  }

  @Test
  default void holdingAPlanAgainReplacesIt() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    Instant t0 = Instant.parse("2026-11-20T09:00:00Z");
    store.holdPlan(held(school, "plan-1", t0, List.of()));
    store.decide(school, "plan-1", HeldPlan.Decision.DISCARDED, "ops");
    HeldPlan again =
        held(
            school,
            "plan-1",
            t0.plusSeconds(5),
            List.of(new HoldReason(HoldReason.Code.EMPTY_SOURCE, EntityType.STAFF, "0 staff")));
    store.holdPlan(again);
    assertSameHeldPlan(again, store.heldPlan(school, "plan-1").orElseThrow());
    assertEquals(1, store.heldPlans(school).size());
  }

  // ------------------------------------------------------------------ audit

  @Test
  default void auditIsNewestFirstWithALimit() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    Instant t0 = Instant.parse("2026-11-20T09:00:00.001Z");
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(
          new AuditEvent(
              school,
              t0.plusMillis(i),
              i % 2 == 0 ? "plan.held" : "plan.applied",
              i == 4 ? "" : "plan-" + i,
              Map.of("changes", Integer.toString(i * 10), "note ✓", "a\tb\n\\N")));
    }
    events.forEach(store::appendAudit);
    store.appendAudit(new AuditEvent(newSchoolId(), t0, "run.started", "", Map.of()));
    assertEquals(List.of(events.get(4), events.get(3), events.get(2)), store.audit(school, 3));
    assertEquals(
        List.of(events.get(4), events.get(3), events.get(2), events.get(1), events.get(0)),
        store.audit(school, 100));
    assertEquals(List.of(), store.audit(school, 0));
    assertEquals(List.of(), store.audit(newSchoolId(), 10));
  }

  // ------------------------------------------------------------------ concurrency and isolation

  @Test
  default void concurrentCommitsToOneSchoolNeverLoseAnUpdate() throws Exception {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    int threads = 4;
    int perThread = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Callable<Integer> work =
            () -> {
              int stale = 0;
              for (int i = 0; i < perThread; i++) {
                Account a = bareAccount("acc-" + thread + "-" + i, EntityType.STUDENT);
                while (true) {
                  long v = store.load(school).version();
                  try {
                    store.commit(school, v, put(a));
                    break;
                  } catch (StaleStateException e) {
                    stale++;
                  }
                }
              }
              return stale;
            };
        done.add(pool.submit(work));
      }
      for (Future<Integer> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    TargetState after = store.load(school);
    assertEquals(threads * perThread, after.version());
    assertEquals(threads * perThread, after.accounts().size());
  }

  @Test
  default void ofConcurrentCommitsFromOneVersionExactlyOneWins() throws Exception {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    store.commit(school, 0, StateUpdate.none());
    int threads = 4;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    int won = 0;
    try {
      List<Future<Boolean>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Account a = bareAccount("acc-" + t, EntityType.STAFF);
        done.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  try {
                    store.commit(school, 1, put(a));
                    return true;
                  } catch (StaleStateException e) {
                    return false;
                  }
                }));
      }
      for (Future<Boolean> f : done) {
        won += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, won);
    TargetState after = store.load(school);
    assertEquals(2, after.version());
    assertEquals(1, after.accounts().size());
  }

  @Test
  default void concurrentOutcomesOfOnePlanAreEachJournalledAndCounted() throws Exception {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    int threads = 4;
    int perThread = 6;
    store.beginApply(lease(store, school), "plan-1", 0, threads * perThread);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    String id = "acc-" + thread + "-" + i;
                    store.recordOutcome(
                        lease(store, school),
                        "plan-1",
                        thread * perThread + i,
                        outcome(
                            ChangeResult.created(id), put(bareAccount(id, EntityType.CONTACT))));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(threads * perThread, store.load(school).version());
    assertEquals(threads * perThread, store.load(school).accounts().size());
    assertEquals(
        threads * perThread, store.applyRecord(school, "plan-1").orElseThrow().outcomes().size());
  }

  @Test
  default void aLoadSeesAnUpdateTogetherWithItsVersionOrNotAtAll() throws Exception {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    int commits = 30;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      // every commit adds one account, so a consistent state has as many accounts as its version
      Future<?> writer =
          pool.submit(
              () -> {
                for (int i = 0; i < commits; i++) {
                  store.commit(school, i, put(bareAccount("acc-" + i, EntityType.STUDENT)));
                }
                return null;
              });
      Future<Integer> reader =
          pool.submit(
              () -> {
                int torn = 0;
                while (!writer.isDone()) {
                  TargetState s = store.load(school);
                  if (s.accounts().size() != s.version()) {
                    torn++;
                  }
                }
                return torn;
              });
      writer.get(60, TimeUnit.SECONDS);
      assertEquals(
          0, reader.get(60, TimeUnit.SECONDS), "loads that saw a state without its version");
    } finally {
      pool.shutdownNow();
    }
    assertEquals(commits, store.load(school).version());
  }

  @Test
  default void schoolsAreIndependent() {
    SyncStateStore store = newStore();
    String a = newSchoolId();
    String b = newSchoolId();
    store.commit(a, 0, put(bareAccount("acc-1", EntityType.STUDENT)));
    store.commit(a, 1, StateUpdate.none());
    // the same ids in another school are another school's
    assertEquals(1, store.commit(b, 0, put(bareAccount("acc-1", EntityType.STAFF))));
    store.beginApply(lease(store, a), "plan-1", 2, 1);
    store.saveWatermark(a, "w", "1");
    store.appendAudit(
        new AuditEvent(a, Instant.parse("2026-01-01T00:00:00Z"), "plan.held", "plan-1", Map.of()));
    assertEquals(2, store.load(a).version());
    assertEquals(1, store.load(b).version());
    assertEquals(EntityType.STAFF, store.load(b).account("acc-1").orElseThrow().kind());
    assertEquals(EntityType.STUDENT, store.load(a).account("acc-1").orElseThrow().kind());
    assertTrue(store.unfinishedApplies(b).isEmpty());
    assertEquals(Optional.empty(), store.applyRecord(b, "plan-1"));
    assertEquals(Optional.empty(), store.watermark(b, "w"));
    assertTrue(store.audit(b, 10).isEmpty());
    assertThrows(
        StaleStateException.class, () -> store.beginApply(lease(store, b), "plan-1", 2, 1));
  }

  // ------------------------------------------------------------------ property

  /** One step of a generated history: an update, applied by commit or as a plan's outcome. */
  record Step(StateUpdate update, boolean asOutcome) {}

  @Provide
  default Arbitrary<List<Step>> histories() {
    return Combinators.combine(
            StateArbitraries.stateUpdates(), net.jqwik.api.Arbitraries.of(true, false))
        .as(Step::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  /**
   * Any history of updates, applied through the store, leaves the state {@link TargetState#apply}
   * computes in memory; an update the in-memory state refuses (its rules broken) is refused by the
   * store and changes nothing.
   */
  @Property(tries = 40)
  default void theStoreAgreesWithApplyingTheSameUpdatesInMemory(
      @ForAll("histories") List<Step> history) {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    TargetState expected = TargetState.empty(school);
    store.beginApply(lease(store, school), "plan-p", 0, history.size());
    int index = 0;
    for (Step step : history) {
      TargetState next;
      try {
        next = expected.apply(step.update(), expected.version() + 1);
      } catch (MissyncException refused) {
        next = null;
      }
      long from = expected.version();
      int i = index++;
      if (next == null) {
        assertThrows(
            MissyncException.class,
            () -> {
              if (step.asOutcome()) {
                store.recordOutcome(
                    lease(store, school),
                    "plan-p",
                    i,
                    outcome(ChangeResult.applied(), step.update()));
              } else {
                store.commit(school, from, step.update());
              }
            });
      } else {
        long v =
            step.asOutcome()
                ? store.recordOutcome(
                    lease(store, school),
                    "plan-p",
                    i,
                    outcome(ChangeResult.applied(), step.update()))
                : store.commit(school, from, step.update());
        assertEquals(from + 1, v);
        expected = next;
      }
      assertSameState(expected, store.load(school));
    }
  }
}
