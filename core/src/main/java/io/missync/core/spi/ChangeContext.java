package io.missync.core.spi;

/**
 * Where a change handed to a {@link ChangeSink} comes from: its school, its plan, and its place in
 * the plan. One sink can so serve every school of a trust, whose MIS ids (contacts above all) may
 * repeat from school to school: key product records by school and MIS id together.
 *
 * @param schoolId the school the change belongs to
 * @param planId the plan's content fingerprint
 * @param index the change's index in the plan (from 0)
 * @param count the number of changes in the plan
 */
public record ChangeContext(String schoolId, String planId, int index, int count) {
  public ChangeContext {
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("change index " + index + " is outside 0.." + count);
    }
  }
}
