package io.missync.csv.internal;

import io.missync.core.EntityType;
import io.missync.csv.CsvProblem;
import io.missync.csv.CsvProblem.Kind;
import io.missync.csv.CsvProblem.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Collects problems with bounded memory: the first {@code limit} are kept, the rest only counted.
 * Also tracks which entity types lost a row to an error (they cannot be COMPLETE).
 */
public final class Problems {
  private final int limit;
  private final List<CsvProblem> kept = new ArrayList<>();
  private long errors;
  private long warnings;
  private final Map<EntityType, Long> rejectedByType = new EnumMap<>(EntityType.class);

  public Problems(int limit) {
    this.limit = limit;
  }

  public void error(
      Kind kind,
      String file,
      long line,
      @Nullable String column,
      @Nullable EntityType type,
      String message) {
    errors++;
    if (type != null) {
      rejectedByType.merge(type, 1L, Long::sum);
    }
    add(new CsvProblem(Severity.ERROR, kind, file, line, column, type, message));
  }

  /**
   * An error that follows from the problem at {@code cause} (a row location, {@code file:line}):
   * the row is dropped, and reported under its cause.
   */
  public void errorBecause(
      Kind kind,
      String file,
      long line,
      @Nullable String column,
      @Nullable EntityType type,
      String message,
      String cause) {
    errors++;
    if (type != null) {
      rejectedByType.merge(type, 1L, Long::sum);
    }
    add(new CsvProblem(Severity.ERROR, kind, file, line, column, type, message, cause));
  }

  /**
   * A warning that follows from the row at {@code cause}: the row is left out as that row says (a
   * record the format itself says to drop), so its type does not lose completeness.
   */
  public void warnBecause(
      Kind kind,
      String file,
      long line,
      @Nullable String column,
      @Nullable EntityType type,
      String message,
      String cause) {
    warnings++;
    add(new CsvProblem(Severity.WARNING, kind, file, line, column, type, message, cause));
  }

  public void warn(
      Kind kind,
      String file,
      long line,
      @Nullable String column,
      @Nullable EntityType type,
      String message) {
    warnings++;
    add(new CsvProblem(Severity.WARNING, kind, file, line, column, type, message));
  }

  /** Marks a type as having lost records without adding a problem (already reported). */
  public void markRejected(EntityType type) {
    rejectedByType.merge(type, 1L, Long::sum);
  }

  private void add(CsvProblem p) {
    if (kept.size() < limit) {
      kept.add(p);
    }
  }

  public List<CsvProblem> list() {
    return Collections.unmodifiableList(kept);
  }

  public long errors() {
    return errors;
  }

  public long warnings() {
    return warnings;
  }

  /** Problems found but not kept because of the limit. */
  public long dropped() {
    return errors + warnings - kept.size();
  }

  public boolean rejected(EntityType type) {
    return rejectedByType.containsKey(type);
  }

  public Map<EntityType, Long> rejectedByType() {
    return Collections.unmodifiableMap(rejectedByType);
  }
}
