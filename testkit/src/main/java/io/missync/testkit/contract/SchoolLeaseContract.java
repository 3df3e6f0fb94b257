package io.missync.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.plan.ChangeKind;
import io.missync.core.spi.ApplyOutcome;
import io.missync.core.spi.ApplyRecord;
import io.missync.core.spi.ChangeResult;
import io.missync.core.spi.Lease;
import io.missync.core.spi.LeaseLostException;
import io.missync.core.spi.SyncStateStore;
import io.missync.core.state.Account;
import io.missync.core.state.StateUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The lease clauses of the {@link SyncStateStore} contract: one holder per school, expiry and
 * takeover, and journal writes only for the holder. Part of {@link SyncStateStoreContract}.
 */
public interface SchoolLeaseContract {

  /** The store under test; may be shared between tests. */
  SyncStateStore newStore();

  /** A school id no other test uses. */
  default String newSchoolId() {
    return "contract-" + UUID.randomUUID();
  }

  private static ApplyOutcome created(String accountId) {
    return new ApplyOutcome(
        ChangeKind.CREATE_ACCOUNT,
        "student:S1->" + accountId,
        ChangeResult.created(accountId),
        StateUpdate.account(Account.builder(accountId, EntityType.STUDENT).build()));
  }

  /** Takes the school for {@code holder} once the current lease expired (it lasts 1 ms). */
  private static Lease takeOverWhenExpired(SyncStateStore store, String school, String holder) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Optional<Lease> got = store.tryAcquireLease(school, holder, Duration.ofMinutes(5));
      if (got.isPresent()) {
        return got.get();
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("an expired lease was never taken over");
  }

  @Test
  default void aSchoolHasOneHolderAtATimeUntilReleased() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    assertTrue(store.lease(school).isEmpty());
    Instant before = Instant.now().minusSeconds(300);
    Lease a = store.tryAcquireLease(school, "run-a", Duration.ofMinutes(5)).orElseThrow();
    assertEquals(school, a.schoolId());
    assertEquals("run-a", a.holder());
    assertTrue(a.acquiredAt().isAfter(before), "acquired by the store's clock, near now");
    assertEquals(Duration.ofMinutes(5), Duration.between(a.acquiredAt(), a.expiresAt()));
    assertEquals(Optional.of(a), store.lease(school));
    assertTrue(store.tryAcquireLease(school, "run-b", Duration.ofMinutes(5)).isEmpty());
    assertEquals(Optional.of(a), store.lease(school), "a refused acquire changes nothing");
    assertTrue(
        store.tryAcquireLease(newSchoolId(), "run-b", Duration.ofMinutes(5)).isPresent(),
        "schools are independent");
    Lease again = store.tryAcquireLease(school, "run-a", Duration.ofMinutes(10)).orElseThrow();
    assertEquals(a.acquiredAt(), again.acquiredAt(), "the holder taking it again extends it");
    assertFalse(again.expiresAt().isBefore(a.expiresAt()));
    store.releaseLease(new Lease(school, "run-b", a.acquiredAt(), a.expiresAt()));
    assertEquals("run-a", store.lease(school).orElseThrow().holder(), "only the holder releases");
    store.releaseLease(again);
    assertTrue(store.lease(school).isEmpty());
    assertEquals(
        "run-b",
        store.tryAcquireLease(school, "run-b", Duration.ofMinutes(5)).orElseThrow().holder());
  }

  @Test
  default void renewingExtendsTheLeaseAndFailsForALostOne() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    Lease a = store.tryAcquireLease(school, "run-a", Duration.ofMillis(1)).orElseThrow();
    Lease renewed = store.renewLease(a, Duration.ofMinutes(5));
    assertEquals("run-a", renewed.holder());
    assertEquals(a.acquiredAt(), renewed.acquiredAt());
    assertTrue(renewed.expiresAt().isAfter(a.expiresAt()));
    assertTrue(store.tryAcquireLease(school, "run-b", Duration.ofMinutes(5)).isEmpty());
    store.releaseLease(renewed);
    assertTrue(store.tryAcquireLease(school, "run-b", Duration.ofMinutes(5)).isPresent());
    LeaseLostException e =
        assertThrows(LeaseLostException.class, () -> store.renewLease(a, Duration.ofMinutes(5)));
    assertEquals(school, e.schoolId());
    assertEquals("run-a", e.holder());
  }

  @Test
  default void anExpiredLeaseIsTakenOverAndItsHolderCanWriteNoJournalAfterwards() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    Lease dead = store.tryAcquireLease(school, "run-dead", Duration.ofMillis(1)).orElseThrow();
    store.beginApply(dead, "plan-1", 0, 3);
    assertEquals(1, store.recordOutcome(dead, "plan-1", 0, created("acc-1")));
    Lease next = takeOverWhenExpired(store, school, "run-next");
    assertEquals("run-next", next.holder());
    assertThrows(
        LeaseLostException.class, () -> store.recordOutcome(dead, "plan-1", 1, created("acc-2")));
    assertThrows(
        LeaseLostException.class,
        () -> store.finishApply(dead, "plan-1", ApplyRecord.Status.COMPLETED));
    assertThrows(LeaseLostException.class, () -> store.beginApply(dead, "plan-2", 1, 1));
    store.releaseLease(dead);
    assertEquals("run-next", store.lease(school).orElseThrow().holder());
    ApplyRecord r = store.applyRecord(school, "plan-1").orElseThrow();
    assertEquals(ApplyRecord.Status.IN_PROGRESS, r.status(), "the lost holder changed nothing");
    assertEquals(1, r.outcomes().size());
    assertEquals(1, store.load(school).version());
    assertTrue(store.applyRecord(school, "plan-2").isEmpty());
    // the new holder closes the dead run's apply and carries on
    store.finishApply(next, "plan-1", ApplyRecord.Status.ABORTED);
    store.beginApply(next, "plan-3", 1, 1);
    assertEquals(2, store.recordOutcome(next, "plan-3", 0, created("acc-2")));
    store.finishApply(next, "plan-3", ApplyRecord.Status.COMPLETED);
    assertTrue(store.unfinishedApplies(school).isEmpty());
  }

  @Test
  default void journalWritesWithoutTheSchoolsLeaseAreRefusedAndChangeNothing() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    Lease never = new Lease(school, "run-never", Instant.now(), Instant.now().plusSeconds(60));
    assertThrows(LeaseLostException.class, () -> store.beginApply(never, "plan-1", 0, 1));
    Lease holder = store.tryAcquireLease(school, "run-a", Duration.ofMinutes(5)).orElseThrow();
    store.beginApply(holder, "plan-1", 0, 2);
    Lease other = new Lease(school, "run-b", holder.acquiredAt(), holder.expiresAt());
    assertThrows(
        LeaseLostException.class, () -> store.recordOutcome(other, "plan-1", 0, created("acc-1")));
    assertThrows(
        LeaseLostException.class,
        () -> store.finishApply(other, "plan-1", ApplyRecord.Status.ABORTED));
    assertEquals(0, store.load(school).version());
    ApplyRecord r = store.applyRecord(school, "plan-1").orElseThrow();
    assertEquals(ApplyRecord.Status.IN_PROGRESS, r.status());
    assertTrue(r.outcomes().isEmpty());
    store.releaseLease(holder);
    assertThrows(
        LeaseLostException.class,
        () -> store.recordOutcome(holder, "plan-1", 0, created("acc-1")),
        "a released lease writes no more");
  }

  @Test
  default void ofRunsRacingForOneSchoolExactlyOneGetsIt() throws Exception {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    int runs = 8;
    CyclicBarrier start = new CyclicBarrier(runs);
    ExecutorService pool = Executors.newFixedThreadPool(runs);
    try {
      List<Future<Optional<Lease>>> got = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        String holder = "run-" + i;
        got.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return store.tryAcquireLease(school, holder, Duration.ofMinutes(5));
                }));
      }
      List<String> winners = new ArrayList<>();
      for (Future<Optional<Lease>> f : got) {
        f.get(30, TimeUnit.SECONDS).ifPresent(l -> winners.add(l.holder()));
      }
      assertEquals(1, winners.size(), "winners: " + winners);
      assertEquals(winners.get(0), store.lease(school).orElseThrow().holder());
    } finally {
      pool.shutdownNow();
    }
  }
}
