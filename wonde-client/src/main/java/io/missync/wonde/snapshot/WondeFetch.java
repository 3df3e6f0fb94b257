package io.missync.wonde.snapshot;

import io.missync.core.model.MisSnapshot;
import java.util.List;

/**
 * A snapshot read from Wonde with what was noticed on the way.
 *
 * @param snapshot the snapshot; a type is COMPLETE only if every page of it was read and no record
 *     of it had to be left out
 * @param issues fields dropped, records left out, count disagreements
 */
public record WondeFetch(MisSnapshot snapshot, List<FetchIssue> issues) {
  public WondeFetch {
    issues = List.copyOf(issues);
  }
}
