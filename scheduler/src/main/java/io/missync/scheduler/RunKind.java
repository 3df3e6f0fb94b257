package io.missync.scheduler;

/** How a scheduled run reads the school's MIS. */
public enum RunKind {
  /** Every record: the only read that can notice a record gone missing without a deletion. */
  FULL,
  /** What changed since the last read (Wonde's {@code updated_after} and deletions). */
  INCREMENTAL
}
