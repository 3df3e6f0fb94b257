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
 */
public record Options(
    DateOrder dateOrder,
    Instant capturedAt,
    int problemLimit,
    Map<String, List<String>> templateAliases,
    @org.jspecify.annotations.Nullable String schoolId) {
  public Options {
    templateAliases = Map.copyOf(templateAliases);
  }
}
