package io.missync.scheduler;

import java.io.Serializable;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What db-scheduler keeps with a school's execution: its schedule, when it was last read in full,
 * and a run a webhook asked for. Java-serialised into the execution's row (a record: deserialised
 * through its canonical constructor), so its shape is part of the table's contents: add fields only
 * with a default.
 */
record SchoolTask(
    long fullEveryMillis,
    long incrementalEveryMillis,
    long lastFullEpochMillis,
    @Nullable RunKind requested)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  static SchoolTask of(SchoolSchedule s) {
    return new SchoolTask(
        s.fullEvery().toMillis(), s.incrementalEvery().toMillis(), Long.MIN_VALUE, null);
  }

  /** The kind this run is: a request first, else full when one is due, else incremental. */
  RunKind kindAt(Instant now) {
    if (requested != null) {
      return requested;
    }
    if (lastFullEpochMillis == Long.MIN_VALUE
        || now.toEpochMilli() - lastFullEpochMillis >= fullEveryMillis) {
      return RunKind.FULL;
    }
    return RunKind.INCREMENTAL;
  }

  /** After a successful run of {@code kind} that started at {@code started}. */
  SchoolTask after(RunKind kind, Instant started) {
    return new SchoolTask(
        fullEveryMillis,
        incrementalEveryMillis,
        kind == RunKind.FULL ? started.toEpochMilli() : lastFullEpochMillis,
        null);
  }

  /** When the next run is due, after one that ended at {@code done}. */
  Instant nextAfter(Instant done) {
    long next = done.toEpochMilli() + incrementalEveryMillis;
    if (lastFullEpochMillis != Long.MIN_VALUE) {
      next = Math.min(next, lastFullEpochMillis + fullEveryMillis);
    }
    return Instant.ofEpochMilli(Math.max(next, done.toEpochMilli()));
  }

  /** With a run of {@code kind} requested; a full request is never weakened to incremental. */
  SchoolTask request(RunKind kind) {
    RunKind k = requested == RunKind.FULL ? RunKind.FULL : kind;
    return new SchoolTask(fullEveryMillis, incrementalEveryMillis, lastFullEpochMillis, k);
  }

  SchoolTask withSchedule(SchoolSchedule s) {
    return new SchoolTask(
        s.fullEvery().toMillis(), s.incrementalEvery().toMillis(), lastFullEpochMillis, requested);
  }
}
