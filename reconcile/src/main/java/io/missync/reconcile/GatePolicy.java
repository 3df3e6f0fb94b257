package io.missync.reconcile;

import io.missync.core.EntityType;
import io.missync.core.plan.ChangeKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The safety gate's thresholds, as an immutable value. A threshold on (entity type, change kind)
 * trips when the plan has <em>more than</em> {@code absolute} such changes <em>and</em> they are
 * <em>more than</em> {@code percent} of the product's active records of the type before the plan.
 * Both conditions must hold: the percentage protects every size of school, and the absolute count
 * is a small floor, so that a handful of leavers never holds a plan while a third of a small school
 * always does (a 35-pupil school's "complete" read missing 15 pupils is held, pupils and parents
 * alike), and a large one is not waved through for a thousand.
 *
 * <p>Defaults: deactivations of students, staff or contacts: more than 10% and more than 3; hard
 * deletes: more than 5% and more than 3; account updates: more than 50% and more than 200; group
 * archives: more than 50% and more than 50; group leaves: more than 25% and more than 100; guardian
 * unlinks: more than 20% and more than 5.
 *
 * <p>Changes backed by explicit evidence (see {@link io.missync.core.plan.Plan#evidenceBacked()})
 * are judged on their own, by {@link SafetyGate#evaluateEvidenceBacked}, against one sanity limit
 * per person type, {@link #evidenceBackedLimit()} (default: more than 50% and more than 3): a
 * mistyped bulk leaving date must not empty a school unattended either.
 *
 * <p>Group leaves are set as a threshold on ({@link EntityType#MEMBERSHIP}, {@link
 * ChangeKind#LEAVE_GROUP}): it counts the plan's leaves of every person type together against the
 * product's memberships of active accounts in MIS groups before the plan. A half-loaded membership
 * export read as complete would otherwise take pupils out of their classes unattended (an empty one
 * is held as {@link io.missync.core.plan.HoldReason.Code#EMPTY_SOURCE} whatever the thresholds).
 *
 * <p>A migration is detected per person type: when more than {@code migrationMinimum} (default 10)
 * accounts of one type (students, staff or contacts, each counted on its own) are re-keyed from one
 * MIS id to another and they are most (more than half) of the people of that type who vanished.
 * Re-keys of different types are not added up, and leavers of one type do not mask a migration of
 * another. Review items do not hold a plan by default.
 *
 * <p>Partial snapshots are not held by default ({@link #holdOnPartial()} is false), although the
 * design says the gate holds when the source is incomplete. That rule is met by the other checks,
 * and holding partial reads would break incremental syncs:
 *
 * <ul>
 *   <li>every incremental read (Wonde's {@code updated_after} plus deletions, a webhook) is PARTIAL
 *       by nature; holding it would hold every sync between two full ones, and people would approve
 *       holds without reading them;
 *   <li>a PARTIAL read never deactivates, unlinks, leaves or archives by absence. It acts only on
 *       what it shows outright: a deletion the source reported, a leaving or employment end date
 *       that has passed, a link shown to be no longer eligible, a contact whose last linked student
 *       the plan itself deactivates. An outage or a half-loaded page of a partial read therefore
 *       can never look like "everyone left";
 *   <li>a source with nothing for a type the product has is held as ABSENT ({@link
 *       io.missync.core.plan.HoldReason.Code#INCOMPLETE_SOURCE}) or, when it claims to be complete,
 *       as {@link io.missync.core.plan.HoldReason.Code#EMPTY_SOURCE}; a complete read that lost
 *       records is held by {@link io.missync.core.plan.HoldReason.Code#COUNT_MISMATCH} when the
 *       source states its own counts, and by the thresholds otherwise.
 * </ul>
 *
 * Set {@link Builder#holdOnPartial(boolean)} for a source whose reads are meant to be complete
 * (e.g. nightly CSV exports), so that a read that came back partial waits for a person.
 */
public final class GatePolicy {
  private static final GatePolicy DEFAULTS = builder().build();

  /**
   * One threshold.
   *
   * @param percent the share of the baseline, 0-100, that must be exceeded
   * @param absolute the count that must be exceeded
   */
  public record Threshold(double percent, int absolute) {
    public Threshold {
      if (percent < 0 || percent > 100 || absolute < 0) {
        throw new IllegalArgumentException("a threshold needs 0 <= percent <= 100, absolute >= 0");
      }
    }

    /** True when {@code count} of {@code baseline} passes this threshold. */
    public boolean exceededBy(int count, int baseline) {
      if (count <= absolute) {
        return false;
      }
      return baseline <= 0 || 100.0 * count / baseline > percent;
    }
  }

  private final Map<EntityType, Map<ChangeKind, Threshold>> thresholds;
  private final int migrationMinimum;
  private final boolean holdOnPartial;
  private final boolean holdOnReviewItems;
  private final Threshold evidenceBackedLimit;

  private GatePolicy(Builder b) {
    EnumMap<EntityType, Map<ChangeKind, Threshold>> m = new EnumMap<>(EntityType.class);
    b.thresholds.forEach((t, k) -> m.put(t, Map.copyOf(k)));
    this.thresholds = java.util.Collections.unmodifiableMap(m);
    this.migrationMinimum = b.migrationMinimum;
    this.holdOnPartial = b.holdOnPartial;
    this.holdOnReviewItems = b.holdOnReviewItems;
    this.evidenceBackedLimit = b.evidenceBackedLimit;
  }

  public static GatePolicy defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<Threshold> threshold(EntityType type, ChangeKind kind) {
    Map<ChangeKind, Threshold> m = thresholds.get(type);
    return m == null ? Optional.empty() : Optional.ofNullable(m.get(kind));
  }

  /** Every configured threshold, by entity type and change kind. */
  public Map<EntityType, Map<ChangeKind, Threshold>> thresholds() {
    return thresholds;
  }

  public int migrationMinimum() {
    return migrationMinimum;
  }

  public boolean holdOnPartial() {
    return holdOnPartial;
  }

  public boolean holdOnReviewItems() {
    return holdOnReviewItems;
  }

  /**
   * The sanity limit on evidence-backed deactivations of one person type, against the type's active
   * accounts before the plan (default more than 50% and more than 3).
   */
  public Threshold evidenceBackedLimit() {
    return evidenceBackedLimit;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof GatePolicy g
        && g.thresholds.equals(thresholds)
        && g.migrationMinimum == migrationMinimum
        && g.holdOnPartial == holdOnPartial
        && g.holdOnReviewItems == holdOnReviewItems
        && g.evidenceBackedLimit.equals(evidenceBackedLimit);
  }

  @Override
  public int hashCode() {
    return thresholds.hashCode();
  }

  @Override
  public String toString() {
    return "GatePolicy[thresholds=" + thresholds + "]";
  }

  /** Builds a {@link GatePolicy}, starting from the defaults. */
  public static final class Builder {
    private final EnumMap<EntityType, EnumMap<ChangeKind, Threshold>> thresholds =
        new EnumMap<>(EntityType.class);
    private int migrationMinimum = 10;
    private boolean holdOnPartial;
    private boolean holdOnReviewItems;
    private Threshold evidenceBackedLimit = new Threshold(50, 3);

    private Builder() {
      for (EntityType t :
          new EntityType[] {EntityType.STUDENT, EntityType.STAFF, EntityType.CONTACT}) {
        threshold(t, ChangeKind.DEACTIVATE_ACCOUNT, new Threshold(10, 3));
        threshold(t, ChangeKind.DELETE_ACCOUNT, new Threshold(5, 3));
        threshold(t, ChangeKind.UPDATE_ACCOUNT, new Threshold(50, 200));
      }
      threshold(EntityType.GROUP, ChangeKind.ARCHIVE_GROUP, new Threshold(50, 50));
      threshold(EntityType.MEMBERSHIP, ChangeKind.LEAVE_GROUP, new Threshold(25, 100));
      threshold(EntityType.GUARDIAN_LINK, ChangeKind.UNLINK_GUARDIAN, new Threshold(20, 5));
    }

    /** Sets the sanity limit on evidence-backed deactivations of each person type. */
    public Builder evidenceBackedLimit(Threshold limit) {
      this.evidenceBackedLimit = java.util.Objects.requireNonNull(limit, "limit");
      return this;
    }

    /**
     * Sets (or replaces) the threshold for a change kind against an entity type. Against {@link
     * EntityType#MEMBERSHIP} a kind is counted over every person type together (group leaves).
     */
    public Builder threshold(EntityType type, ChangeKind kind, Threshold threshold) {
      thresholds.computeIfAbsent(type, t -> new EnumMap<>(ChangeKind.class)).put(kind, threshold);
      return this;
    }

    /** Sets the same threshold for a change kind against every person type. */
    public Builder peopleThreshold(ChangeKind kind, Threshold threshold) {
      for (EntityType t :
          new EntityType[] {EntityType.STUDENT, EntityType.STAFF, EntityType.CONTACT}) {
        threshold(t, kind, threshold);
      }
      return this;
    }

    /** Removes a threshold: that kind of change never holds a plan. */
    public Builder noThreshold(EntityType type, ChangeKind kind) {
      EnumMap<ChangeKind, Threshold> m = thresholds.get(type);
      if (m != null) {
        m.remove(kind);
      }
      return this;
    }

    public Builder migrationMinimum(int min) {
      if (min < 0) {
        throw new IllegalArgumentException("migrationMinimum must not be negative");
      }
      this.migrationMinimum = min;
      return this;
    }

    /** Hold plans whose snapshot is partial for a type the product has accounts for. */
    public Builder holdOnPartial(boolean hold) {
      this.holdOnPartial = hold;
      return this;
    }

    /** Hold plans that carry review items. */
    public Builder holdOnReviewItems(boolean hold) {
      this.holdOnReviewItems = hold;
      return this;
    }

    public GatePolicy build() {
      return new GatePolicy(this);
    }
  }
}
