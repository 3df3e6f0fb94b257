package io.missync.csv;

import io.missync.core.EntityType;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.SnapshotProblem;
import io.missync.core.plan.Reason;
import io.missync.core.plan.ReasonCode;
import io.missync.core.plan.ReviewItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an import produced: the snapshot (with each entity type's completeness), the format read,
 * and every problem with its location. Data problems never throw: a rejected row is here, and the
 * entity type it belonged to is not COMPLETE, so no one is treated as a leaver because of it.
 */
public final class ImportResult {
  private final MisSnapshot snapshot;
  private final CsvFormat format;
  private final List<CsvProblem> problems;
  private final long errorCount;
  private final long warningCount;
  private final long problemsNotKept;
  private final Map<EntityType, Long> rejectedByType;

  ImportResult(
      MisSnapshot snapshot,
      CsvFormat format,
      List<CsvProblem> problems,
      long errorCount,
      long warningCount,
      long problemsNotKept,
      Map<EntityType, Long> rejectedByType) {
    this.snapshot = snapshot;
    this.format = format;
    this.problems = List.copyOf(problems);
    this.errorCount = errorCount;
    this.warningCount = warningCount;
    this.problemsNotKept = problemsNotKept;
    this.rejectedByType = Map.copyOf(rejectedByType);
  }

  public MisSnapshot snapshot() {
    return snapshot;
  }

  public CsvFormat format() {
    return format;
  }

  /** The problems kept (up to the configured limit), in the order found. */
  public List<CsvProblem> problems() {
    return problems;
  }

  public List<CsvProblem> errors() {
    return problems.stream().filter(CsvProblem::isError).toList();
  }

  public List<CsvProblem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }

  /** Total errors found, including any beyond the kept limit. */
  public long errorCount() {
    return errorCount;
  }

  public long warningCount() {
    return warningCount;
  }

  /** Problems found but not kept because of the limit. */
  public long problemsNotKept() {
    return problemsNotKept;
  }

  /** True when at least one row or file was not imported. */
  public boolean hasErrors() {
    return errorCount > 0;
  }

  /** Rows lost per entity type (counted by the type of file that held them). */
  public Map<EntityType, Long> rejectedByType() {
    return rejectedByType;
  }

  /** Errors as review items for the plan: "these rows will not be imported, and why". */
  public List<ReviewItem.RejectedRow> rejectedRows() {
    List<ReviewItem.RejectedRow> out = new ArrayList<>();
    for (CsvProblem p : problems) {
      if (p.isError()) {
        out.add(
            new ReviewItem.RejectedRow(
                p.entityType(),
                p.location(),
                p.message(),
                Reason.of(ReasonCode.REJECTED_ROW, "kind", p.kind().name())));
      }
    }
    return out;
  }

  /** A plain-text report: counts and completeness per entity type, then every problem. */
  public String report() {
    StringBuilder sb = new StringBuilder();
    sb.append("format: ").append(format.id()).append('\n');
    sb.append("school: ").append(snapshot.source().schoolId()).append('\n');
    for (EntityType t : EntityType.values()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-14s %8d  %s%n",
              t.name().toLowerCase(Locale.ROOT),
              snapshot.count(t),
              snapshot.completeness(t)));
    }
    long twoRoles = snapshot.contacts().stream().filter(c -> c.staffId().isPresent()).count();
    if (twoRoles > 0) {
      sb.append("staff who are also contacts: ")
          .append(twoRoles)
          .append(" (one person, two roles; their guardian links are kept)\n");
    }
    sb.append(String.format(Locale.ROOT, "%d error(s), %d warning(s)%n", errorCount, warningCount));
    Grouped g = grouped();
    if (errorCount > 0) {
      sb.append("\nThese rows will not be imported, and why:\n");
      for (CsvProblem p : g.roots) {
        if (p.isError()) {
          line(sb, "  ", p);
          for (CsvProblem f : g.followOns(p)) {
            line(sb, "      and so ", f);
          }
        }
      }
    }
    if (warningCount > 0) {
      sb.append("\nImported with a value dropped or a guess made:\n");
      for (CsvProblem p : g.roots) {
        if (!p.isError()) {
          line(sb, "  ", p);
          for (CsvProblem f : g.followOns(p)) {
            line(sb, "      and so ", f);
          }
        }
      }
    }
    List<SnapshotProblem> sp = snapshot.problems();
    if (!sp.isEmpty()) {
      sb.append("\nReferences the snapshot could not resolve:\n");
      for (SnapshotProblem p : sp) {
        sb.append("  ").append(p.message()).append('\n');
      }
    }
    if (problemsNotKept > 0) {
      sb.append("(").append(problemsNotKept).append(" further problems not listed)\n");
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, String indent, CsvProblem p) {
    sb.append(indent).append(p.location()).append(": ").append(p.message());
    if (p.isError() && indent.startsWith("      ")) {
      sb.append(" [not imported]");
    }
    if (p.cause() != null && indent.length() == 2) {
      sb.append(" (because of ").append(p.cause()).append(')');
    }
    sb.append('\n');
  }

  /**
   * The problems kept, with each follow-on (see {@link CsvProblem#cause()}) under the problem of
   * the row that caused it; a follow-on whose cause was not kept stands on its own.
   */
  private Grouped grouped() {
    Map<String, CsvProblem> byRow = new java.util.HashMap<>();
    for (CsvProblem p : problems) {
      if (p.cause() == null && p.line() > 0) {
        String row = CsvProblem.rowLocation(p.file(), p.line());
        CsvProblem had = byRow.get(row);
        if (had == null || (!had.isError() && p.isError())) {
          byRow.put(row, p); // an error of the row, when it has one, is the cause
        }
      }
    }
    List<CsvProblem> roots = new ArrayList<>();
    Map<CsvProblem, List<CsvProblem>> under = new java.util.IdentityHashMap<>();
    for (CsvProblem p : problems) {
      CsvProblem cause = p.cause() == null ? null : byRow.get(p.cause());
      if (cause == null) {
        roots.add(p);
      } else {
        under.computeIfAbsent(cause, k -> new ArrayList<>()).add(p);
      }
    }
    return new Grouped(roots, under);
  }

  private record Grouped(List<CsvProblem> roots, Map<CsvProblem, List<CsvProblem>> under) {
    List<CsvProblem> followOns(CsvProblem p) {
      return under.getOrDefault(p, List.of());
    }
  }

  /** The same report as JSON. */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{");
    sb.append("\"format\":").append(q(format.id()));
    sb.append(",\"school\":").append(q(snapshot.source().schoolId()));
    sb.append(",\"entities\":{");
    boolean first = true;
    for (EntityType t : EntityType.values()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(q(t.name().toLowerCase(Locale.ROOT)))
          .append(":{\"count\":")
          .append(snapshot.count(t))
          .append(",\"completeness\":")
          .append(q(snapshot.completeness(t).name()))
          .append('}');
    }
    sb.append("},\"errors\":").append(errorCount);
    sb.append(",\"warnings\":").append(warningCount);
    sb.append(",\"problemsNotKept\":").append(problemsNotKept);
    sb.append(",\"problems\":[");
    Grouped g = grouped();
    for (int i = 0; i < g.roots.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      CsvProblem p = g.roots.get(i);
      json(sb, p);
      List<CsvProblem> fs = g.followOns(p);
      sb.append(",\"followOns\":[");
      for (int j = 0; j < fs.size(); j++) {
        if (j > 0) {
          sb.append(',');
        }
        json(sb, fs.get(j));
        sb.append('}');
      }
      sb.append("]}");
    }
    sb.append("],\"unresolvedReferences\":").append(snapshot.problems().size());
    return sb.append('}').toString();
  }

  /** One problem's fields, its object left open. */
  private static void json(StringBuilder sb, CsvProblem p) {
    sb.append("{\"severity\":").append(q(p.severity().name()));
    sb.append(",\"kind\":").append(q(p.kind().name()));
    sb.append(",\"file\":").append(q(p.file()));
    sb.append(",\"line\":").append(p.line());
    sb.append(",\"column\":").append(p.column() == null ? "null" : q(p.column()));
    sb.append(",\"entityType\":")
        .append(p.entityType() == null ? "null" : q(p.entityType().name()));
    sb.append(",\"message\":").append(q(p.message()));
    sb.append(",\"cause\":").append(p.cause() == null ? "null" : q(p.cause()));
  }

  static String q(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString();
  }

  @Override
  public String toString() {
    return "ImportResult["
        + format.id()
        + ", "
        + snapshot
        + ", errors="
        + errorCount
        + ", warnings="
        + warningCount
        + "]";
  }
}
