package io.missync.cli.internal;

import io.missync.core.EntityType;
import io.missync.core.plan.ChangeKind;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.SnapshotUnavailableException;
import io.missync.core.spi.SyncStateStore;
import io.missync.csv.CsvImporter;
import io.missync.csv.CsvSnapshotSource;
import io.missync.csv.ImportResult;
import io.missync.examples.product.SampleProduct;
import io.missync.examples.product.SampleProductSink;
import io.missync.reconcile.GatePolicy;
import io.missync.reconcile.RunResult;
import io.missync.reconcile.SyncPolicy;
import io.missync.reconcile.SyncRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The demo on a CSV export instead of the simulator: what the export says is imported (with the
 * rows it could not use and why), the first sync applies it to the sample product, the same export
 * again changes nothing, and a half-loaded export (the pupils' file missing) takes nobody's access
 * away: the gate holds it and a person discards it.
 */
final class CsvDemo {
  /** File names that hold the pupils in the formats csv-import reads. */
  private static final Set<String> PUPIL_FILES =
      Set.of("student.csv", "students.csv", "users.csv", "pupils.csv");

  private final PrintWriter out;
  private final DemoYear year;
  private final DemoYear.Options options;

  CsvDemo(PrintWriter out, Progress progress, DemoYear.Options options) {
    this.out = out;
    this.options = options;
    this.year = new DemoYear(out, progress, options);
  }

  List<String> run(Path export) {
    out.println("Reading the export in " + export.toAbsolutePath() + "...");
    ImportResult read = CsvImporter.builder().build().read(export);
    // later reads keep the format found, as a vendor would once a school is set up
    CsvImporter importer = CsvImporter.builder().format(read.format()).build();
    out.print(DemoYear.indent(read.report()));
    String school = read.snapshot().source().schoolId();
    AtomicReference<Path> current = new AtomicReference<>(export);
    SyncStateStore store = Stores.openForDemo(options.store(), options.out());
    try (SampleProduct product = new SampleProduct()) {
      LoginCardCollector sink = new LoginCardCollector(new SampleProductSink(product));
      SyncRunner runner =
          SyncRunner.builder()
              .source(new CsvSnapshotSource(importer, current::get))
              .store(store)
              .sink(sink)
              .credentials(DemoYear.credentials())
              .policy(SyncPolicy.defaults())
              .gatePolicy(GatePolicy.defaults())
              .clock(Clock.systemUTC())
              .listener(year.listener())
              .build();
      DemoYear.Steps steps = year.new Steps(runner, store, sink, school, () -> 0);

      year.section("1. First sync from the export");
      RunResult first = steps.sync("first-sync", false).last();
      year.check(
          first.applyReport().map(a -> a.failed() == 0).orElse(false),
          "the first sync applied without a failed change");
      long pupils = product.activeUsers(EntityType.STUDENT);
      long staff = product.activeUsers(EntityType.STAFF);
      out.printf(
          Locale.ROOT,
          "   the product now has %s pupils and %s staff able to sign in; %s groups%n",
          Words.n(pupils),
          Words.n(staff),
          Words.n(product.groups().size()));

      year.section("2. The same export again");
      RunResult again = steps.sync("same-export", false).last();
      year.check(again.plan().changes().isEmpty(), "the same export changes nothing");

      year.section("3. A half-loaded export: the pupils' file is missing");
      Path half = withoutPupilFile(export, options.out().resolve("half-loaded-export"));
      if (half == null) {
        out.println("   (no pupils' file recognised in this export: scene skipped)");
      } else {
        current.set(half);
        int deactivated = 0;
        try {
          RunResult r = steps.once("half-loaded");
          deactivated =
              r.plan().statistics().count(EntityType.STUDENT, ChangeKind.DEACTIVATE_ACCOUNT);
          if (r.outcome() == RunResult.Outcome.HELD) {
            store.decide(school, r.plan().id(), HeldPlan.Decision.DISCARDED, "demo-reviewer");
            out.println("   discarded by demo-reviewer: the export was incomplete");
          }
        } catch (SnapshotUnavailableException e) {
          out.println("   the export could not be read: nothing was planned or applied");
        }
        year.check(deactivated == 0, "a missing pupils' file never looks like every pupil left");
        year.check(
            product.activeUsers(EntityType.STUDENT) == pupils
                && product.activeUsers(EntityType.STAFF) == staff,
            "everyone keeps their access");
        current.set(export);
      }
      year.finish(product);
      return year.failures();
    }
  }

  /** A copy of the export without its pupils' file, or null when none is recognised. */
  private static @Nullable Path withoutPupilFile(Path export, Path copy) {
    if (!Files.isDirectory(export)) {
      return null;
    }
    try (Stream<Path> files = Files.list(export)) {
      List<Path> all = new ArrayList<>(files.toList());
      List<Path> kept = new ArrayList<>();
      boolean dropped = false;
      for (Path f : all) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (PUPIL_FILES.contains(name)) {
          dropped = true;
        } else if (Files.isRegularFile(f)) {
          kept.add(f);
        }
      }
      if (!dropped) {
        return null;
      }
      Files.createDirectories(copy);
      for (Path f : kept) {
        Files.copy(
            f, copy.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
      }
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy the export", e);
    }
  }
}
