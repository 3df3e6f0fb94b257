package io.missync.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.missync.core.EntityType;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.Plan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML plan report: escaped, self-contained, and working in a real headless browser (Debian's
 * {@code chromium}): the rendered counts, and a filter clicked by the page's own script.
 */
class PlanReportTest {
  @TempDir Path dir;

  @Test
  void everythingFromThePlanIsEscapedAndNamesShowOnlyWhenAllowed() {
    String withoutNames = PlanReport.render(Plans.hostile(), "HELD", false);
    assertFalse(withoutNames.contains("<script>alert"), withoutNames);
    assertFalse(withoutNames.contains("Surname-Secret"), "ids only without the flag");
    assertTrue(withoutNames.contains("student:S2, password policy default"), withoutNames);
    // evidence is escaped, not dropped
    assertTrue(
        withoutNames.contains("note=&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"));

    String withNames = PlanReport.render(Plans.hostile(), "HELD", true);
    assertTrue(withNames.contains("Surname-Secret"), "names with the flag");
    assertFalse(withNames.contains("<script>alert"), withNames);
    // exactly one script element: the report's own
    assertEquals(1, withNames.split("<script>", -1).length - 1);
  }

  @Test
  void theReportIsSelfContained() {
    String html = PlanReport.render(Plans.firstSync(40), "APPLIED", false);
    for (String external : List.of("src=", "href=", "@import", "url(")) {
      assertFalse(html.contains(external), "no external asset: " + external);
    }
  }

  @Test
  void aRealBrowserRendersTheCountsAndTheFilterWorks() throws Exception {
    String chromium = chromium();
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    if (chromium == null) {
      if (ci) {
        throw new AssertionError("CI=true but chromium is not installed (.ci/run installs it)");
      }
      assumeTrue(false, "chromium not installed: skipping the browser test");
      return;
    }
    Plan plan = Plans.firstSync(60);
    Path report =
        PlanReport.write(
            plan,
            plan.gateVerdict().orElseThrow().decision().name(),
            false,
            dir.resolve("report.html"));
    int studentCreates = plan.statistics().count(EntityType.STUDENT, ChangeKind.CREATE_ACCOUNT);
    int total = plan.changes().size();
    assertTrue(studentCreates > 0 && studentCreates < total);

    // no filter: the counts table and every row shown
    String all = dumpDom(chromium, report.toUri().toString());
    assertEquals(
        total + " of " + total + " changes shown", text(all, "id=\"shown\"[^>]*>([^<]*)<"));
    assertEquals(
        Integer.toString(studentCreates),
        text(all, "<td data-type=\"STUDENT\" data-kind=\"CREATE_ACCOUNT\">(\\d+)</td>"));

    // the fragment clicks the type and kind buttons: only the pupils' creates stay
    String filtered = dumpDom(chromium, report.toUri() + "#type=STUDENT&kind=CREATE_ACCOUNT");
    assertEquals(
        studentCreates + " of " + total + " changes shown",
        text(filtered, "id=\"shown\"[^>]*>([^<]*)<"));
    assertEquals(
        studentCreates,
        count(
            filtered, "<tr class=\"change\" data-type=\"STUDENT\" data-kind=\"CREATE_ACCOUNT\">"));
    assertEquals(total - studentCreates, count(filtered, "<tr class=\"change\"[^>]*hidden=\"\""));
    assertTrue(
        filtered.contains("<button data-filter-type=\"STUDENT\" class=\"on\">"),
        "the clicked button is on");

    // a screenshot for the README
    Path png = Path.of("target", "plan-report.png").toAbsolutePath();
    run(
        chromium,
        "--window-size=1200,800",
        "--screenshot=" + png,
        report.toUri() + "#type=STUDENT");
    assertTrue(Files.size(png) > 10_000, "a screenshot was written: " + png);
  }

  private static @Nullable String chromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return p.toString();
        }
      }
    }
    return null;
  }

  private String dumpDom(String chromium, String url) throws Exception {
    return run(chromium, "--dump-dom", url);
  }

  private String run(String chromium, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(chromium);
    cmd.add("--headless");
    cmd.add("--no-sandbox");
    cmd.add("--disable-gpu");
    cmd.add("--disable-dev-shm-usage");
    cmd.add("--no-first-run");
    cmd.add("--user-data-dir=" + Files.createTempDirectory(dir, "chromium"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.log").toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish");
    }
    assertEquals(0, p.exitValue(), () -> log());
    return new String(out, StandardCharsets.UTF_8);
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("chromium.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static String text(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    assertTrue(m.find(), "no match for " + regex);
    return m.group(1);
  }

  private static int count(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
