package io.missync.core.spi;

import io.missync.core.MissyncException;

/** The product state moved on since a plan was computed; the plan must be recomputed. */
public final class StaleStateException extends MissyncException {
  private static final long serialVersionUID = 1L;
  private final long expected;
  private final long actual;

  public StaleStateException(String schoolId, long expected, long actual) {
    super(
        "state of school "
            + schoolId
            + " is at version "
            + actual
            + ", the plan was computed from version "
            + expected);
    this.expected = expected;
    this.actual = actual;
  }

  public long expectedVersion() {
    return expected;
  }

  public long actualVersion() {
    return actual;
  }
}
