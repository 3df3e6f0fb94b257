package io.missync.core.plan;

import io.missync.core.EntityType;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Why the safety gate held a plan.
 *
 * @param code the kind of hold
 * @param entityType the type it concerns, or null for the whole plan
 * @param message a readable explanation with the figures (counts, percentages, thresholds)
 */
public record HoldReason(Code code, @Nullable EntityType entityType, String message) {

  public Optional<EntityType> type() {
    return Optional.ofNullable(entityType);
  }

  /** The kinds of hold. */
  public enum Code {
    /** The source has no records of a type the product has. */
    EMPTY_SOURCE,
    /** A type needed to decide leavers is not complete. */
    INCOMPLETE_SOURCE,
    /** The fetched count disagrees with the source's own count. */
    COUNT_MISMATCH,
    /** Changes of a kind passed the configured threshold. */
    THRESHOLD_EXCEEDED,
    /** An MIS migration was signalled or detected (mass id churn with matching keys). */
    MIGRATION_DETECTED,
    /** The plan holds review items the policy requires resolved first. */
    REVIEW_REQUIRED
  }
}
