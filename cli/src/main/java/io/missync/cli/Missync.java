package io.missync.cli;

import io.missync.cli.internal.Commands;
import io.missync.cli.internal.Io;
import java.util.Arrays;

/**
 * The {@code missync} command line, run as {@code java -jar cli/target/missync.jar COMMAND}:
 *
 * <ul>
 *   <li>{@code demo}: a school year against the Wonde simulator (or a CSV export) into the sample
 *       product, with a review summary, an HTML report and login cards at each step;
 *   <li>{@code validate PATH}: checks a CSV export before the first sync (exit 0 clean, 1 rows or
 *       files rejected, 2 bad arguments or an unreadable export);
 *   <li>{@code plan}: a dry run from a CSV export, the simulator or Wonde against a store: prints
 *       the review summary and writes the HTML report, applies nothing;
 *   <li>{@code review}: lists held plans, approves or discards one;
 *   <li>{@code simulator}: the standalone Wonde simulator.
 * </ul>
 *
 * Libraries log at WARN to standard error unless {@code --verbose} is given.
 */
public final class Missync {
  private Missync() {}

  public static void main(String[] args) {
    configureLogging(
        Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v"));
    System.exit(run(Io.system(), args));
  }

  /**
   * Runs a command in this JVM; returns its exit code.
   *
   * @param io where it writes and how it asks
   * @param args the command line
   * @return the exit code
   */
  static int run(Io io, String... args) {
    return Commands.commandLine(io).execute(args);
  }

  /**
   * Sets the bundled slf4j-simple backend's level before the first logger is made: WARN, or INFO
   * when verbose, to standard error without thread names.
   */
  static void configureLogging(boolean verbose) {
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
    setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
    setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
    setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
