package io.missync.cli.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.plan.Plan;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReviewSummaryTest {

  @Test
  void aHeldPlanReadsInPlainWordsWithShortIdsAndNoNames() {
    Plan plan = Plans.hostile();
    String s =
        ReviewSummary.render(plan, "HELD", null, Path.of("cards.csv"), Path.of("report.html"));
    assertTrue(s.startsWith("plan 0123456789ab  school SCHOOL-1  HELD\n"), s);
    assertFalse(s.contains("0123456789abc"), "only the short id: " + s);
    assertTrue(s.contains("more changes to pupils than the safety threshold allows"), s);
    assertTrue(s.contains("possible duplicate: staff:T9 may be account user-9 (likely match"), s);
    assertTrue(s.contains("not imported: Student.csv:14: missing required field SIS ID"), s);
    assertTrue(s.contains("1 possible duplicates, 0 ambiguous matches; 1 rows not imported"), s);
    assertTrue(
        s.contains("credentials: 1 new account gets an initial password; login cards: cards.csv"),
        s);
    assertTrue(s.matches("(?s).*deactivate account\\s+1.*"), s);
    assertFalse(s.contains("Surname-Secret"), "names never print: " + s);
  }

  @Test
  void theBriefFormLeavesOutWhatWasJustReviewed() {
    String s =
        ReviewSummary.render(Plans.hostile(), "APPLIED_AFTER_APPROVAL", null, null, null, true);
    assertFalse(s.contains("held because"), s);
    assertFalse(s.contains("possible duplicate"), s);
    assertTrue(s.contains("credentials: 1 new account gets an initial password when applied"), s);
  }
}
