package io.missync.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's demo plays the whole year and every safeguarding check it makes holds. */
class DemoTest {

  @Test
  void theDemoYearKeepsEverySafeguardingRule() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<String> failed;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      failed = new Demo(out, 120).run();
    }
    String story = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(List.of(), failed, story);
    // each scene ran and made its checks (a scene silently skipped would fail here)
    assertEquals(10, story.lines().filter(l -> l.startsWith("   ok: ")).count(), story);
    assertTrue(story.contains("read failed, nothing planned or applied"), story);
    assertTrue(story.contains("MIGRATION_DETECTED"), story);
  }
}
