package io.missync.core.model;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a snapshot came from and when.
 *
 * @param schoolId the school's id in the source (Wonde id, DfE number, org sourcedId)
 * @param sourceKind what produced it, e.g. {@code "wonde"}, {@code "oneroster-1.1"}, {@code
 *     "sds-v2.1"}, {@code "school-template"}
 * @param misName the MIS behind the source ({@code "SIMS"}, {@code "Arbor"}, ...), if known
 * @param capturedAt when the source's state was read
 */
public record SourceInfo(
    String schoolId, String sourceKind, @Nullable String misName, Instant capturedAt) {
  public SourceInfo {
    schoolId = Checks.id("SourceInfo", "schoolId", schoolId);
    sourceKind = Checks.id("SourceInfo", "sourceKind", sourceKind);
    misName = Checks.trimToNull(misName);
  }

  public Optional<String> mis() {
    return Optional.ofNullable(misName);
  }
}
