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
 * @param evidencePlan the evidence-backed part of a held plan, with its own verdict, when the run
 *     split one off ({@link Planner#evidenceBackedPart}); {@code plan} is then what remained,
 *     planned afresh once the part was applied
 * @param evidenceReport the apply report of the evidence-backed part, when it was applied
 */
public record RunResult(
    Plan plan,
    Outcome outcome,
    @Nullable ApplyReport report,
    @Nullable Plan evidencePlan,
    @Nullable ApplyReport evidenceReport) {

  /** A run that split nothing off. */
  public RunResult(Plan plan, Outcome outcome, @Nullable ApplyReport report) {
    this(plan, outcome, report, null, null);
  }

  public Optional<ApplyReport> applyReport() {
    return Optional.ofNullable(report);
  }

  /** The evidence-backed part split off a held plan, with its verdict. */
  public Optional<Plan> evidenceBackedPart() {
    return Optional.ofNullable(evidencePlan);
  }

  /** The apply report of the evidence-backed part, when it was applied. */
  public Optional<ApplyReport> evidenceBackedReport() {
    return Optional.ofNullable(evidenceReport);
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
