package io.missync.reconcile;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.MisSnapshot;
import io.missync.core.plan.Change;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.GateVerdict;
import io.missync.core.plan.HoldReason;
import io.missync.core.plan.Plan;
import io.missync.core.plan.PlanBasis;
import io.missync.core.plan.PlanStatistics;
import io.missync.core.plan.ReasonCode;
import io.missync.core.plan.RekeyAccount;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Decides whether a plan may be applied unattended. It holds the plan, with reasons, when:
 *
 * <ul>
 *   <li>the source is empty or absent for a person type the product has active accounts of ({@link
 *       HoldReason.Code#EMPTY_SOURCE}, {@link HoldReason.Code#INCOMPLETE_SOURCE}), or partial when
 *       the policy says so;
 *   <li>a complete read has no groups, no memberships, or no guardian links, while the product has
 *       some and the plan would archive, leave or unlink them ({@link
 *       HoldReason.Code#EMPTY_SOURCE});
 *   <li>the number of records fetched disagrees with the source's own count ({@link
 *       HoldReason.Code#COUNT_MISMATCH});
 *   <li>changes of a kind pass a threshold ({@link HoldReason.Code#THRESHOLD_EXCEEDED}); group
 *       leaves ({@link ChangeKind#LEAVE_GROUP}, of every person type together) are measured against
 *       the {@link EntityType#MEMBERSHIP} threshold and baseline (the product's memberships of
 *       active accounts in MIS groups);
 *   <li>an MIS migration was announced, or is visible as mass id churn for a person type: more than
 *       {@link GatePolicy#migrationMinimum()} people of the type were re-keyed from one MIS id to
 *       another and they are most of the people of the type who vanished ({@link
 *       HoldReason.Code#MIGRATION_DETECTED});
 *   <li>the policy asks for it and the plan has review items ({@link
 *       HoldReason.Code#REVIEW_REQUIRED}).
 * </ul>
 *
 * Messages carry counts, percentages and thresholds, never personal data. Stateless and
 * thread-safe.
 */
public final class SafetyGate {
  private static final EntityType[] PEOPLE = {
    EntityType.STUDENT, EntityType.STAFF, EntityType.CONTACT
  };

  private final GatePolicy policy;

  public SafetyGate(GatePolicy policy) {
    this.policy = policy;
  }

  public GatePolicy policy() {
    return policy;
  }

  /** The verdict on a plan computed from {@code snapshot}. */
  public GateVerdict evaluate(Plan plan, MisSnapshot snapshot) {
    return evaluate(plan, snapshot, false);
  }

  /**
   * The verdict on a plan, judged on the plan alone: its changes, statistics and {@link
   * Plan#basis()} (the completeness and counts of the snapshot it was computed from, and the
   * migration signal).
   *
   * @throws IllegalArgumentException if the plan carries no basis (one built by hand)
   */
  public GateVerdict evaluate(Plan plan) {
    PlanBasis basis =
        plan.planBasis()
            .orElseThrow(() -> new IllegalArgumentException("the plan has no basis to judge"));
    return judge(plan, basis);
  }

  /**
   * The verdict on a plan.
   *
   * @param plan the plan
   * @param snapshot the snapshot it was computed from
   * @param migrationAnnounced true when the source announced an MIS migration
   */
  public GateVerdict evaluate(Plan plan, MisSnapshot snapshot, boolean migrationAnnounced) {
    EnumMap<EntityType, Completeness> completeness = new EnumMap<>(EntityType.class);
    EnumMap<EntityType, Integer> counts = new EnumMap<>(EntityType.class);
    EnumMap<EntityType, Long> sourceCounts = new EnumMap<>(EntityType.class);
    for (EntityType t : EntityType.values()) {
      completeness.put(t, snapshot.completeness(t));
      counts.put(t, snapshot.count(t));
      snapshot.sourceCount(t).ifPresent(n -> sourceCounts.put(t, n));
    }
    PlanBasis planned = plan.basis();
    PlanBasis basis =
        new PlanBasis(
            planned == null ? java.time.LocalDate.EPOCH : planned.schoolDay(),
            migrationAnnounced
                ? PlanBasis.Migration.ANNOUNCED
                : planned == null || planned.migrationAnnounced()
                    ? PlanBasis.Migration.NONE
                    : planned.migration(),
            planned == null ? java.util.Set.of() : planned.migrating(),
            completeness,
            counts,
            sourceCounts);
    return judge(plan, basis);
  }

  /**
   * The verdict on the evidence-backed part of a plan ({@link Planner#evidenceBackedPart}): held
   * only when, for a person type, its deactivations pass {@link GatePolicy#evidenceBackedLimit()}
   * against the type's active accounts before the plan (a mistyped bulk leaving date). Nothing else
   * holds it: the source's completeness, counts and thresholds, and a migration, do not make a
   * reported deletion or a passed date less true.
   */
  public GateVerdict evaluateEvidenceBacked(Plan part) {
    List<HoldReason> reasons = new ArrayList<>();
    PlanStatistics stats = part.statistics();
    GatePolicy.Threshold limit = policy.evidenceBackedLimit();
    for (EntityType t : PEOPLE) {
      int n = stats.count(t, ChangeKind.DEACTIVATE_ACCOUNT);
      int base = stats.baseline(t);
      if (limit.exceededBy(n, base)) {
        reasons.add(
            new HoldReason(
                HoldReason.Code.THRESHOLD_EXCEEDED,
                t,
                String.format(
                    Locale.ROOT,
                    "%d evidence-backed deactivations of %s (%.1f%% of %d) exceed the sanity limit"
                        + " of more than %d and more than %.1f%%",
                    n,
                    plural(t),
                    base == 0 ? 100.0 : 100.0 * n / base,
                    base,
                    limit.absolute(),
                    limit.percent())));
      }
    }
    return reasons.isEmpty() ? GateVerdict.apply() : GateVerdict.hold(reasons);
  }

  private GateVerdict judge(Plan plan, PlanBasis basis) {
    boolean migrationAnnounced = basis.migrationAnnounced();
    List<HoldReason> reasons = new ArrayList<>();
    PlanStatistics stats = plan.statistics();
    for (EntityType t : PEOPLE) {
      int have = stats.baseline(t);
      if (have == 0) {
        continue;
      }
      Completeness c = basis.completeness(t);
      String name = plural(t);
      if (c == Completeness.ABSENT) {
        reasons.add(
            new HoldReason(
                HoldReason.Code.INCOMPLETE_SOURCE,
                t,
                "the source has no " + name + " (absent) and the product has " + have + " active"));
      } else if (c == Completeness.COMPLETE && basis.count(t) == 0) {
        reasons.add(
            new HoldReason(
                HoldReason.Code.EMPTY_SOURCE,
                t,
                "the source has 0 " + name + " and the product has " + have + " active"));
      } else if (c == Completeness.PARTIAL && policy.holdOnPartial()) {
        reasons.add(
            new HoldReason(
                HoldReason.Code.INCOMPLETE_SOURCE, t, "the source's " + name + " are partial"));
      }
    }
    // a complete read with no groups or no guardian links, while the plan would archive or unlink
    // what the product has, is an outage or a half-loaded export, not "every class ended" or
    // "every parent left" (below the thresholds, a small school would be emptied unattended)
    // the same for memberships: "no memberships" would take every pupil and teacher out of every
    // class, and a membership has no threshold of its own among the person types' changes
    for (EntityType t :
        new EntityType[] {EntityType.GROUP, EntityType.MEMBERSHIP, EntityType.GUARDIAN_LINK}) {
      int have = stats.baseline(t);
      if (have > 0 && basis.isComplete(t) && basis.count(t) == 0 && removals(stats, t) > 0) {
        reasons.add(
            new HoldReason(
                HoldReason.Code.EMPTY_SOURCE,
                t,
                "the source has 0 " + plural(t) + " and the product has " + have));
      }
    }
    for (EntityType t : EntityType.values()) {
      OptionalLong declared = basis.sourceCount(t);
      if (declared.isPresent() && declared.getAsLong() != basis.count(t)) {
        reasons.add(
            new HoldReason(
                HoldReason.Code.COUNT_MISMATCH,
                t,
                "fetched "
                    + basis.count(t)
                    + " "
                    + plural(t)
                    + " but the source reports "
                    + declared.getAsLong()));
      }
    }
    for (Map.Entry<EntityType, Map<ChangeKind, GatePolicy.Threshold>> e :
        policy.thresholds().entrySet()) {
      EntityType t = e.getKey();
      for (Map.Entry<ChangeKind, GatePolicy.Threshold> k : e.getValue().entrySet()) {
        int n = t == EntityType.MEMBERSHIP ? stats.count(k.getKey()) : stats.count(t, k.getKey());
        int base = stats.baseline(t);
        if (k.getValue().exceededBy(n, base)) {
          reasons.add(
              new HoldReason(
                  HoldReason.Code.THRESHOLD_EXCEEDED,
                  t,
                  String.format(
                      Locale.ROOT,
                      "%d %s of %s (%.1f%% of %d) exceed the threshold of more than %d and more"
                          + " than %.1f%%",
                      n,
                      k.getKey().name().toLowerCase(Locale.ROOT),
                      plural(t),
                      base == 0 ? 100.0 : 100.0 * n / base,
                      base,
                      k.getValue().absolute(),
                      k.getValue().percent())));
        }
      }
    }
    if (migrationAnnounced) {
      reasons.add(
          new HoldReason(
              HoldReason.Code.MIGRATION_DETECTED, null, "the source announced an MIS migration"));
    } else {
      // per person type, as GatePolicy promises: staff turnover must not mask a pupils'
      // migration, nor a few re-keys of each type add up to one
      EnumMap<EntityType, Integer> migrated = new EnumMap<>(EntityType.class);
      EnumMap<EntityType, Integer> left = new EnumMap<>(EntityType.class);
      for (Change c : plan.changes()) {
        if (c instanceof RekeyAccount r && r.previousLink().isPresent()) {
          migrated.merge(r.entityType(), 1, Integer::sum);
        } else if (c.kind() == ChangeKind.DEACTIVATE_ACCOUNT
            && c.reason().code() == ReasonCode.LEFT_SOURCE) {
          left.merge(c.entityType(), 1, Integer::sum);
        }
      }
      for (EntityType t : PEOPLE) {
        int rekeyed = migrated.getOrDefault(t, 0);
        int gone = left.getOrDefault(t, 0);
        if (rekeyed > policy.migrationMinimum() && rekeyed > gone) {
          reasons.add(
              new HoldReason(
                  HoldReason.Code.MIGRATION_DETECTED,
                  t,
                  rekeyed
                      + " "
                      + plural(t)
                      + " changed MIS id and matched existing accounts; "
                      + gone
                      + " others left"));
        }
      }
    }
    if (policy.holdOnReviewItems() && !plan.reviewItems().isEmpty()) {
      reasons.add(
          new HoldReason(
              HoldReason.Code.REVIEW_REQUIRED,
              null,
              plan.reviewItems().size() + " review items must be resolved first"));
    }
    return reasons.isEmpty() ? GateVerdict.apply() : GateVerdict.hold(reasons);
  }

  /** The plan's changes that remove what the product has of the type. */
  private static int removals(PlanStatistics stats, EntityType t) {
    switch (t) {
      case GROUP:
        return stats.count(t, ChangeKind.ARCHIVE_GROUP);
      case GUARDIAN_LINK:
        return stats.count(t, ChangeKind.UNLINK_GUARDIAN);
      case MEMBERSHIP:
        return stats.count(ChangeKind.LEAVE_GROUP) + stats.count(ChangeKind.MOVE_ACCOUNT);
      default:
        throw new AssertionError(t);
    }
  }

  private static String plural(EntityType t) {
    switch (t) {
      case STUDENT:
        return "students";
      case STAFF:
        return "staff";
      case CONTACT:
        return "contacts";
      case GROUP:
        return "groups";
      case MEMBERSHIP:
        return "memberships";
      case GUARDIAN_LINK:
        return "guardian links";
    }
    throw new AssertionError(t);
  }
}
