package io.missync.core.codec;

import io.missync.core.MissyncException;

/**
 * Bytes that {@link SnapshotCodec} cannot turn back into a snapshot: not an encoded snapshot, an
 * encoding version this library does not know, or damaged (truncated, altered). The message names
 * what is wrong, never any value from the snapshot.
 */
public final class SnapshotCodecException extends MissyncException {
  private static final long serialVersionUID = 1L;

  public SnapshotCodecException(String message) {
    super(message);
  }

  public SnapshotCodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
