package io.missync.core.spi;

import io.missync.core.MissyncException;

/** A source could not produce a snapshot; nothing partial was returned in its place. */
public class SnapshotUnavailableException extends MissyncException {
  private static final long serialVersionUID = 1L;

  public SnapshotUnavailableException(String message) {
    super(message);
  }

  public SnapshotUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
