/**
 * The Wonde to {@link io.missync.core.model.MisSnapshot} adapter: {@link
 * io.missync.wonde.snapshot.WondeSnapshotSource}.
 */
@NullMarked
package io.missync.wonde.snapshot;

import org.jspecify.annotations.NullMarked;
