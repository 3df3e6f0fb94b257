package io.missync.core.spi;

import io.missync.core.EntityType;

/**
 * Told by a {@link SnapshotSource} as it reads: for a progress bar or metrics. Figures only, never
 * records. Called on the reading thread (or threads: implementations must be thread-safe).
 */
@FunctionalInterface
public interface ReadProgress {
  /** Ignores every report. */
  ReadProgress NONE = (type, pages, records) -> {};

  /**
   * So far, {@code pages} pages (or batches, chunks, files) holding {@code records} records of
   * {@code type} have been read. Figures only grow during one read.
   */
  void read(EntityType type, int pages, long records);
}
