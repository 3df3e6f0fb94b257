package io.missync.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final AtomicLong now = new AtomicLong();
  private final StringWriter text = new StringWriter();

  @Test
  void elsewhereThanATerminalItPrintsAPlainLineAtMostEveryFiveSeconds() {
    Progress p = new Progress(new PrintWriter(text, true), false, now::get);
    p.begin("applying changes", 0);
    now.addAndGet(60_000_000_000L); // a long read and plan before the first change: not counted
    p.step();
    for (int i = 0; i < 99; i++) {
      now.addAndGet(100_000_000L); // 0.1 s per change: 9.9 s in all
      p.step();
    }
    p.end();
    assertEquals("applying changes: 51\n", text.toString());
  }

  @Test
  void onATerminalItRedrawsOneLineWithABarWhenTheTotalIsKnown() {
    Progress p = new Progress(new PrintWriter(text, true), true, now::get);
    p.begin("applying", 4);
    for (int i = 0; i < 4; i++) {
      now.addAndGet(200_000_000L);
      p.step();
    }
    p.end();
    String s = text.toString();
    assertTrue(s.contains("\rapplying [") || s.contains("\u001b[2Kapplying ["), s);
    assertTrue(s.contains("] 4/4"), s);
    assertTrue(s.endsWith("\r\u001b[2K"), "the line is cleared at the end: " + s);
  }
}
