package io.missync.core.spi;

import io.missync.core.MissyncException;

/**
 * A run wrote to a school's apply journal (or renewed its lease) without holding the school's
 * lease: it never had it, or its lease expired and another run took the school over. Nothing was
 * written. The run must stop: the new holder closes what it left unfinished and carries on.
 */
public final class LeaseLostException extends MissyncException {
  private static final long serialVersionUID = 1L;
  private final String schoolId;
  private final String holder;

  public LeaseLostException(String schoolId, String holder) {
    super("run " + holder + " does not hold the lease of school " + schoolId);
    this.schoolId = schoolId;
    this.holder = holder;
  }

  /** The school. */
  public String schoolId() {
    return schoolId;
  }

  /** The run that lost (or never had) the lease. */
  public String holder() {
    return holder;
  }
}
