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
   * Runs the school's {@link SyncRunner} from {@code runners} (school id to runner). Every kind is
   * read in full: the runner has no durable record yet of what an incremental read builds on, so an
   * incremental request is honoured as a full read (correct, only slower), until the store keeps
   * the school's snapshot base.
   */
  static SchoolJob fullReads(Function<String, SyncRunner> runners) {
    Objects.requireNonNull(runners, "runners");
    return (schoolId, kind) -> runners.apply(schoolId).run(schoolId);
  }
}
