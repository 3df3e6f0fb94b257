package io.missync.reconcile;

import static io.missync.reconcile.Fx.snapshot;
import static io.missync.reconcile.Fx.student;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.spi.ApplyRecord;
import io.missync.core.spi.AuditEvent;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.SnapshotSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SyncRunnerTest {
  private final Fx.Product product = new Fx.Product();
  private final AtomicReference<MisSnapshot> source = new AtomicReference<>();

  private SyncRunner runner() {
    SnapshotSource s = source::get;
    return SyncRunner.builder()
        .source(s)
        .store(product.store)
        .sink(product.sink)
        .credentials(Fx.credentials())
        .clock(Fx.CLOCK)
        .build();
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
    product.store.beginApply(Fx.SCHOOL, "crashed", 0, 3);
    RunResult r = runner().run(Fx.SCHOOL);
    assertEquals(RunResult.Outcome.APPLIED, r.outcome());
    assertEquals(
        ApplyRecord.Status.ABORTED,
        product.store.applyRecord(Fx.SCHOOL, "crashed").orElseThrow().status());
    assertTrue(product.store.unfinishedApplies(Fx.SCHOOL).isEmpty());
  }
}
