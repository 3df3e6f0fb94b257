package io.missync.core.spi;

import io.missync.core.plan.HoldReason;
import io.missync.core.plan.PlanStatistics;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A plan the safety gate held, as stored for a person to review. The store keeps the plan's
 * fingerprint, figures and reasons, not its changes: the planner is deterministic, so an approval
 * applies to the plan with this {@link #planId()} when the next run computes it again from the same
 * inputs; a plan computed from changed inputs has another id and is gated afresh.
 *
 * @param schoolId the school
 * @param planId the plan's content fingerprint
 * @param stateVersion the state version it was computed from
 * @param heldAt when it was held
 * @param reasons why
 * @param statistics its figures
 * @param decision the person's decision, or PENDING
 * @param decidedBy who decided, or null
 * @param decidedAt when, or null
 */
public record HeldPlan(
    String schoolId,
    String planId,
    long stateVersion,
    Instant heldAt,
    List<HoldReason> reasons,
    PlanStatistics statistics,
    Decision decision,
    @Nullable String decidedBy,
    @Nullable Instant decidedAt) {
  public HeldPlan {
    reasons = List.copyOf(reasons);
  }

  public Optional<String> decider() {
    return Optional.ofNullable(decidedBy);
  }

  public Optional<Instant> decisionTime() {
    return Optional.ofNullable(decidedAt);
  }

  /** This held plan with a decision. */
  public HeldPlan decided(Decision d, String actor, Instant at) {
    return new HeldPlan(schoolId, planId, stateVersion, heldAt, reasons, statistics, d, actor, at);
  }

  /** A person's decision on a held plan. */
  public enum Decision {
    PENDING,
    APPROVED,
    DISCARDED
  }
}
