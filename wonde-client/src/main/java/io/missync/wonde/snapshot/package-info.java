/**
 * The Wonde to {@link io.missync.core.model.MisSnapshot} adapter: {@link
 * io.missync.wonde.snapshot.WondeSnapshotSource}. A full fetch reads the lists in parallel and,
 * where the school's counts give the number of pages and the paging is plainly by page number, the
 * pages of each list concurrently; see the class documentation for when it falls back to following
 * {@code next} and when a list read that way is not COMPLETE.
 */
@NullMarked
package io.missync.wonde.snapshot;

import org.jspecify.annotations.NullMarked;
