/**
 * Compact, versioned encodings of model values for stores: {@link
 * io.missync.core.codec.SnapshotCodec} keeps the snapshot an incremental read builds on.
 */
@NullMarked
package io.missync.core.codec;

import org.jspecify.annotations.NullMarked;
