package io.missync.cli.internal;

import io.missync.core.EntityType;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.HoldReason;
import io.missync.core.plan.Plan;
import io.missync.core.plan.PlanStatistics;
import io.missync.core.plan.ReviewItem;
import io.missync.reconcile.ApplyReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The review summary a person reads on a terminal before (or after) a plan changes anything: its
 * short id and verdict, why it was held in plain words, counts per entity type and change kind,
 * possible duplicates, rows not imported and why, the credentials issued and where the login cards
 * were written, and where the HTML report is.
 *
 * <p>It names people by their MIS ids only; names and field values never print.
 */
final class ReviewSummary {
  /** Review items listed one per line before the rest are counted only. */
  static final int LISTED = 10;

  private ReviewSummary() {}

  /**
   * The summary's lines.
   *
   * @param plan the plan (gated or not)
   * @param outcome what happened to it, e.g. "APPLIED", "HELD", "dry run"
   * @param report the apply report, when it was applied
   * @param loginCards where the login cards were written, if any were
   * @param htmlReport where the HTML report was written, if it was
   */
  static String render(
      Plan plan,
      String outcome,
      @Nullable ApplyReport report,
      @Nullable Path loginCards,
      @Nullable Path htmlReport) {
    return render(plan, outcome, report, loginCards, htmlReport, false);
  }

  /**
   * The summary's lines; {@code brief} leaves out what a person has just reviewed (the hold
   * reasons, counts and review items of a plan they approved).
   */
  static String render(
      Plan plan,
      String outcome,
      @Nullable ApplyReport report,
      @Nullable Path loginCards,
      @Nullable Path htmlReport,
      boolean brief) {
    StringBuilder sb = new StringBuilder();
    sb.append("plan ")
        .append(Words.shortId(plan.id()))
        .append("  school ")
        .append(plan.schoolId())
        .append("  ")
        .append(outcome)
        .append('\n');
    List<HoldReason> reasons =
        plan.gateVerdict().map(v -> v.reasons()).orElse(List.<HoldReason>of());
    if (!reasons.isEmpty() && !brief) {
      sb.append("  held because:\n");
      for (HoldReason r : reasons) {
        sb.append("    - ").append(Words.hold(r)).append('\n');
      }
    }
    if (!brief) {
      counts(sb, plan.statistics());
      reviewItems(sb, plan.reviewItems());
    }
    long creates = plan.statistics().count(ChangeKind.CREATE_ACCOUNT);
    if (creates > 0) {
      sb.append("  credentials: ")
          .append(Words.n(creates))
          .append(creates == 1 ? " new account gets" : " new accounts get")
          .append(" an initial password");
      if (loginCards != null) {
        sb.append("; login cards: ").append(loginCards);
      } else if (report == null) {
        sb.append(" when applied");
      }
      sb.append('\n');
    }
    if (report != null) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  applied %s, failed %s, skipped %s%n",
              Words.n(report.applied()),
              Words.n(report.failed()),
              Words.n(report.skipped())));
    }
    if (htmlReport != null) {
      sb.append("  report: ").append(htmlReport).append('\n');
    }
    return sb.toString();
  }

  /** A table of counts: a row per change kind, a column per entity type, only what occurs. */
  private static void counts(StringBuilder sb, PlanStatistics stats) {
    if (stats.total() == 0) {
      sb.append("  no changes\n");
      return;
    }
    Set<EntityType> types = EnumSet.noneOf(EntityType.class);
    Set<ChangeKind> kinds = EnumSet.noneOf(ChangeKind.class);
    stats
        .counts()
        .forEach(
            (t, byKind) ->
                byKind.forEach(
                    (k, n) -> {
                      if (n > 0) {
                        types.add(t);
                        kinds.add(k);
                      }
                    }));
    List<String> header = new ArrayList<>();
    for (EntityType t : types) {
      header.add(Words.type(t));
    }
    sb.append(String.format(Locale.ROOT, "  %-20s", "changes"));
    for (String h : header) {
      sb.append(String.format(Locale.ROOT, "%15s", h));
    }
    sb.append('\n');
    for (ChangeKind k : kinds) {
      sb.append(String.format(Locale.ROOT, "    %-18s", Words.kind(k)));
      for (EntityType t : types) {
        int n = stats.count(t, k);
        sb.append(String.format(Locale.ROOT, "%15s", n == 0 ? "-" : Words.n(n)));
      }
      sb.append('\n');
    }
  }

  private static void reviewItems(StringBuilder sb, List<ReviewItem> items) {
    if (items.isEmpty()) {
      return;
    }
    long duplicates = items.stream().filter(i -> i instanceof ReviewItem.PossibleDuplicate).count();
    long ambiguous = items.stream().filter(i -> i instanceof ReviewItem.AmbiguousMatch).count();
    long rejected = items.stream().filter(i -> i instanceof ReviewItem.RejectedRow).count();
    sb.append("  for a person to decide: ")
        .append(Words.n(duplicates))
        .append(" possible duplicates, ")
        .append(Words.n(ambiguous))
        .append(" ambiguous matches; ")
        .append(Words.n(rejected))
        .append(" rows not imported\n");
    int listed = 0;
    for (ReviewItem item : items) {
      if (listed++ == LISTED) {
        sb.append("    ... and ").append(Words.n(items.size() - LISTED)).append(" more\n");
        break;
      }
      sb.append("    ").append(line(item)).append('\n');
    }
  }

  /** One review item in words, ids only. */
  static String line(ReviewItem item) {
    if (item instanceof ReviewItem.PossibleDuplicate) {
      ReviewItem.PossibleDuplicate d = (ReviewItem.PossibleDuplicate) item;
      return "possible duplicate: "
          + d.person()
          + " may be account "
          + d.accountId()
          + " ("
          + d.confidence().name().toLowerCase(Locale.ROOT)
          + " match"
          + evidence(item)
          + ")";
    }
    if (item instanceof ReviewItem.AmbiguousMatch) {
      ReviewItem.AmbiguousMatch a = (ReviewItem.AmbiguousMatch) item;
      return "ambiguous match: "
          + a.person()
          + " matches accounts "
          + String.join(", ", a.candidateAccountIds())
          + evidence(item);
    }
    ReviewItem.RejectedRow r = (ReviewItem.RejectedRow) item;
    return "not imported: " + r.location() + ": " + r.message();
  }

  private static String evidence(ReviewItem item) {
    List<String> lines = item.reason().evidence().lines();
    return lines.isEmpty() ? "" : ", " + String.join(", ", lines);
  }
}
