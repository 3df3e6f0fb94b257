package io.missync.core.plan;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a plan was based on, so that the safety gate can judge the plan alone and "migration" has
 * one definition: the school's calendar day, the migration signal the planner was given and the
 * person types it treated as migrating, and, per entity type, the snapshot's completeness, record
 * count and the source's own count (when it states one). Counts only; no personal data.
 *
 * @param schoolDay the school's calendar day the plan was computed for
 * @param migration the migration signal the planner was given
 * @param migrating the person types the planner treated as migrating (an announced, detected or
 *     in-progress migration, or mass id churn of the type)
 * @param completeness the snapshot's completeness per entity type
 * @param counts the snapshot's record count per entity type
 * @param sourceCounts the source's own count per entity type, where it states one
 */
public record PlanBasis(
    LocalDate schoolDay,
    Migration migration,
    Set<EntityType> migrating,
    Map<EntityType, Completeness> completeness,
    Map<EntityType, Integer> counts,
    Map<EntityType, Long> sourceCounts) {

  /** The migration signal given to the planner. */
  public enum Migration {
    /** No migration known from outside; the planner may still detect one from the data. */
    NONE,
    /**
     * The school's migration to a new MIS is under way from an earlier run (its first plan was
     * applied and review items it raised are still open): every person type is treated as migrating
     * (no account an uncertain match claims is deactivated for absence), but the gate does not hold
     * for that alone.
     */
    IN_PROGRESS,
    /** The source announced an MIS migration (a webhook): the gate holds the plan. */
    ANNOUNCED
  }

  public PlanBasis {
    migrating = immutable(migrating);
    completeness = Collections.unmodifiableMap(copy(completeness));
    counts = Collections.unmodifiableMap(copy(counts));
    sourceCounts = Collections.unmodifiableMap(copy(sourceCounts));
  }

  private static Set<EntityType> immutable(Set<EntityType> s) {
    EnumSet<EntityType> c = EnumSet.noneOf(EntityType.class);
    c.addAll(s);
    return Collections.unmodifiableSet(c);
  }

  private static <V> Map<EntityType, V> copy(Map<EntityType, V> m) {
    EnumMap<EntityType, V> c = new EnumMap<>(EntityType.class);
    c.putAll(m);
    return c;
  }

  /** True when the source announced a migration. */
  public boolean migrationAnnounced() {
    return migration == Migration.ANNOUNCED;
  }

  /** The snapshot's completeness for the type (ABSENT when unknown). */
  public Completeness completeness(EntityType t) {
    return completeness.getOrDefault(t, Completeness.ABSENT);
  }

  /** True when the snapshot was complete for the type. */
  public boolean isComplete(EntityType t) {
    return completeness(t) == Completeness.COMPLETE;
  }

  /** The snapshot's record count for the type. */
  public int count(EntityType t) {
    return counts.getOrDefault(t, 0);
  }

  /** The source's own count for the type, when it states one. */
  public OptionalLong sourceCount(EntityType t) {
    Long n = sourceCounts.get(t);
    return n == null ? OptionalLong.empty() : OptionalLong.of(n);
  }
}
