package io.missync.scheduler;

import io.missync.reconcile.RunResult;
import io.missync.reconcile.SyncRunner;
import java.util.Objects;
import java.util.function.Function;

/**
 * The vendor's work for one school, run by the worker that picked the school. Throwing means the
 * run failed: the school is tried again after the scheduler's retry delay, with the same kind.
 */
@FunctionalInterface
public interface SchoolJob {
  /**
   * Syncs the school.
   *
   * @param schoolId the school, as registered
   * @param kind what the schedule (or a webhook) asked for
   */
  RunResult run(String schoolId, RunKind kind);

  /**
   * Runs the school's {@link SyncRunner} from {@code runners} (school id to runner; building one
   * per run is fine). {@link RunKind#FULL} asks the runner for a full read first ({@link
   * SyncRunner#requestFullRead}); {@link RunKind#INCREMENTAL} leaves the read to the runner, which
   * reads incrementally from the snapshot base its store keeps, or in full when its own policy says
   * one is due (no base yet, after a failure, {@code fullReadEvery}).
   */
  static SchoolJob of(Function<String, SyncRunner> runners) {
    Objects.requireNonNull(runners, "runners");
    return (schoolId, kind) -> {
      SyncRunner runner = runners.apply(schoolId);
      if (kind == RunKind.FULL) {
        runner.requestFullRead(schoolId);
      }
      return runner.run(schoolId);
    };
  }
}
