package io.missync.cli.internal;

import java.io.PrintWriter;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where a command writes and how it asks: standard output for what the command produces, standard
 * error for progress and problems, whether a person is at a terminal, and how to ask them a
 * question (null answer when nobody can answer).
 *
 * @param out standard output
 * @param err standard error
 * @param terminal true when a person is at a terminal
 * @param ask asks a question and returns the answer, or null when nobody can answer
 */
public record Io(
    PrintWriter out, PrintWriter err, boolean terminal, Function<String, @Nullable String> ask) {

  /** The process's own streams and console. */
  public static Io system() {
    java.io.Console console = System.console();
    PrintWriter out =
        new PrintWriter(
            new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8),
            true);
    PrintWriter err =
        new PrintWriter(
            new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8),
            true);
    return new Io(
        out, err, console != null, q -> console == null ? null : console.readLine("%s", q));
  }

  Progress progress() {
    return new Progress(err, terminal, System::nanoTime);
  }
}
