package io.missync.core.plan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A reviewable plan: the ordered changes that bring the product in step with a snapshot, the review
 * items a person must decide, statistics, the version of the product state it was computed from,
 * and (once gated) the safety gate's verdict.
 *
 * <p>The order is the order to apply in: groups before memberships, creates before links, contacts'
 * deactivations after their students'. A plan is refused at apply time when the state's version has
 * moved on since {@link #stateVersion()}.
 *
 * @param id a content fingerprint: equal inputs give an equal id
 * @param schoolId the school
 * @param stateVersion the product state version the plan was computed from
 * @param computedAt the instant from the planner's clock
 * @param changes the changes in application order
 * @param reviewItems items for a person to decide; never applied
 * @param statistics counts per entity type and change kind
 * @param verdict the gate's verdict, or null before gating
 * @param basis what the plan was based on (school day, migration signal, completeness and counts),
 *     or null for a plan built without one
 * @param evidenceBacked the changes backed by explicit evidence (a deletion the source reported, a
 *     leaving or employment end date that has passed, an operator's suspension, parental
 *     responsibility withdrawn, and the contact deactivations and unlinks that follow from those
 *     alone), in application order: the same instances as in {@code changes}, a subset of them.
 *     They are applied in the run that sees them even when the rest of the plan is held
 */
public record Plan(
    String id,
    String schoolId,
    long stateVersion,
    Instant computedAt,
    List<Change> changes,
    List<ReviewItem> reviewItems,
    PlanStatistics statistics,
    @Nullable GateVerdict verdict,
    @Nullable PlanBasis basis,
    List<Change> evidenceBacked) {
  public Plan {
    changes = List.copyOf(changes);
    reviewItems = List.copyOf(reviewItems);
    evidenceBacked = List.copyOf(evidenceBacked);
    if (id.isBlank()) {
      throw new IllegalArgumentException("Plan.id must not be blank");
    }
  }

  /** A plan without a basis and without evidence-backed changes. */
  public Plan(
      String id,
      String schoolId,
      long stateVersion,
      Instant computedAt,
      List<Change> changes,
      List<ReviewItem> reviewItems,
      PlanStatistics statistics,
      @Nullable GateVerdict verdict) {
    this(
        id,
        schoolId,
        stateVersion,
        computedAt,
        changes,
        reviewItems,
        statistics,
        verdict,
        null,
        List.of());
  }

  /** What the plan was based on, when the planner recorded it. */
  public Optional<PlanBasis> planBasis() {
    return Optional.ofNullable(basis);
  }

  /** The verdict, once the gate has looked at the plan. */
  public Optional<GateVerdict> gateVerdict() {
    return Optional.ofNullable(verdict);
  }

  /** This plan with the gate's verdict. */
  public Plan withVerdict(GateVerdict v) {
    return new Plan(
        id,
        schoolId,
        stateVersion,
        computedAt,
        changes,
        reviewItems,
        statistics,
        v,
        basis,
        evidenceBacked);
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** Counts only: a plan's changes may carry personal data in their evidence and fields. */
  @Override
  public String toString() {
    return "Plan[id="
        + id
        + ", school="
        + schoolId
        + ", stateVersion="
        + stateVersion
        + ", changes="
        + changes.size()
        + ", reviewItems="
        + reviewItems.size()
        + ", verdict="
        + (verdict == null ? "none" : verdict.decision())
        + "]";
  }
}
