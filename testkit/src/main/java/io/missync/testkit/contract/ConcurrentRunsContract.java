package io.missync.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.missync.core.credentials.CohortCredentialPolicy;
import io.missync.core.credentials.PasswordGenerators;
import io.missync.core.credentials.UsernameTemplate;
import io.missync.core.model.MisSnapshot;
import io.missync.core.plan.Change;
import io.missync.core.spi.ApplyRecord;
import io.missync.core.spi.ChangeContext;
import io.missync.core.spi.ChangeResult;
import io.missync.core.spi.ChangeSink;
import io.missync.core.spi.CredentialPolicy;
import io.missync.core.spi.LeaseLostException;
import io.missync.core.spi.SyncStateStore;
import io.missync.reconcile.GatePolicy;
import io.missync.reconcile.RunResult;
import io.missync.reconcile.SyncListener;
import io.missync.reconcile.SyncRunner;
import io.missync.testkit.gen.InMemoryProductSink;
import io.missync.testkit.gen.SchoolShape;
import io.missync.testkit.gen.Schools;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Two runs of one school at once, against a store: each change of the plan reaches the sink exactly
 * once, and no run closes the journal of a live one. The interleavings are forced with latches
 * inside the sink, not with sleeps.
 */
public interface ConcurrentRunsContract {

  /** The store under test; may be shared between tests. */
  SyncStateStore newStore();

  /** A school id no other test uses. */
  default String newSchoolId() {
    return "contract-" + UUID.randomUUID();
  }

  /** The generated school every race runs on (a primary of 20 pupils, their families, staff). */
  static MisSnapshot raceSchool() {
    return Schools.build(new SchoolShape(SchoolShape.Phase.PRIMARY, 20, 3, 1, 0, 42));
  }

  /** Generated dates are relative to {@link Schools#TODAY}. */
  Clock RACE_CLOCK =
      Clock.fixed(Schools.TODAY.atTime(8, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

  static CredentialPolicy raceCredentials() {
    return CohortCredentialPolicy.builder()
        .defaults(
            UsernameTemplate.initialSurname(),
            PasswordGenerators.randomText(
                "random-10", 10, PasswordGenerators.UNAMBIGUOUS_ALPHABET, new SecureRandom()))
        .build();
  }

  /**
   * One product shared by the runs: every sink call is counted by the change it carried, and the
   * call numbered {@code blockAt} (from 1) of the run named {@code blocked} waits for {@link
   * #release} after signalling {@link #blockedIn}.
   */
  final class SharedProduct {
    final InMemoryProductSink product = new InMemoryProductSink();
    final Map<String, Integer> calls = new TreeMap<>();
    final CountDownLatch blockedIn = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch otherStarted = new CountDownLatch(1);
    final String blocked;
    final int blockAt;
    volatile @Nullable String inFlight;

    SharedProduct(String blocked, int blockAt) {
      this.blocked = blocked;
      this.blockAt = blockAt;
    }

    ChangeSink sinkOf(String run) {
      AtomicInteger n = new AtomicInteger();
      return (context, change) -> {
        int i = n.incrementAndGet();
        if (run.equals(blocked) && i == blockAt) {
          inFlight = change.toString();
          blockedIn.countDown();
          await(release);
        } else if (!run.equals(blocked)) {
          otherStarted.countDown();
        }
        return send(context, change);
      };
    }

    /** Tells when the other run starts waiting for the school. */
    SyncListener listenerOf(String run) {
      return new SyncListener() {
        @Override
        public void waitingForSchool(String schoolId, String holder) {
          if (!run.equals(blocked)) {
            otherStarted.countDown();
          }
        }
      };
    }

    private synchronized ChangeResult send(ChangeContext context, Change change) {
      calls.merge(change.toString(), 1, Integer::sum);
      return product.apply(context, change);
    }

    synchronized Map<String, Integer> calls() {
      return new TreeMap<>(calls);
    }
  }

  private static void await(CountDownLatch l) {
    try {
      if (!l.await(60, TimeUnit.SECONDS)) {
        throw new AssertionError("a latch of the race was never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private SyncRunner runner(SyncStateStore store, ChangeSink sink) {
    return builder(store, sink).build();
  }

  private SyncRunner.Builder builder(SyncStateStore store, ChangeSink sink) {
    MisSnapshot school = raceSchool();
    return SyncRunner.builder()
        .source(() -> school)
        .store(store)
        .sink(sink)
        .credentials(raceCredentials())
        .gatePolicy(GatePolicy.defaults())
        .clock(RACE_CLOCK)
        .leaseWait(Duration.ofSeconds(60));
  }

  private SyncRunner runner(SyncStateStore store, SharedProduct p, String run) {
    return builder(store, p.sinkOf(run)).listener(p.listenerOf(run)).runnerId(run).build();
  }

  /** The changes a plan for the race school makes on an empty state. */
  private int planSize(SyncStateStore store) {
    String other = newSchoolId();
    SharedProduct p = new SharedProduct("none", 0);
    RunResult r = runner(store, p.sinkOf("probe")).run(other);
    assertEquals(RunResult.Outcome.APPLIED, r.outcome(), "the race school applies on a first run");
    return r.plan().changes().size();
  }

  /**
   * Runner B starts just after runner A began applying (A waits in its first sink call). Each
   * change reaches the sink once; B finds nothing left to do.
   */
  @Test
  default void aSecondRunStartingJustAfterTheFirstBeganApplyingSendsNoChangeTwice()
      throws Exception {
    race(1);
  }

  /**
   * Runner B starts while runner A is part way through its plan (A waits in its tenth sink call). B
   * never closes A's live journal, and the change A has in flight reaches the sink once.
   */
  @Test
  default void aSecondRunStartingWhileTheFirstAppliesLeavesItsJournalAlone() throws Exception {
    race(10);
  }

  private void race(int blockAt) throws Exception {
    SyncStateStore store = newStore();
    int changes = planSize(store);
    assertTrue(changes > blockAt + 20, "the race school plans " + changes + " changes");
    String school = newSchoolId();
    SharedProduct p = new SharedProduct("A", blockAt);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<RunResult> a = pool.submit(() -> runner(store, p, "A").run(school));
      await(p.blockedIn);
      String planA = store.unfinishedApplies(school).get(0).planId();
      Future<RunResult> b = pool.submit(() -> runner(store, p, "B").run(school));
      // B waits for the school, or (the race) reaches its sink alongside A
      await(p.otherStarted);
      p.release.countDown();
      List<Throwable> errors = new ArrayList<>();
      RunResult ra = outcome(a, errors);
      RunResult rb = outcome(b, errors);
      Map<String, Integer> calls = p.calls();
      Map<String, Integer> twice = new TreeMap<>();
      calls.forEach(
          (k, v) -> {
            if (v != 1) {
              twice.put(k, v);
            }
          });
      int total = calls.values().stream().mapToInt(Integer::intValue).sum();
      assertEquals(
          Map.of(),
          twice,
          total + " sink calls for " + changes + " changes; runs failed with " + errors);
      assertTrue(store.lease(school).isEmpty(), "both runs gave the school up");
      assertEquals(changes, calls.size());
      assertTrue(errors.isEmpty(), "runs failed: " + errors);
      assertEquals(RunResult.Outcome.APPLIED, ra == null ? null : ra.outcome());
      assertEquals(RunResult.Outcome.NOTHING_TO_DO, rb == null ? null : rb.outcome());
      assertEquals(
          ApplyRecord.Status.COMPLETED,
          store.applyRecord(school, planA).orElseThrow().status(),
          "A's journal");
    } finally {
      p.release.countDown();
      pool.shutdownNow();
    }
  }

  /**
   * Runner A hangs in its tenth sink call and stops renewing its lease; once the lease expired,
   * runner B takes the school over, closes A's unfinished apply, and applies the rest. When A wakes
   * up it can record nothing more: it fails with {@link LeaseLostException}. Every change reaches
   * the sink once, except the one A had in flight, which B sends again (the sink contract allows
   * it: a repeat has the effect of once).
   */
  @Test
  default void aRunTakesOverASchoolWhoseHolderHungAndTheHolderCanRecordNothingMore()
      throws Exception {
    SyncStateStore store = newStore();
    int changes = planSize(store);
    String school = newSchoolId();
    SharedProduct p = new SharedProduct("A", 10);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<RunResult> a =
          pool.submit(
              () ->
                  builder(store, p.sinkOf("A"))
                      .leaseTtl(Duration.ofMillis(300))
                      .runnerId("A")
                      .build()
                      .run(school));
      await(p.blockedIn);
      String planA = store.unfinishedApplies(school).get(0).planId();
      RunResult rb = runner(store, p, "B").run(school);
      assertEquals(RunResult.Outcome.APPLIED, rb.outcome());
      assertEquals(changes - 9, rb.plan().changes().size(), "B plans what A had not recorded");
      ApplyRecord journalA = store.applyRecord(school, planA).orElseThrow();
      assertEquals(ApplyRecord.Status.ABORTED, journalA.status());
      assertEquals(9, journalA.outcomes().size());
      p.release.countDown();
      List<Throwable> errors = new ArrayList<>();
      outcome(a, errors);
      assertEquals(1, errors.size(), "A fails");
      LeaseLostException lost = assertInstanceOf(LeaseLostException.class, errors.get(0));
      assertEquals(school, lost.schoolId());
      assertEquals(9, store.applyRecord(school, planA).orElseThrow().outcomes().size());
      Map<String, Integer> calls = p.calls();
      assertEquals(changes, calls.size());
      Map<String, Integer> expected = new TreeMap<>();
      calls.keySet().forEach(k -> expected.put(k, 1));
      expected.put(java.util.Objects.requireNonNull(p.inFlight), 2);
      assertEquals(expected, calls);
      assertEquals(RunResult.Outcome.NOTHING_TO_DO, runner(store, p, "C").run(school).outcome());
      assertTrue(store.lease(school).isEmpty(), "B and C gave the school up");
    } finally {
      p.release.countDown();
      pool.shutdownNow();
    }
  }

  private static @Nullable RunResult outcome(Future<RunResult> f, List<Throwable> errors)
      throws InterruptedException {
    try {
      return f.get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      errors.add(e.getCause());
      return null;
    } catch (java.util.concurrent.TimeoutException e) {
      fail("a run did not finish");
      throw new AssertionError(e);
    }
  }
}
