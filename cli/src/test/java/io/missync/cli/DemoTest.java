package io.missync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code missync demo}: the year plays, every safeguarding check it makes holds, files appear. */
class DemoTest {
  @TempDir Path dir;

  @Test
  void theDemoYearKeepsEverySafeguardingRuleAndWritesReportsAndLoginCards() throws IOException {
    Path dir = this.dir.resolve("a/new/folder");
    Run r = Run.of("demo", "--pupils", "120", "--yes", "--out", dir.toString());
    assertEquals(0, r.code(), r.toString());
    String story = r.out();
    // each scene ran and made its checks (a scene silently skipped would fail here)
    assertEquals(13, story.lines().filter(l -> l.startsWith("   ok: ")).count(), story);
    assertFalse(story.contains("FAILED"), story);
    assertTrue(story.contains("nothing was planned or applied"), story);
    assertTrue(story.contains("seems to have moved to another MIS"), story);
    assertTrue(story.contains("approved by demo-reviewer"), story);
    assertTrue(story.contains("every safeguarding check held"), story);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.sorted().toList();
    }
    assertTrue(
        files.stream()
            .anyMatch(
                p -> p.getFileName().toString().matches("01-first-sync-plan-[0-9a-f]{12}\\.html")),
        files.toString());
    Path cards = dir.resolve("01-first-sync-login-cards.csv");
    assertTrue(Files.isRegularFile(cards), files.toString());
    List<String> lines = Files.readAllLines(cards, StandardCharsets.UTF_8);
    assertTrue(lines.get(0).contains("Username"), lines.get(0));
    assertTrue(lines.size() > 120, "a card for every pupil, member of staff and parent");
    // the term's two starters, the new teacher and the starters' four new parents get cards
    assertEquals(
        1 + 7,
        Files.readAllLines(dir.resolve("02-term-time-login-cards.csv")).size(),
        files.toString());
    // the summary shows short plan ids only
    assertFalse(story.matches("(?s).*[0-9a-f]{40}.*"), story);
  }

  @Test
  void withoutYesAndWithoutATerminalTheDemoStopsAtTheFirstHeldPlan() {
    Run r = Run.of("demo", "--pupils", "60", "--out", dir.toString());
    assertEquals(3, r.code(), r.toString());
    assertTrue(r.out().contains("stays held"), r.toString());
    assertFalse(r.out().contains("approved by demo-reviewer"), r.toString());
  }

  @Test
  void atATerminalTheDemoAsksAndStopsWhenThePersonSaysNo() {
    Run r = Run.withAnswers(List.of("n"), "demo", "--pupils", "60", "--out", dir.toString());
    assertEquals(3, r.code(), r.toString());
    assertTrue(r.out().contains("? [y/N]"), r.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sds-uk-25-users", "sds-v2.1"})
  void theDemoRunsOnTheSdsSampleExports(String set) {
    Path sample = Run.sample(set);
    assumeTrue(sample != null, "../shared/samples/" + set + " not beside the checkout");
    Run r = Run.of("demo", "--csv", sample.toString(), "--yes", "--out", dir.toString());
    assertEquals(0, r.code(), r.toString());
    assertEquals(4, r.out().lines().filter(l -> l.startsWith("   ok: ")).count(), r.toString());
    assertTrue(
        r.out().contains("nobody can be treated as a leaver")
            || r.out().contains("the export could not be read: nothing was planned or applied"),
        r.toString());
    assertTrue(Files.isRegularFile(dir.resolve("01-first-sync-login-cards.csv")), r.toString());
  }

  @Test
  void aCsvFolderThatIsNotThereIsABadArgumentNotACrash() {
    Run r = Run.of("demo", "--csv", dir.resolve("nope").toString());
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("no such export"), r.toString());
  }
}
