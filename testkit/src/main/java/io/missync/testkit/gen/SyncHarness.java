package io.missync.testkit.gen;

import io.missync.core.model.MisSnapshot;
import io.missync.core.plan.GateVerdict;
import io.missync.core.plan.Plan;
import io.missync.core.spi.CredentialPolicy;
import io.missync.core.state.TargetState;
import io.missync.core.store.InMemorySyncStateStore;
import io.missync.reconcile.Applier;
import io.missync.reconcile.ApplyReport;
import io.missync.reconcile.GatePolicy;
import io.missync.reconcile.Planner;
import io.missync.reconcile.SafetyGate;
import io.missync.reconcile.SyncPolicy;
import java.time.Clock;

/**
 * One school's product in memory: a {@link InMemorySyncStateStore}, an {@link InMemoryProductSink},
 * and a planner, gate and applier over them. For properties such as "apply the plan, plan again,
 * nothing to do", and for trying a policy against generated schools.
 */
public final class SyncHarness {
  private final String schoolId;
  private final InMemorySyncStateStore store;
  private final InMemoryProductSink sink = new InMemoryProductSink();
  private final Planner planner;
  private final SafetyGate gate;
  private final Applier applier;

  public SyncHarness(
      String schoolId, SyncPolicy policy, CredentialPolicy credentials, Clock clock) {
    this.schoolId = schoolId;
    this.store = new InMemorySyncStateStore(clock);
    this.planner = new Planner(policy, credentials, clock);
    this.gate = new SafetyGate(GatePolicy.defaults());
    this.applier = new Applier(store, sink, credentials, clock, policy.schoolZone());
  }

  public String schoolId() {
    return schoolId;
  }

  public InMemorySyncStateStore store() {
    return store;
  }

  public InMemoryProductSink sink() {
    return sink;
  }

  public Planner planner() {
    return planner;
  }

  public TargetState state() {
    return store.load(schoolId);
  }

  /** The plan for the snapshot against the current state (not applied). */
  public Plan plan(MisSnapshot snapshot) {
    return planner.plan(state(), snapshot);
  }

  /** The gate's verdict on a plan computed from the snapshot. */
  public GateVerdict gate(Plan plan, MisSnapshot snapshot) {
    return gate.evaluate(plan, snapshot);
  }

  public ApplyReport apply(Plan plan) {
    return applier.apply(plan);
  }

  /** Plans and applies the snapshot whatever the gate says (as if a person approved it). */
  public Plan sync(MisSnapshot snapshot) {
    Plan p = plan(snapshot);
    apply(p);
    return p;
  }
}
