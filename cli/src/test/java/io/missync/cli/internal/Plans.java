package io.missync.cli.internal;

import io.missync.core.EntityType;
import io.missync.core.model.GroupKind;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.plan.AccountRef;
import io.missync.core.plan.Change;
import io.missync.core.plan.CreateAccount;
import io.missync.core.plan.CreateGroup;
import io.missync.core.plan.DeactivateAccount;
import io.missync.core.plan.GateVerdict;
import io.missync.core.plan.GroupRef;
import io.missync.core.plan.HoldReason;
import io.missync.core.plan.MatchConfidence;
import io.missync.core.plan.Plan;
import io.missync.core.plan.PlanStatistics;
import io.missync.core.plan.Reason;
import io.missync.core.plan.ReasonCode;
import io.missync.core.plan.ReviewItem;
import io.missync.core.state.AccountField;
import io.missync.core.state.TargetState;
import io.missync.reconcile.GatePolicy;
import io.missync.reconcile.Planner;
import io.missync.reconcile.SafetyGate;
import io.missync.reconcile.SyncPolicy;
import io.missync.testkit.wonde.SimulatorConfig;
import io.missync.testkit.wonde.WondeSimulator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Plans for the summary and report tests. */
final class Plans {
  private Plans() {}

  /** A first sync of a generated school, gated. */
  static Plan firstSync(int pupils) {
    MisSnapshot snapshot;
    try (WondeSimulator sim =
        WondeSimulator.start(
            SimulatorConfig.builder().seed(11).schools(1).studentsPerSchool(pupils).build())) {
      snapshot = sim.snapshot(sim.world().school(0).id());
    }
    Plan plan =
        new Planner(
                SyncPolicy.defaults(),
                DemoYear.credentials(),
                Clock.fixed(Instant.parse("2026-09-07T08:00:00Z"), ZoneOffset.UTC))
            .plan(TargetState.empty(snapshot.source().schoolId()), snapshot, false);
    return plan.withVerdict(new SafetyGate(GatePolicy.defaults()).evaluate(plan, snapshot, false));
  }

  /** A small held plan whose names and evidence try to break out of the HTML. */
  static Plan hostile() {
    String evil = "<script>alert('x')</script>&\"";
    List<Change> changes =
        List.of(
            new DeactivateAccount(
                AccountRef.of(new PersonRef(EntityType.STUDENT, "S1"), "user-1"),
                Reason.of(ReasonCode.LEFT_SOURCE, "note", evil)),
            new CreateAccount(
                AccountRef.pending(new PersonRef(EntityType.STUDENT, "S2")),
                Map.of(AccountField.FORENAME, evil, AccountField.SURNAME, "Surname-Secret"),
                "user.name",
                "default",
                null,
                Reason.of(ReasonCode.NEW_IN_SOURCE)),
            new CreateGroup(
                GroupRef.of("G1", null),
                GroupKind.CLASS,
                "Group " + evil,
                null,
                Reason.of(ReasonCode.NEW_IN_SOURCE)));
    List<ReviewItem> items =
        List.of(
            new ReviewItem.PossibleDuplicate(
                new PersonRef(EntityType.STAFF, "T9"),
                "user-9",
                MatchConfidence.LIKELY,
                Reason.of(ReasonCode.UNCERTAIN_MATCH, "matchedOn", "EMAIL")),
            new ReviewItem.RejectedRow(
                EntityType.STUDENT,
                "Student.csv:14",
                "missing required field SIS ID",
                Reason.of(ReasonCode.REJECTED_ROW)));
    Plan p =
        new Plan(
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "SCHOOL-1",
            3,
            Instant.parse("2026-09-07T08:00:00Z"),
            changes,
            items,
            PlanStatistics.of(changes, Map.of(EntityType.STUDENT, 10)),
            null);
    return p.withVerdict(
        GateVerdict.hold(
            List.of(
                new HoldReason(
                    HoldReason.Code.THRESHOLD_EXCEEDED,
                    EntityType.STUDENT,
                    "1 deactivate_account of students (10.0% of 10) exceed the threshold"))));
  }
}
