package io.missync.core.spi;

import io.missync.core.MissyncException;
import java.time.Duration;

/**
 * Another run holds the school's lease and did not let go within the time the caller was willing to
 * wait. Nothing was read, planned or applied; try again later. The message names the school and the
 * other run's holder id only.
 */
public final class SchoolBusyException extends MissyncException {
  private static final long serialVersionUID = 1L;
  private final String schoolId;
  private final String holder;

  public SchoolBusyException(String schoolId, String holder, Duration waited) {
    super(
        "school "
            + schoolId
            + " is busy: run "
            + holder
            + " holds its lease (waited "
            + waited.toMillis()
            + " ms)");
    this.schoolId = schoolId;
    this.holder = holder;
  }

  /** The busy school. */
  public String schoolId() {
    return schoolId;
  }

  /** The run that held the school's lease when the caller gave up. */
  public String holder() {
    return holder;
  }
}
