package io.missync.csv.internal;

import io.missync.csv.DateOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the importer was told.
 *
 * @param dateOrder how to read slashed dates
 * @param capturedAt the instant recorded as the snapshot's capture time
 * @param problemLimit how many problems to keep (the rest are counted)
 * @param templateAliases school template: standard column name -> extra header names
 * @param schoolId the school id for formats that do not carry one (the school template), or null
 * @param pickSchool the org id of the one school to read from an export holding several, or null
 *     for all of them
 */
public record Options(
    DateOrder dateOrder,
    Instant capturedAt,
    int problemLimit,
    Map<String, List<String>> templateAliases,
    @org.jspecify.annotations.Nullable String schoolId,
    @org.jspecify.annotations.Nullable String pickSchool) {
  public Options {
    templateAliases = Map.copyOf(templateAliases);
  }

  /** True when a record of school {@code orgId} is left out: another school was picked. */
  public boolean otherSchool(String orgId) {
    return pickSchool != null && !orgId.isEmpty() && !pickSchool.equals(orgId);
  }

  /**
   * After the export's schools are known: the school the snapshot is for when a school was picked
   * (an unknown one is refused), else the first; warns when several are folded together.
   */
  public String schoolOf(
      java.util.List<String> schools, String file, Problems problems, String fallback) {
    String pick = pickSchool;
    if (pick != null) {
      if (!schools.contains(pick)) {
        throw new io.missync.core.spi.SnapshotUnavailableException(
            "the school picked ("
                + pick
                + ") is not a school in "
                + file
                + "; the export's schools are "
                + schools);
      }
      return pick;
    }
    String first = schools.isEmpty() ? fallback : schools.get(0);
    if (schools.size() > 1) {
      problems.warn(
          io.missync.csv.CsvProblem.Kind.FORMAT,
          file,
          0,
          null,
          null,
          "the export holds "
              + schools.size()
              + " schools "
              + schools
              + "; the snapshot covers all of them under the first ("
              + first
              + "); pick one with CsvImporter.Builder.school(orgId)");
    }
    return first;
  }
}
