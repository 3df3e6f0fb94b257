package io.missync.cli.internal;

import io.missync.core.EntityType;
import io.missync.core.plan.Change;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.HoldReason;
import io.missync.core.plan.Plan;
import io.missync.core.plan.ReviewItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTML plan report: one self-contained file (inline CSS and script, no external assets, no
 * framework) a person opens in a browser to look at a plan before it changes anything: the verdict
 * and its reasons, counts per entity type and change kind, every change grouped by kind with its
 * reason and evidence, and the review items. Changes filter by entity type and kind; a filter can
 * also be given in the address ({@code report.html#type=STUDENT&kind=CREATE_ACCOUNT}), which clicks
 * the same buttons.
 *
 * <p>People appear by their MIS and product ids unless names are allowed (the vendor's flag).
 * Everything taken from the plan is HTML-escaped.
 */
final class PlanReport {
  private PlanReport() {}

  /**
   * Writes the report, creating the folder if needed.
   *
   * @param plan the plan, gated or not
   * @param outcome what happened to it ("HELD", "APPLIED", "dry run", ...)
   * @param names whether people's names and field values may be shown
   * @param file where to write it
   */
  static Path write(Plan plan, String outcome, boolean names, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, render(plan, outcome, names), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the plan report to " + file, e);
    }
  }

  /** The report's HTML. */
  static String render(Plan plan, String outcome, boolean names) {
    Map<ChangeKind, List<Change>> byKind = new EnumMap<>(ChangeKind.class);
    Set<EntityType> types = EnumSet.noneOf(EntityType.class);
    for (Change c : plan.changes()) {
      byKind.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c);
      types.add(c.entityType());
    }
    StringBuilder h = new StringBuilder(256 + plan.changes().size() * 200);
    String title = "missync plan " + Words.shortId(plan.id()) + " for school " + plan.schoolId();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(esc(title))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body>\n");
    boolean held = plan.gateVerdict().map(v -> v.isHeld()).orElse(false);
    h.append("<header><h1>")
        .append(esc(title))
        .append("</h1><p><span id=\"verdict\" class=\"verdict ")
        .append(held ? "held" : "ok")
        .append("\">")
        .append(esc(outcome))
        .append("</span> plan <code title=\"")
        .append(esc(plan.id()))
        .append("\">")
        .append(esc(Words.shortId(plan.id())))
        .append("</code>, computed ")
        .append(esc(plan.computedAt().toString()))
        .append(" from state version ")
        .append(plan.stateVersion())
        .append(names ? "" : "; people are shown by id")
        .append("</p>");
    List<HoldReason> reasons =
        plan.gateVerdict().map(v -> v.reasons()).orElse(List.<HoldReason>of());
    if (!reasons.isEmpty()) {
      h.append("<h2>Why it is held</h2><ul id=\"reasons\">");
      for (HoldReason r : reasons) {
        h.append("<li><b>").append(esc(r.code().name())).append("</b> ");
        h.append(esc(Words.hold(r))).append("</li>");
      }
      h.append("</ul>");
    }
    h.append("</header>\n");
    counts(h, plan, types, byKind.keySet());
    filters(h, types, byKind.keySet());
    h.append("<main id=\"changes\"><p id=\"shown\">")
        .append(plan.changes().size())
        .append(" of ")
        .append(plan.changes().size())
        .append(" changes shown</p>\n");
    for (Map.Entry<ChangeKind, List<Change>> e : byKind.entrySet()) {
      ChangeKind kind = e.getKey();
      h.append("<section class=\"kind\" data-kind=\"")
          .append(kind.name())
          .append("\"><h2>")
          .append(esc(cap(Words.kind(kind))))
          .append(" <small class=\"n\">")
          .append(e.getValue().size())
          .append("</small></h2><table><thead><tr><th>type</th><th>what</th><th>reason</th>")
          .append("<th>evidence</th></tr></thead><tbody>\n");
      for (Change c : e.getValue()) {
        h.append("<tr class=\"change\" data-type=\"")
            .append(c.entityType().name())
            .append("\" data-kind=\"")
            .append(kind.name())
            .append("\"><td>")
            .append(esc(Words.type(c.entityType())))
            .append("</td><td>")
            .append(esc(ChangeText.of(c, names)))
            .append("</td><td>")
            .append(esc(c.reason().code().name()))
            .append("</td><td>")
            .append(esc(String.join(", ", c.reason().evidence().lines())))
            .append("</td></tr>\n");
      }
      h.append("</tbody></table></section>\n");
    }
    h.append("</main>\n");
    reviewItems(h, plan.reviewItems());
    h.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
    return h.toString();
  }

  private static void counts(
      StringBuilder h, Plan plan, Set<EntityType> types, Set<ChangeKind> kinds) {
    h.append("<section><h2>Counts</h2><table id=\"counts\"><thead><tr><th>change</th>");
    for (EntityType t : types) {
      h.append("<th>").append(esc(Words.type(t))).append("</th>");
    }
    h.append("</tr></thead><tbody>");
    for (ChangeKind k : kinds) {
      h.append("<tr><th>").append(esc(Words.kind(k))).append("</th>");
      for (EntityType t : types) {
        int n = plan.statistics().count(t, k);
        h.append("<td data-type=\"")
            .append(t.name())
            .append("\" data-kind=\"")
            .append(k.name())
            .append("\">")
            .append(n)
            .append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</tbody></table><p>Total: <b id=\"total\">")
        .append(plan.changes().size())
        .append("</b> changes, <b id=\"review-count\">")
        .append(plan.reviewItems().size())
        .append("</b> review items</p></section>\n");
  }

  private static void filters(StringBuilder h, Set<EntityType> types, Set<ChangeKind> kinds) {
    h.append(
        "<nav id=\"filters\"><div>Type: <button class=\"on\" data-filter-type=\"\">all</button>");
    for (EntityType t : types) {
      h.append("<button data-filter-type=\"")
          .append(t.name())
          .append("\">")
          .append(esc(Words.type(t)))
          .append("</button>");
    }
    h.append("</div><div>Kind: <button class=\"on\" data-filter-kind=\"\">all</button>");
    for (ChangeKind k : kinds) {
      h.append("<button data-filter-kind=\"")
          .append(k.name())
          .append("\">")
          .append(esc(Words.kind(k)))
          .append("</button>");
    }
    h.append("</div></nav>\n");
  }

  private static void reviewItems(StringBuilder h, List<ReviewItem> items) {
    h.append("<section id=\"review\"><h2>For a person to decide <small class=\"n\">")
        .append(items.size())
        .append("</small></h2>");
    if (items.isEmpty()) {
      h.append("<p>Nothing.</p>");
    } else {
      h.append("<ul>");
      for (ReviewItem i : items) {
        h.append("<li>")
            .append(esc(ReviewSummary.line(i)))
            .append(" <i>")
            .append(esc(i.reason().code().name()))
            .append("</i></li>");
      }
      h.append("</ul>");
    }
    h.append("</section>\n");
  }

  private static String cap(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Escapes text for HTML content and double-quoted attributes. */
  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&':
          sb.append("&amp;");
          break;
        case '<':
          sb.append("&lt;");
          break;
        case '>':
          sb.append("&gt;");
          break;
        case '"':
          sb.append("&quot;");
          break;
        case '\'':
          sb.append("&#39;");
          break;
        default:
          sb.append(c);
      }
    }
    return sb.toString();
  }

  private static final String CSS =
      "body{font:14px/1.4 system-ui,sans-serif;margin:0 2em 3em;color:#222}"
          + "h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.4em}small.n{color:#666}"
          + ".verdict{padding:.15em .6em;border-radius:1em;font-weight:bold;color:#fff}"
          + ".verdict.held{background:#b45309}.verdict.ok{background:#15803d}"
          + "table{border-collapse:collapse;margin:.4em 0}td,th{border:1px solid #ddd;"
          + "padding:.2em .6em;text-align:left;vertical-align:top}#counts td{text-align:right}"
          + "nav{position:sticky;top:0;background:#f8f8f8;padding:.5em;border-bottom:1px solid #ddd}"
          + "nav div{margin:.2em 0}button{margin:.1em;border:1px solid #bbb;background:#fff;"
          + "border-radius:.3em;cursor:pointer}button.on{background:#1d4ed8;color:#fff}"
          + "tr.change td:nth-child(2){font-family:ui-monospace,monospace;font-size:.9em}"
          + "[hidden]{display:none}";

  /**
   * Filtering: a button sets the type or kind filter; rows, and sections left empty, are hidden.
   * The address's fragment ({@code #type=...&kind=...}) clicks the same buttons on load.
   */
  private static final String SCRIPT =
      "(function(){var f={type:'',kind:''};"
          + "function apply(){var rows=document.querySelectorAll('tr.change'),shown=0;"
          + "rows.forEach(function(r){var ok=(!f.type||r.dataset.type===f.type)"
          + "&&(!f.kind||r.dataset.kind===f.kind);r.hidden=!ok;if(ok)shown++;});"
          + "document.querySelectorAll('section.kind').forEach(function(s){"
          + "s.hidden=!s.querySelector('tr.change:not([hidden])');});"
          + "document.getElementById('shown').textContent=shown+' of '+rows.length"
          + "+' changes shown';}"
          + "function bind(attr,key){document.querySelectorAll('button['+attr+']')"
          + ".forEach(function(b){b.addEventListener('click',function(){"
          + "f[key]=b.getAttribute(attr);document.querySelectorAll('button['+attr+']')"
          + ".forEach(function(o){o.classList.toggle('on',o===b);});apply();});});}"
          + "bind('data-filter-type','type');bind('data-filter-kind','kind');"
          + "new URLSearchParams(location.hash.slice(1)).forEach(function(v,k){"
          + "if(k!=='type'&&k!=='kind')return;"
          + "document.querySelectorAll('button[data-filter-'+k+']').forEach(function(b){"
          + "if(b.getAttribute('data-filter-'+k)===v)b.click();});});})();";
}
