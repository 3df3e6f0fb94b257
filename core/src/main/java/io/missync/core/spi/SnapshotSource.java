package io.missync.core.spi;

import io.missync.core.model.MisSnapshot;

/**
 * Produces snapshots of one school: the Wonde adapter, a CSV import, a vendor's own feed.
 *
 * <p>Contract: a source never returns a snapshot that claims a type is {@linkplain
 * io.missync.core.model.Completeness#COMPLETE complete} unless every record of that type was read.
 * A read that fails part-way throws {@link SnapshotUnavailableException}, or returns the type
 * marked PARTIAL or ABSENT; it never passes off a partial read as the whole school. Where the
 * source publishes its own counts, it records them with the snapshot so the safety gate can
 * cross-check.
 */
public interface SnapshotSource {

  /**
   * Reads the whole school.
   *
   * @throws SnapshotUnavailableException if the source could not be read
   */
  MisSnapshot fetchFull();

  /**
   * Reads what changed since {@code previous} and applies it onto it. Sources without a change feed
   * read the whole school again (the default).
   *
   * @throws SnapshotUnavailableException if the source could not be read
   */
  default MisSnapshot fetchIncremental(MisSnapshot previous) {
    return fetchFull();
  }

  /**
   * {@link #fetchFull()}, telling {@code progress} how far the read has got. Sources that page
   * through an API override this; the default reads and reports nothing (the caller reports the
   * totals of the snapshot).
   */
  default MisSnapshot fetchFull(ReadProgress progress) {
    return fetchFull();
  }

  /** {@link #fetchIncremental(MisSnapshot)}, telling {@code progress} how far it has got. */
  default MisSnapshot fetchIncremental(MisSnapshot previous, ReadProgress progress) {
    return fetchIncremental(previous);
  }
}
