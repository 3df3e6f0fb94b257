package io.missync.reconcile;

import io.missync.core.plan.Plan;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one run of the {@link SyncRunner} did.
 *
 * @param plan the plan, with the gate's verdict
 * @param outcome what happened to it
 * @param report the apply report, when the plan was applied
 */
public record RunResult(Plan plan, Outcome outcome, @Nullable ApplyReport report) {
  public Optional<ApplyReport> applyReport() {
    return Optional.ofNullable(report);
  }

  /** What happened to the plan. */
  public enum Outcome {
    /** The plan had no changes, and the gate did not hold it for its review items. */
    NOTHING_TO_DO,
    /** The gate let the plan through and it was applied. */
    APPLIED,
    /** The gate held the plan earlier, a person approved it, and it was applied now. */
    APPLIED_AFTER_APPROVAL,
    /** The gate held the plan; it waits for a person's decision. */
    HELD,
    /** The gate held the plan and a person discarded it; nothing was applied. */
    DISCARDED
  }
}
