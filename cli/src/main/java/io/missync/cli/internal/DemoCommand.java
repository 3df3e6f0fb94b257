package io.missync.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code missync demo}: a school year end to end, into the sample product. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Plays a school year against the Wonde simulator into the sample product: the first sync,"
          + " starters and leavers, form and class moves, an outage, an MIS migration, the"
          + " year-end rollover. Each step prints its review summary and writes an HTML report"
          + " (and login cards for new accounts) to the output folder.",
      "Held plans are approved with --yes; without it you are asked at a terminal, and the demo"
          + " stops at the first held plan otherwise (exit 3)."
    })
final class DemoCommand implements Callable<Integer> {
  static final int STOPPED = 3;

  private final Io io;

  @Option(
      names = "--pupils",
      description = "Pupils in the generated school (default ${DEFAULT-VALUE}).")
  int pupils = 1200;

  @Option(
      names = "--seed",
      description = "Seed of the generated school (default ${DEFAULT-VALUE}).")
  long seed = 2026;

  @Option(
      names = "--csv",
      paramLabel = "DIR",
      description = "A CSV export (folder or zip) instead of the simulator.")
  @Nullable Path csv;

  @Option(
      names = "--store",
      paramLabel = "JDBC_URL",
      description =
          "The state store's JDBC URL (user and password from MISSYNC_STORE_USER and"
              + " MISSYNC_STORE_PASSWORD); by default the embedded H2 database in OUT/state,"
              + " emptied first. Use an empty database.")
  @Nullable String store;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where reports and login cards go (default ${DEFAULT-VALUE}).")
  Path out = Path.of("missync-demo");

  @Option(names = "--yes", description = "Approve held plans without asking.")
  boolean yes;

  @Option(
      names = "--show-names",
      description = "Show people's names in the HTML reports (ids only otherwise).")
  boolean names;

  DemoCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    if (pupils < 20 || pupils > 200_000) {
      throw new IllegalArgumentException("--pupils must be between 20 and 200,000");
    }
    Path export = csv;
    if (export != null && !Files.exists(export)) {
      throw new IllegalArgumentException("no such export: " + export.toAbsolutePath());
    }
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot create the output folder " + out.toAbsolutePath());
    }
    DemoYear.Options options = new DemoYear.Options(pupils, seed, store, out, names, this::review);
    List<String> failed;
    try {
      failed =
          export == null
              ? new DemoYear(io.out(), io.progress(), options).run()
              : new CsvDemo(io.out(), io.progress(), options).run(export);
    } catch (DemoYear.Stopped e) {
      io.out().println(e.getMessage() + "; nothing else was run");
      io.out().flush();
      return STOPPED;
    }
    return failed.isEmpty() ? 0 : 1;
  }

  private boolean review(io.missync.core.plan.Plan plan) {
    if (yes) {
      return true;
    }
    if (!io.terminal()) {
      return false;
    }
    String answer = io.ask().apply("   approve plan " + Words.shortId(plan.id()) + "? [y/N] ");
    return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
  }
}
