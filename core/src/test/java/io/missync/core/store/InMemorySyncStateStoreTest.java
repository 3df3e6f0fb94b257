package io.missync.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.MissyncException;
import io.missync.core.model.GroupKind;
import io.missync.core.model.PersonRef;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.HoldReason;
import io.missync.core.plan.PlanStatistics;
import io.missync.core.spi.ApplyOutcome;
import io.missync.core.spi.ApplyRecord;
import io.missync.core.spi.AuditEvent;
import io.missync.core.spi.ChangeResult;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.StaleStateException;
import io.missync.core.state.Account;
import io.missync.core.state.ProductGroup;
import io.missync.core.state.StateUpdate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemorySyncStateStoreTest {
  final InMemorySyncStateStore store = new InMemorySyncStateStore();
  final io.missync.core.spi.Lease lease =
      store.tryAcquireLease("s", "test-run", java.time.Duration.ofMinutes(5)).orElseThrow();

  static StateUpdate create(String id) {
    return StateUpdate.account(
        Account.builder(id, EntityType.STUDENT).link(PersonRef.student("S-" + id)).build());
  }

  @Test
  void unknownSchoolIsEmptyAtVersionZero() {
    assertEquals(0, store.load("nowhere").version());
    assertTrue(store.load("nowhere").accounts().isEmpty());
  }

  @Test
  void commitBumpsVersionAndRefusesStaleVersions() {
    assertEquals(1, store.commit("s", 0, create("a")));
    StaleStateException e =
        assertThrows(StaleStateException.class, () -> store.commit("s", 0, create("b")));
    assertEquals(0, e.expectedVersion());
    assertEquals(1, e.actualVersion());
    assertEquals(1, store.load("s").accounts().size(), "a refused commit changes nothing");
    assertEquals(0, store.load("other").version(), "schools are independent");
  }

  @Test
  void applyJournalRemembersUnfinishedPlans() {
    store.beginApply(lease, "plan-1", 0, 2);
    assertThrows(StaleStateException.class, () -> store.beginApply(lease, "plan-2", 5, 1));
    long v =
        store.recordOutcome(
            lease,
            "plan-1",
            0,
            new ApplyOutcome(
                ChangeKind.CREATE_ACCOUNT,
                "student:S-a",
                new ChangeResult.Applied("a"),
                create("a")));
    assertEquals(1, v);
    assertEquals(1, store.load("s").accounts().size());
    List<ApplyRecord> open = store.unfinishedApplies("s");
    assertEquals(1, open.size());
    assertEquals(1, open.get(0).outcomes().size());
    store.finishApply(lease, "plan-1", ApplyRecord.Status.COMPLETED);
    assertTrue(store.unfinishedApplies("s").isEmpty());
    assertEquals(
        ApplyRecord.Status.COMPLETED, store.applyRecord("s", "plan-1").orElseThrow().status());
    assertThrows(
        MissyncException.class,
        () ->
            store.recordOutcome(
                lease,
                "plan-1",
                1,
                new ApplyOutcome(
                    ChangeKind.CREATE_ACCOUNT, "x", ChangeResult.applied(), StateUpdate.none())));
    assertThrows(
        MissyncException.class, () -> store.finishApply(lease, "nope", ApplyRecord.Status.ABORTED));
  }

  @Test
  void aRefusedUpdateJournalsNothing() {
    store.commit("s", 0, create("a"));
    store.beginApply(lease, "p", 1, 1);
    // a second account linked to the same person breaks TargetState's rules
    StateUpdate clash =
        StateUpdate.account(
            Account.builder("b", EntityType.STUDENT).link(PersonRef.student("S-a")).build());
    assertThrows(
        MissyncException.class,
        () ->
            store.recordOutcome(
                lease,
                "p",
                0,
                new ApplyOutcome(ChangeKind.CREATE_ACCOUNT, "x", ChangeResult.applied(), clash)));
    assertEquals(1, store.load("s").version());
    assertTrue(store.applyRecord("s", "p").orElseThrow().outcomes().isEmpty());
  }

  @Test
  void rulesAreCheckedAgainstTheStateTheUpdateProduces() {
    Account a = Account.builder("a", EntityType.STUDENT).link(PersonRef.student("S1")).build();
    Account b = Account.builder("b", EntityType.STUDENT).link(PersonRef.student("S2")).build();
    store.commit(
        "s",
        0,
        new StateUpdate(List.of(a, b), List.of(), List.of(), List.of(), List.of(), List.of()));
    // swapping two links in one update is valid: the result has one account per person
    Account a2 = a.toBuilder().link(PersonRef.student("S2")).build();
    Account b2 = b.toBuilder().link(PersonRef.student("S1")).build();
    store.commit(
        "s",
        1,
        new StateUpdate(List.of(a2, b2), List.of(), List.of(), List.of(), List.of(), List.of()));
    assertEquals(
        "a", store.load("s").accountFor(PersonRef.student("S2")).orElseThrow().accountId());
    // removing an account frees its link for another in the same update
    Account c = Account.builder("c", EntityType.STUDENT).link(PersonRef.student("S1")).build();
    store.commit(
        "s",
        2,
        new StateUpdate(List.of(c), List.of("b"), List.of(), List.of(), List.of(), List.of()));
    assertEquals(
        "c", store.load("s").accountFor(PersonRef.student("S1")).orElseThrow().accountId());
    // but two accounts claiming one person in one update are refused, and nothing changes
    Account d = Account.builder("d", EntityType.STUDENT).link(PersonRef.student("S9")).build();
    Account e = Account.builder("e", EntityType.STUDENT).link(PersonRef.student("S9")).build();
    assertThrows(
        MissyncException.class,
        () ->
            store.commit(
                "s",
                3,
                new StateUpdate(
                    List.of(d, e), List.of(), List.of(), List.of(), List.of(), List.of())));
    assertEquals(3, store.load("s").version());
    assertTrue(store.load("s").account("d").isEmpty());
  }

  @Test
  void aGroupPutTwiceInOneUpdateLeavesOnlyItsFinalValueInTheIndex() {
    // found by the store contract's property: the intermediate put must not touch the index
    ProductGroup two = new ProductGroup("grp-2", "MIS-1", GroupKind.YEAR, "Y", null, false);
    store.commit("s", 0, StateUpdate.group(two));
    ProductGroup oneLinked = new ProductGroup("grp-1", "MIS-1", GroupKind.YEAR, "Y", null, false);
    ProductGroup oneUnlinked = new ProductGroup("grp-1", null, GroupKind.YEAR, "Y", null, false);
    store.commit(
        "s",
        1,
        new StateUpdate(
            List.of(),
            List.of(),
            List.of(oneLinked, oneUnlinked),
            List.of(),
            List.of(),
            List.of()));
    assertEquals("grp-2", store.load("s").groupForSource("MIS-1").orElseThrow().groupId());
    // grp-2 still holds MIS-1, so linking grp-1 to it is refused, as TargetState.apply refuses it
    assertThrows(MissyncException.class, () -> store.commit("s", 2, StateUpdate.group(oneLinked)));
    assertThrows(
        MissyncException.class, () -> store.load("s").apply(StateUpdate.group(oneLinked), 3));
    assertEquals(2, store.load("s").version());
  }

  @Test
  void heldPlansAreListedNewestFirstAndDecided() {
    PlanStatistics st = PlanStatistics.of(List.of(), Map.of());
    List<HoldReason> why = List.of(new HoldReason(HoldReason.Code.EMPTY_SOURCE, null, "empty"));
    store.holdPlan(
        new HeldPlan(
            "s",
            "p1",
            0,
            Instant.ofEpochSecond(1),
            why,
            st,
            HeldPlan.Decision.PENDING,
            null,
            null));
    store.holdPlan(
        new HeldPlan(
            "s",
            "p2",
            0,
            Instant.ofEpochSecond(2),
            why,
            st,
            HeldPlan.Decision.PENDING,
            null,
            null));
    assertEquals(List.of("p2", "p1"), store.heldPlans("s").stream().map(HeldPlan::planId).toList());
    store.decide("s", "p1", HeldPlan.Decision.APPROVED, "head@school");
    HeldPlan p1 = store.heldPlan("s", "p1").orElseThrow();
    assertEquals(HeldPlan.Decision.APPROVED, p1.decision());
    assertEquals("head@school", p1.decider().orElseThrow());
    assertThrows(
        MissyncException.class, () -> store.decide("s", "p9", HeldPlan.Decision.DISCARDED, "x"));
  }

  @Test
  void watermarksAndAudit() {
    assertTrue(store.watermark("s", "w").isEmpty());
    store.saveWatermark("s", "w", "2026-11-22 10:00:00");
    assertEquals("2026-11-22 10:00:00", store.watermark("s", "w").orElseThrow());
    for (int i = 0; i < 5; i++) {
      store.appendAudit(new AuditEvent("s", Instant.ofEpochSecond(i), "e" + i, "", Map.of()));
    }
    assertEquals(List.of("e4", "e3"), store.audit("s", 2).stream().map(AuditEvent::type).toList());
  }
}
