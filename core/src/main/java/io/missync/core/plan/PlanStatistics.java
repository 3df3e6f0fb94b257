package io.missync.core.plan;

import io.missync.core.EntityType;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many changes of each kind a plan holds, per entity type, and how many records of each type
 * the product had before the plan (the base for percentage thresholds). Membership changes count
 * against the person's type; the {@link EntityType#MEMBERSHIP} baseline is the number of the
 * product's memberships (of active accounts, in groups the MIS manages) before the plan, the base
 * for thresholds on group leaves.
 */
public final class PlanStatistics {
  private final EnumMap<EntityType, EnumMap<ChangeKind, Integer>> counts;
  private final EnumMap<EntityType, Integer> baseline;

  private PlanStatistics(
      EnumMap<EntityType, EnumMap<ChangeKind, Integer>> counts,
      EnumMap<EntityType, Integer> baseline) {
    this.counts = counts;
    this.baseline = baseline;
  }

  /**
   * Counts the changes.
   *
   * @param changes the plan's changes
   * @param baseline the number of active product records per type before the plan
   */
  public static PlanStatistics of(
      Collection<? extends Change> changes, Map<EntityType, Integer> baseline) {
    EnumMap<EntityType, EnumMap<ChangeKind, Integer>> counts = new EnumMap<>(EntityType.class);
    for (Change c : changes) {
      counts
          .computeIfAbsent(c.entityType(), t -> new EnumMap<>(ChangeKind.class))
          .merge(c.kind(), 1, Integer::sum);
    }
    return new PlanStatistics(counts, nonZero(baseline));
  }

  /**
   * Statistics from figures already counted (as read back from a store). Zero counts and zero
   * baselines are the same as absent ones.
   *
   * @param counts changes per entity type and kind
   * @param baseline the number of active product records per type before the plan
   * @throws IllegalArgumentException if a figure is negative, or a kind is counted against a type
   *     it cannot apply to
   */
  public static PlanStatistics of(
      Map<EntityType, ? extends Map<ChangeKind, Integer>> counts,
      Map<EntityType, Integer> baseline) {
    EnumMap<EntityType, EnumMap<ChangeKind, Integer>> c = new EnumMap<>(EntityType.class);
    counts.forEach(
        (type, byKind) ->
            byKind.forEach(
                (kind, n) -> {
                  if (n < 0) {
                    throw new IllegalArgumentException("negative count for " + type + " " + kind);
                  }
                  if (!kind.countsAgainst(type)) {
                    throw new IllegalArgumentException(kind + " cannot count against " + type);
                  }
                  if (n > 0) {
                    c.computeIfAbsent(type, x -> new EnumMap<>(ChangeKind.class)).put(kind, n);
                  }
                }));
    return new PlanStatistics(c, nonZero(baseline));
  }

  private static EnumMap<EntityType, Integer> nonZero(Map<EntityType, Integer> baseline) {
    EnumMap<EntityType, Integer> base = new EnumMap<>(EntityType.class);
    baseline.forEach(
        (type, n) -> {
          if (n < 0) {
            throw new IllegalArgumentException("negative baseline for " + type);
          }
          if (n > 0) {
            base.put(type, n);
          }
        });
    return base;
  }

  /** Changes per entity type and kind (unmodifiable copies). */
  public Map<EntityType, Map<ChangeKind, Integer>> counts() {
    EnumMap<EntityType, Map<ChangeKind, Integer>> out = new EnumMap<>(EntityType.class);
    counts.forEach((t, m) -> out.put(t, java.util.Collections.unmodifiableMap(new EnumMap<>(m))));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** The baselines per entity type (unmodifiable). */
  public Map<EntityType, Integer> baselines() {
    return java.util.Collections.unmodifiableMap(new EnumMap<>(baseline));
  }

  /** The number of changes of the kind against the type. */
  public int count(EntityType type, ChangeKind kind) {
    EnumMap<ChangeKind, Integer> m = counts.get(type);
    if (m == null) {
      return 0;
    }
    return m.getOrDefault(kind, 0);
  }

  /** The number of changes of the kind, all types together. */
  public int count(ChangeKind kind) {
    int n = 0;
    for (EnumMap<ChangeKind, Integer> m : counts.values()) {
      n += m.getOrDefault(kind, 0);
    }
    return n;
  }

  /** The product's active records of the type before the plan. */
  public int baseline(EntityType type) {
    return baseline.getOrDefault(type, 0);
  }

  public int total() {
    int n = 0;
    for (EnumMap<ChangeKind, Integer> m : counts.values()) {
      for (int v : m.values()) {
        n += v;
      }
    }
    return n;
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof PlanStatistics s && s.counts.equals(counts) && s.baseline.equals(baseline);
  }

  @Override
  public int hashCode() {
    return counts.hashCode();
  }

  @Override
  public String toString() {
    return "PlanStatistics" + counts + " baseline" + baseline;
  }
}
