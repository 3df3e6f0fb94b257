package io.missync.reconcile;

import static io.missync.reconcile.Fx.group;
import static io.missync.reconcile.Fx.member;
import static io.missync.reconcile.Fx.snapshot;
import static io.missync.reconcile.Fx.student;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.Secret;
import io.missync.core.model.GroupKind;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.plan.Change;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.CreateAccount;
import io.missync.core.plan.JoinGroup;
import io.missync.core.plan.Plan;
import io.missync.core.spi.ApplyRecord;
import io.missync.core.spi.ChangeContext;
import io.missync.core.spi.ChangeResult;
import io.missync.core.spi.StaleStateException;
import io.missync.core.state.StateUpdate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplierTest {
  private static MisSnapshot school() {
    return snapshot()
        .addStudent(student("S1", "Amelia", "Smith").build())
        .addStudent(student("S2", "Oliver", "Smith").upn("A000000000022").build())
        .addGroup(group("6A", GroupKind.REGISTRATION, "6A"))
        .addMembership(member("6A", "S1"))
        .addMembership(member("6A", "S2"))
        .build();
  }

  @Test
  void appliesInOrderResolvingNewIdsAndRecordsEveryOutcome() {
    Fx.Product p = new Fx.Product();
    Plan plan = p.planner.plan(p.state(), school());
    ApplyReport r = p.applier.apply(plan);
    assertEquals(plan.changes().size(), r.applied());
    assertEquals(ApplyRecord.Status.COMPLETED, r.status());
    assertEquals(plan.changes().size(), r.finalVersion());
    JoinGroup join =
        (JoinGroup)
            p.sink.received.stream().filter(c -> c instanceof JoinGroup).findFirst().orElseThrow();
    assertTrue(join.account().account().orElseThrow().startsWith("acc-"));
    assertTrue(join.group().productGroup().orElseThrow().startsWith("grp-"));
    ApplyRecord rec = p.store.applyRecord(Fx.SCHOOL, plan.id()).orElseThrow();
    assertEquals(plan.changes().size(), rec.outcomes().size());
    assertTrue(p.state().accountFor(PersonRef.student("S1")).orElseThrow().credentialsIssued());
    assertEquals(List.of(), p.planner.plan(p.state(), school()).changes());
  }

  @Test
  void generatesEachPasswordJustBeforeTheSinkAndWipesItAfter() {
    Fx.Product p = new Fx.Product();
    List<Secret> seen = new ArrayList<>();
    p.sink.spy =
        c -> {
          if (c instanceof CreateAccount ca) {
            Secret s = ca.password().orElseThrow();
            assertEquals(10, s.reveal().length());
            seen.add(s);
          }
        };
    Plan plan = p.planner.plan(p.state(), school());
    assertTrue(
        plan.changes().stream()
            .filter(c -> c instanceof CreateAccount)
            .allMatch(c -> ((CreateAccount) c).password().isEmpty()));
    p.applier.apply(plan);
    assertEquals(2, seen.size());
    for (Secret s : seen) {
      assertThrows(IllegalStateException.class, s::reveal, "cleared after the sink call");
    }
  }

  @Test
  void refusesAStalePlanAndAppliesNothing() {
    Fx.Product p = new Fx.Product();
    Plan plan = p.planner.plan(p.state(), school());
    p.store.commit(Fx.SCHOOL, 0, StateUpdate.none());
    assertThrows(StaleStateException.class, () -> p.applier.apply(plan));
    assertEquals(List.of(), p.sink.received);
  }

  @Test
  void aFailedCreateSkipsWhatDependsOnItAndTheNextPlanRetries() {
    Fx.Product p = new Fx.Product();
    Fx.RecordingSink failing =
        new Fx.RecordingSink() {
          @Override
          public ChangeResult apply(ChangeContext context, Change change) {
            if (change instanceof CreateAccount ca && ca.account().person().id().equals("S2")) {
              received.add(change);
              return new ChangeResult.Failed("product unavailable", true);
            }
            return super.apply(context, change);
          }
        };
    Applier applier = new Applier(p.store, failing, Fx.credentials(), Fx.CLOCK);
    Plan plan = p.planner.plan(p.state(), school());
    ApplyReport r = applier.apply(plan);
    assertEquals(1, r.failed());
    assertEquals(1, r.skipped(), "S2's join depends on its create");
    assertEquals(ApplyRecord.Status.COMPLETED_WITH_FAILURES, r.status());
    assertTrue(p.state().accountFor(PersonRef.student("S2")).isEmpty());
    Plan retry = p.planner.plan(p.state(), school());
    assertEquals(List.of(ChangeKind.CREATE_ACCOUNT, ChangeKind.JOIN_GROUP), Fx.kinds(retry));
  }

  /**
   * A sink that throws on one change (against its contract) does not abort the apply: that change
   * is journaled as failed with the exception's type only, what depends on it is skipped, and the
   * rest of the plan, including the leaver's deactivation, is applied.
   */
  @Test
  void aSinkThatThrowsOnOneChangeIsJournaledAsItsFailureAndTheApplyGoesOn() {
    Fx.Product p = new Fx.Product();
    p.sync(school());
    // S1 leaves; a new pupil, S3, joins 6A, and the vendor's adapter throws on the join
    MisSnapshot next =
        school().toBuilder()
            .remove(PersonRef.student("S1"))
            .removeMembershipsIf(m -> m.personId().equals("S1"))
            .addStudent(student("S3", "Isla", "Brown").upn("A000000000033").build())
            .addMembership(member("6A", "S3"))
            .build();
    Fx.RecordingSink broken =
        new Fx.RecordingSink() {
          @Override
          public ChangeResult apply(ChangeContext context, Change change) {
            if (change.kind() == ChangeKind.JOIN_GROUP) {
              throw new IllegalStateException("cannot add Isla Brown to 6A");
            }
            return super.apply(context, change);
          }
        };
    broken.seq = 100;
    Applier applier = new Applier(p.store, broken, Fx.credentials(), Fx.CLOCK);
    Plan plan = p.planner.plan(p.state(), next);
    assertEquals(
        List.of(ChangeKind.DEACTIVATE_ACCOUNT, ChangeKind.CREATE_ACCOUNT, ChangeKind.JOIN_GROUP),
        Fx.kinds(plan),
        "deactivations first");
    ApplyReport r = applier.apply(plan);
    assertEquals(2, r.applied());
    assertEquals(1, r.failed());
    assertEquals(ApplyRecord.Status.COMPLETED_WITH_FAILURES, r.status());
    ApplyRecord rec = p.store.applyRecord(Fx.SCHOOL, plan.id()).orElseThrow();
    assertEquals(ApplyRecord.Status.COMPLETED_WITH_FAILURES, rec.status());
    assertEquals(3, rec.outcomes().size());
    ChangeResult.Failed f = (ChangeResult.Failed) rec.outcomes().get(2).outcome().result();
    assertEquals("the sink threw java.lang.IllegalStateException", f.message());
    assertFalse(f.message().contains("Isla"), "no personal data from the exception's message");
    assertFalse(p.account(PersonRef.student("S1")).active(), "the leaver lost access");
    assertTrue(p.account(PersonRef.student("S3")).active());
    // the next plan tries the failed join again, and only that
    assertEquals(
        List.of(ChangeKind.JOIN_GROUP), Fx.kinds(p.planner.plan(p.state(), next)), "retried");
  }

  /**
   * A sink that throws on every create and membership change still deactivates the leavers: they
   * come first in the plan and one throwing change does not stop the others.
   */
  @Test
  void leaversLoseAccessEvenWhenTheSinkThrowsOnEverythingElse() {
    Fx.Product p = new Fx.Product();
    p.sync(school());
    MisSnapshot next =
        school().toBuilder()
            .remove(PersonRef.student("S1"))
            .remove(PersonRef.student("S2"))
            .removeMembershipsIf(m -> true)
            .addStudent(student("S3", "Isla", "Brown").upn("A000000000033").build())
            .addGroup(group("6B", GroupKind.REGISTRATION, "6B"))
            .addMembership(member("6B", "S3"))
            .build();
    Fx.RecordingSink broken =
        new Fx.RecordingSink() {
          @Override
          public ChangeResult apply(ChangeContext context, Change change) {
            if (change.kind() != ChangeKind.DEACTIVATE_ACCOUNT) {
              throw new IllegalStateException("product bug");
            }
            return super.apply(context, change);
          }
        };
    Applier applier = new Applier(p.store, broken, Fx.credentials(), Fx.CLOCK);
    ApplyReport r = applier.apply(p.planner.plan(p.state(), next));
    assertEquals(2, r.applied());
    assertFalse(p.account(PersonRef.student("S1")).active());
    assertFalse(p.account(PersonRef.student("S2")).active());
    assertTrue(p.store.unfinishedApplies(Fx.SCHOOL).isEmpty(), "the journal is closed");
  }

  @Test
  void aHardDeleteRemovesTheAccountAndItsLinks() {
    SyncPolicy month =
        SyncPolicy.builder()
            .hardDeleteAfter(EntityType.STUDENT, java.time.Period.ofDays(30))
            .build();
    Fx.Product p = new Fx.Product(month);
    MisSnapshot withMum =
        school().toBuilder()
            .addContact(Fx.contact("C1", "Jane", "Smith").build())
            .addGuardianLink(Fx.link("C1", "S1"))
            .addGuardianLink(Fx.link("C1", "S2"))
            .build();
    p.sync(withMum);
    String s2 = p.state().accountFor(PersonRef.student("S2")).orElseThrow().accountId();
    // S2 left 40 days ago
    var st = p.state();
    var old =
        st.accountFor(PersonRef.student("S2")).orElseThrow().toBuilder()
            .active(false)
            .deactivatedOn(Fx.TODAY.minusDays(40))
            .build();
    p.store.commit(Fx.SCHOOL, st.version(), StateUpdate.account(old));
    MisSnapshot gone =
        withMum.toBuilder()
            .remove(PersonRef.student("S2"))
            .removeMembershipsIf(m -> m.personId().equals("S2"))
            .removeGuardianLinksIf(l -> l.studentId().equals("S2"))
            .build();
    Plan plan = p.planner.plan(p.state(), gone);
    assertEquals(List.of(ChangeKind.UNLINK_GUARDIAN, ChangeKind.DELETE_ACCOUNT), Fx.kinds(plan));
    p.applier.apply(plan);
    assertTrue(p.state().account(s2).isEmpty());
    assertTrue(p.state().guardianLinks().stream().noneMatch(l -> l.studentAccountId().equals(s2)));
    assertEquals(List.of(), p.planner.plan(p.state(), gone).changes());
  }
}
