package io.missync.reconcile;

import io.missync.core.EntityType;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.GateVerdict;
import io.missync.core.plan.HoldReason;
import io.missync.core.plan.PlanStatistics;
import io.missync.core.spi.ChangeContext;
import io.missync.core.spi.ChangeResult;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Told what a {@link SyncRunner} run is doing, for progress bars and metrics: register one with
 * {@link SyncRunner.Builder#listener}. Every callback has an empty default; callbacks run on the
 * run's thread (read progress: on the source's threads) and should return quickly. A listener that
 * throws is logged (by exception class) and otherwise ignored: it never stops a run.
 *
 * <p>What a run reports, in order: {@link #waitingForSchool} (only if another run holds the
 * school), {@link #readProgress} (per type, as the source reads, then the totals), {@link
 * #planComputed}, then either {@link #changeApplied} once per change followed by {@link #finished},
 * or {@link #held}, or {@link #finished} alone (nothing to do, discarded); {@link #failed} instead
 * when the run throws. The arguments carry ids, kinds and figures: the messages of {@link
 * ChangeResult.Failed} and of the reasons come from the sink and the planner and may carry more, so
 * a listener that logs should log their kinds only, as {@link #logging()} does.
 */
public interface SyncListener {
  /** Ignores everything. */
  SyncListener NONE = new SyncListener() {};

  /** Another run ({@code holder}) holds the school; this run waits for it. */
  default void waitingForSchool(String schoolId, String holder) {}

  /** The source has read {@code pages} pages holding {@code records} records of {@code type}. */
  default void readProgress(String schoolId, EntityType type, int pages, long records) {}

  /** The plan was computed and judged. */
  default void planComputed(
      String schoolId, String planId, PlanStatistics statistics, GateVerdict verdict) {}

  /** The change at {@code context.index()} of {@code context.count()} was sent and journaled. */
  default void changeApplied(ChangeContext context, ChangeKind kind, ChangeResult result) {}

  /** The gate held the plan; it waits for a person's decision. */
  default void held(String schoolId, String planId, List<HoldReason> reasons) {}

  /** The run ended without throwing. */
  default void finished(String schoolId, RunResult result) {}

  /** The run failed with {@code error} (rethrown to the caller after this call). */
  default void failed(String schoolId, RuntimeException error) {}

  /**
   * The default listener: logs each callback at DEBUG under {@code
   * io.missync.reconcile.SyncListener} with ids, kinds and figures only.
   */
  static SyncListener logging() {
    return LoggingListener.INSTANCE;
  }
}

/** {@link SyncListener#logging()}. */
final class LoggingListener implements SyncListener {
  static final LoggingListener INSTANCE = new LoggingListener();
  private static final Logger LOG = LoggerFactory.getLogger(SyncListener.class);

  private LoggingListener() {}

  @Override
  public void waitingForSchool(String schoolId, String holder) {
    LOG.debug("school {}: waiting for run {} to finish", schoolId, holder);
  }

  @Override
  public void readProgress(String schoolId, EntityType type, int pages, long records) {
    LOG.debug("school {}: read {} {} in {} pages", schoolId, records, type, pages);
  }

  @Override
  public void planComputed(
      String schoolId, String planId, PlanStatistics statistics, GateVerdict verdict) {
    LOG.debug(
        "school {}: plan {} of {} changes, verdict {}",
        schoolId,
        planId,
        statistics.total(),
        verdict.decision());
  }

  @Override
  public void changeApplied(ChangeContext context, ChangeKind kind, ChangeResult result) {
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "school {}: change {} of {} ({}): {}",
          context.schoolId(),
          context.index() + 1,
          context.count(),
          kind,
          result.getClass().getSimpleName());
    }
  }

  @Override
  public void held(String schoolId, String planId, List<HoldReason> reasons) {
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "school {}: plan {} held ({})",
          schoolId,
          planId,
          reasons.stream().map(r -> r.code().name()).toList());
    }
  }

  @Override
  public void finished(String schoolId, RunResult result) {
    LOG.debug("school {}: run finished, {}", schoolId, result.outcome());
  }

  @Override
  public void failed(String schoolId, RuntimeException error) {
    LOG.debug("school {}: run failed ({})", schoolId, error.getClass().getName());
  }
}
