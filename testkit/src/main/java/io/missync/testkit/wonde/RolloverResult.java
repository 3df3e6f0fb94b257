package io.missync.testkit.wonde;

import java.util.List;

/**
 * What a year-end rollover did.
 *
 * @param leavers ids of the students in the final year, now in {@code /students-leaver}
 * @param joiners ids of the new first-year students
 * @param moved how many students moved up a year
 */
public record RolloverResult(List<String> leavers, List<String> joiners, int moved) {
  public RolloverResult {
    leavers = List.copyOf(leavers);
    joiners = List.copyOf(joiners);
  }
}
