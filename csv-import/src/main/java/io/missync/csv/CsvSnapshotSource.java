package io.missync.csv;

import io.missync.core.model.MisSnapshot;
import io.missync.core.spi.SnapshotSource;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SnapshotSource} over a CSV export: each fetch reads the folder or zip the supplier names
 * (e.g. the latest upload). Incremental fetches apply OneRoster delta files onto the previous
 * snapshot. Rows that could not be imported do not throw: they make their entity type PARTIAL (so
 * the planner treats no one as a leaver) and are available from {@link #lastResult()} for review.
 */
public final class CsvSnapshotSource implements SnapshotSource {
  private final CsvImporter importer;
  private final Supplier<Path> export;
  private volatile @Nullable ImportResult last;

  public CsvSnapshotSource(CsvImporter importer, Supplier<Path> export) {
    this.importer = importer;
    this.export = export;
  }

  /** A source that always reads the same path. */
  public static CsvSnapshotSource of(CsvImporter importer, Path export) {
    return new CsvSnapshotSource(importer, () -> export);
  }

  @Override
  public MisSnapshot fetchFull() {
    ImportResult r = importer.read(export.get());
    last = r;
    return r.snapshot();
  }

  @Override
  public MisSnapshot fetchIncremental(MisSnapshot previous) {
    ImportResult r = importer.readDelta(export.get(), previous);
    last = r;
    return r.snapshot();
  }

  /** The result of the latest fetch: its problems and rejected rows. */
  public Optional<ImportResult> lastResult() {
    return Optional.ofNullable(last);
  }
}
