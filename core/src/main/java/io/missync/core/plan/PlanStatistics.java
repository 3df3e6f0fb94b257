package io.missync.core.plan;

import io.missync.core.EntityType;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many changes of each kind a plan holds, per entity type, and how many records of each type
 * the product had before the plan (the base for percentage thresholds).
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
    EnumMap<EntityType, Integer> base = new EnumMap<>(EntityType.class);
    base.putAll(baseline);
    return new PlanStatistics(counts, base);
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
