package io.missync.reconcile;

import static io.missync.reconcile.Fx.snapshot;
import static io.missync.reconcile.Fx.student;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.plan.HoldReason;
import io.missync.core.spi.ApplyRecord;
import io.missync.core.spi.AuditEvent;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.SnapshotSource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SyncRunnerTest {
  private final Fx.Product product = new Fx.Product();
  private final AtomicReference<MisSnapshot> source = new AtomicReference<>();

  private SyncRunner runner() {
    return builder().build();
  }

  private SyncRunner.Builder builder() {
    SnapshotSource s = source::get;
    return SyncRunner.builder()
        .source(s)
        .store(product.store)
        .sink(product.sink)
        .credentials(Fx.credentials())
        .clock(Fx.CLOCK);
  }

  private static MisSnapshot students(int n) {
    MisSnapshot.Builder b = snapshot();
    for (int i = 0; i < n; i++) {
      b.addStudent(student("S" + i, "Kid", "No" + i).upn(String.format("A%011d0", i)).build());
    }
    return b.build();
  }

  @Test
  void appliesWhatTheGateLetsThrough() {
    source.set(students(5));
    RunResult r = runner().run(Fx.SCHOOL);
    assertEquals(RunResult.Outcome.APPLIED, r.outcome());
    assertEquals(5, r.applyReport().orElseThrow().applied());
    assertEquals(RunResult.Outcome.NOTHING_TO_DO, runner().run(Fx.SCHOOL).outcome());
    List<String> types = product.store.audit(Fx.SCHOOL, 10).stream().map(AuditEvent::type).toList();
    assertEquals(List.of("plan.computed", "plan.applied", "plan.computed"), types);
  }

  @Test
  void holdsARiskyPlanUntilApprovedThenAppliesThatSamePlan() {
    source.set(students(40));
    runner().run(Fx.SCHOOL);
    source.set(students(10));
    RunResult held = runner().run(Fx.SCHOOL);
    assertEquals(RunResult.Outcome.HELD, held.outcome());
    assertTrue(product.state().accountFor(PersonRef.student("S30")).orElseThrow().active());
    HeldPlan h = product.store.heldPlan(Fx.SCHOOL, held.plan().id()).orElseThrow();
    assertEquals(HeldPlan.Decision.PENDING, h.decision());
    assertEquals(RunResult.Outcome.HELD, runner().run(Fx.SCHOOL).outcome());
    product.store.decide(Fx.SCHOOL, held.plan().id(), HeldPlan.Decision.APPROVED, "dsl@school");
    RunResult approved = runner().run(Fx.SCHOOL);
    assertEquals(RunResult.Outcome.APPLIED_AFTER_APPROVAL, approved.outcome());
    assertEquals(held.plan().id(), approved.plan().id());
    assertTrue(!product.state().accountFor(PersonRef.student("S30")).orElseThrow().active());
  }

  @Test
  void aDiscardedPlanIsNotApplied() {
    source.set(students(40));
    runner().run(Fx.SCHOOL);
    source.set(students(0));
    RunResult held = runner().run(Fx.SCHOOL);
    assertEquals(RunResult.Outcome.HELD, held.outcome());
    product.store.decide(Fx.SCHOOL, held.plan().id(), HeldPlan.Decision.DISCARDED, "admin");
    assertEquals(RunResult.Outcome.DISCARDED, runner().run(Fx.SCHOOL).outcome());
    assertEquals(40, product.state().accounts().stream().filter(a -> a.active()).count());
  }

  @Test
  void closesApplyJournalsACrashLeftOpen() {
    source.set(students(2));
    // a run that began an apply and gave the school up without finishing it
    io.missync.core.spi.Lease gone =
        product
            .store
            .tryAcquireLease(Fx.SCHOOL, "gone-run", java.time.Duration.ofMinutes(1))
            .orElseThrow();
    product.store.beginApply(gone, "crashed", 0, 3);
    product.store.releaseLease(gone);
    RunResult r = runner().run(Fx.SCHOOL);
    assertEquals(RunResult.Outcome.APPLIED, r.outcome());
    assertEquals(
        ApplyRecord.Status.ABORTED,
        product.store.applyRecord(Fx.SCHOOL, "crashed").orElseThrow().status());
    assertTrue(product.store.unfinishedApplies(Fx.SCHOOL).isEmpty());
  }

  /**
   * A nightly run at 00:30 BST on 16 June, on a host clock in UTC (23:30 on 15 June): a pupil whose
   * last day was 15 June has left, and the deactivation is dated 16 June, the school's day.
   */
  @Test
  void aRunJustAfterMidnightBritishSummerTimeSeesYesterdaysLeavers() {
    source.set(students(5));
    runner().run(Fx.SCHOOL);
    LocalDate lastDay = LocalDate.of(2026, 6, 15);
    MisSnapshot.Builder b = students(5).toBuilder();
    b.put(
        student("S3", "Kid", "No3").upn(String.format("A%011d0", 3)).leavingDate(lastDay).build());
    source.set(b.build());
    Clock hostUtc = Clock.fixed(Instant.parse("2026-06-15T23:30:00Z"), ZoneOffset.UTC);
    RunResult r = builder().clock(hostUtc).build().run(Fx.SCHOOL);
    assertEquals(RunResult.Outcome.APPLIED, r.outcome());
    var s3 = product.state().accountFor(PersonRef.student("S3")).orElseThrow();
    assertFalse(s3.active(), "left yesterday, UK time");
    assertEquals(Optional.of(LocalDate.of(2026, 6, 16)), s3.deactivatedOn());
  }

  /**
   * A trust's school abroad (Dubai, UTC+4) sets its own zone: at 01:30 there on 16 June (22:30 in
   * London on 15 June) yesterday's leaver has left there.
   */
  @Test
  void theSchoolsZoneIsConfigurable() {
    source.set(students(5));
    runner().run(Fx.SCHOOL);
    MisSnapshot.Builder b = students(5).toBuilder();
    b.put(
        student("S3", "Kid", "No3")
            .upn(String.format("A%011d0", 3))
            .leavingDate(LocalDate.of(2026, 6, 15))
            .build());
    source.set(b.build());
    Clock at = Clock.fixed(Instant.parse("2026-06-15T21:30:00Z"), ZoneOffset.UTC);
    assertEquals(
        RunResult.Outcome.NOTHING_TO_DO, builder().clock(at).build().run(Fx.SCHOOL).outcome());
    SyncPolicy dubai = SyncPolicy.builder().schoolZone(ZoneId.of("Asia/Dubai")).build();
    RunResult r = builder().clock(at).policy(dubai).build().run(Fx.SCHOOL);
    assertEquals(RunResult.Outcome.APPLIED, r.outcome());
    assertEquals(
        Optional.of(LocalDate.of(2026, 6, 16)),
        product.state().accountFor(PersonRef.student("S3")).orElseThrow().deactivatedOn());
  }

  /**
   * A plan with review items only (a class list names a group missing from the groups export) is
   * held when the gate holds review items, so it reaches the review flow instead of being dropped
   * as "nothing to do".
   */
  @Test
  void aPlanOfReviewItemsOnlyIsHeldWhenTheGateHoldsReviewItems() {
    source.set(students(5));
    runner().run(Fx.SCHOOL);
    source.set(students(5).toBuilder().addMembership(Fx.member("9X-Ma2", "S1")).build());
    RunResult lenient = runner().run(Fx.SCHOOL);
    assertEquals(RunResult.Outcome.NOTHING_TO_DO, lenient.outcome());
    assertEquals(1, lenient.plan().reviewItems().size());

    SyncRunner strict =
        builder().gatePolicy(GatePolicy.builder().holdOnReviewItems(true).build()).build();
    RunResult held = strict.run(Fx.SCHOOL);
    assertEquals(RunResult.Outcome.HELD, held.outcome());
    assertTrue(held.plan().changes().isEmpty());
    HeldPlan h = product.store.heldPlan(Fx.SCHOOL, held.plan().id()).orElseThrow();
    assertEquals(HoldReason.Code.REVIEW_REQUIRED, h.reasons().get(0).code());
    product.store.decide(Fx.SCHOOL, held.plan().id(), HeldPlan.Decision.APPROVED, "dsl@school");
    assertEquals(RunResult.Outcome.APPLIED_AFTER_APPROVAL, strict.run(Fx.SCHOOL).outcome());
  }

  /** Every people type absent from the read: the gate holds, and an empty plan is not "done". */
  @Test
  void aHeldPlanWithoutChangesIsHeldNotNothingToDo() {
    source.set(students(5));
    runner().run(Fx.SCHOOL);
    MisSnapshot.Builder b =
        MisSnapshot.builder(
            new io.missync.core.model.SourceInfo(
                Fx.SCHOOL, "test", "SIMS", Instant.parse("2026-03-10T07:00:00Z")));
    for (io.missync.core.EntityType t : Fx.people()) {
      b.completeness(t, io.missync.core.model.Completeness.ABSENT);
    }
    source.set(b.build());
    RunResult r = runner().run(Fx.SCHOOL);
    assertTrue(
        r.plan().gateVerdict().orElseThrow().isHeld(), "the gate holds a read without people");
    assertEquals(RunResult.Outcome.HELD, r.outcome());
    assertEquals(
        List.of(r.plan().id()),
        product.store.heldPlans(Fx.SCHOOL).stream().map(HeldPlan::planId).toList());
    assertTrue(product.state().accountFor(PersonRef.student("S1")).orElseThrow().active());
  }

  @Test
  void aDecisionOnAHeldPlanIsAuditedWithWhoAndWhat() {
    source.set(students(40));
    runner().run(Fx.SCHOOL);
    source.set(students(10));
    RunResult held = runner().run(Fx.SCHOOL);
    product.store.decide(Fx.SCHOOL, held.plan().id(), HeldPlan.Decision.APPROVED, "dsl@school");
    AuditEvent e = product.store.audit(Fx.SCHOOL, 1).get(0);
    assertEquals("plan.decided", e.type());
    assertEquals(held.plan().id(), e.planId());
    assertEquals("APPROVED", e.details().get("decision"));
    assertEquals("dsl@school", e.details().get("by"));
    assertEquals(Fx.CLOCK.instant(), e.at());
  }

  /** What a listener hears from one run that applies: read totals, plan, each change, the end. */
  @Test
  void theListenerHearsReadPlanEachChangeAndTheEnd() {
    source.set(students(5));
    List<String> heard = new java.util.ArrayList<>();
    SyncListener l =
        new SyncListener() {
          @Override
          public void readProgress(
              String schoolId, io.missync.core.EntityType type, int pages, long records) {
            if (type == io.missync.core.EntityType.STUDENT) {
              heard.add("read " + records);
            }
          }

          @Override
          public void planComputed(
              String schoolId,
              String planId,
              io.missync.core.plan.PlanStatistics statistics,
              io.missync.core.plan.GateVerdict verdict) {
            heard.add("plan " + statistics.total() + " " + verdict.decision());
          }

          @Override
          public void changeApplied(
              io.missync.core.spi.ChangeContext context,
              io.missync.core.plan.ChangeKind kind,
              io.missync.core.spi.ChangeResult result) {
            heard.add(
                (context.index() + 1)
                    + "/"
                    + context.count()
                    + " "
                    + kind
                    + " "
                    + result.getClass().getSimpleName());
          }

          @Override
          public void finished(String schoolId, RunResult result) {
            heard.add("finished " + result.outcome());
          }
        };
    SyncListener throwing =
        new SyncListener() {
          @Override
          public void changeApplied(
              io.missync.core.spi.ChangeContext context,
              io.missync.core.plan.ChangeKind kind,
              io.missync.core.spi.ChangeResult result) {
            throw new IllegalStateException("a broken listener");
          }
        };
    RunResult r = builder().listener(throwing).listener(l).build().run(Fx.SCHOOL);
    assertEquals(RunResult.Outcome.APPLIED, r.outcome());
    List<String> expected = new java.util.ArrayList<>();
    expected.add("read 5");
    expected.add("plan 5 APPLY");
    for (int i = 1; i <= 5; i++) {
      expected.add(i + "/5 CREATE_ACCOUNT Applied");
    }
    expected.add("finished APPLIED");
    assertEquals(expected, heard);
  }

  @Test
  void aRunOnASchoolAnotherRunHoldsWaitsThenFailsNamingTheSchool() {
    source.set(students(2));
    io.missync.core.spi.Lease other =
        product
            .store
            .tryAcquireLease(Fx.SCHOOL, "other-run", java.time.Duration.ofMinutes(5))
            .orElseThrow();
    List<String> waited = new java.util.ArrayList<>();
    SyncListener l =
        new SyncListener() {
          @Override
          public void waitingForSchool(String schoolId, String holder) {
            waited.add(schoolId + " " + holder);
          }
        };
    io.missync.core.spi.SchoolBusyException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.missync.core.spi.SchoolBusyException.class,
            () ->
                builder()
                    .leaseWait(java.time.Duration.ofMillis(150))
                    .listener(l)
                    .build()
                    .run(Fx.SCHOOL));
    assertEquals(Fx.SCHOOL, e.schoolId());
    assertEquals("other-run", e.holder());
    assertTrue(e.getMessage().contains(Fx.SCHOOL), e.getMessage());
    assertEquals(List.of(Fx.SCHOOL + " other-run"), waited);
    assertTrue(product.sink.received.isEmpty(), "nothing was applied");
    assertTrue(product.store.audit(Fx.SCHOOL, 10).isEmpty(), "nothing was read or planned");
    product.store.releaseLease(other);
    assertEquals(RunResult.Outcome.APPLIED, runner().run(Fx.SCHOOL).outcome());
    assertTrue(product.store.lease(Fx.SCHOOL).isEmpty(), "the run gave the school up");
  }
}
