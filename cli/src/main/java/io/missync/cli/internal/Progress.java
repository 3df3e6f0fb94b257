package io.missync.cli.internal;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long step (changes applied, pages read). On a terminal it redraws one line with a
 * bar when the total is known and a count otherwise, at most ten times a second; elsewhere (a pipe,
 * a log file, a test) it prints a plain line at most every five seconds, so short steps print
 * nothing.
 */
final class Progress {
  private final PrintWriter out;
  private final boolean terminal;
  private final LongSupplier nanoTime;
  private String label = "";
  private long total;
  private long done;
  private long lastDraw;
  private boolean drawn;

  Progress(PrintWriter out, boolean terminal, LongSupplier nanoTime) {
    this.out = out;
    this.terminal = terminal;
    this.nanoTime = nanoTime;
  }

  /** Starts a step; {@code total} 0 when it is not known. */
  synchronized void begin(String label, long total) {
    this.label = label;
    this.total = total;
    this.done = 0;
    this.lastDraw = nanoTime.getAsLong();
    this.drawn = false;
  }

  /** One unit of the step done. */
  synchronized void step() {
    done++;
    long now = nanoTime.getAsLong();
    if (done == 1) {
      lastDraw = now; // the step's clock starts with its first unit, not with the set-up
      return;
    }
    long every = terminal ? 100_000_000L : 5_000_000_000L;
    if (now - lastDraw >= every) {
      lastDraw = now;
      draw();
    }
  }

  /**
   * A one-line status for a step without a count (on a terminal only, at most ten times a second;
   * elsewhere it would only add lines).
   */
  synchronized void note(String text) {
    if (!terminal) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (drawn && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    out.print("\r\u001b[2K" + text);
    out.flush();
    drawn = true;
  }

  /** Ends the step, clearing the terminal line if one was drawn. */
  synchronized void end() {
    if (terminal && drawn) {
      out.print("\r\u001b[2K");
      out.flush();
    }
    drawn = false;
  }

  synchronized long done() {
    return done;
  }

  private void draw() {
    String text;
    if (total > 0) {
      int width = 30;
      int filled = (int) Math.min(width, done * width / total);
      text =
          String.format(
              Locale.ROOT,
              "%s [%s%s] %s/%s",
              label,
              "#".repeat(filled),
              " ".repeat(width - filled),
              Words.n(done),
              Words.n(total));
    } else {
      text = label + ": " + Words.n(done);
    }
    if (terminal) {
      out.print("\r\u001b[2K" + text);
    } else {
      out.println(text);
    }
    out.flush();
    drawn = true;
  }
}
