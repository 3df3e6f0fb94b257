package io.missync.reconcile;

import io.missync.core.EntityType;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.GateVerdict;
import io.missync.core.plan.HoldReason;
import io.missync.core.plan.PlanStatistics;
import io.missync.core.spi.ChangeContext;
import io.missync.core.spi.ChangeResult;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Several {@link SyncListener}s as one; a listener that throws is logged and skipped. */
final class Listeners implements SyncListener {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
  private final List<SyncListener> all;

  Listeners(List<SyncListener> all) {
    this.all = List.copyOf(all);
  }

  private void each(Consumer<SyncListener> call) {
    for (SyncListener l : all) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("a sync listener threw {}; ignored", e.getClass().getName());
      }
    }
  }

  @Override
  public void waitingForSchool(String schoolId, String holder) {
    each(l -> l.waitingForSchool(schoolId, holder));
  }

  @Override
  public void readProgress(String schoolId, EntityType type, int pages, long records) {
    each(l -> l.readProgress(schoolId, type, pages, records));
  }

  @Override
  public void planComputed(
      String schoolId, String planId, PlanStatistics statistics, GateVerdict verdict) {
    each(l -> l.planComputed(schoolId, planId, statistics, verdict));
  }

  @Override
  public void changeApplied(ChangeContext context, ChangeKind kind, ChangeResult result) {
    each(l -> l.changeApplied(context, kind, result));
  }

  @Override
  public void held(String schoolId, String planId, List<HoldReason> reasons) {
    each(l -> l.held(schoolId, planId, reasons));
  }

  @Override
  public void finished(String schoolId, RunResult result) {
    each(l -> l.finished(schoolId, result));
  }

  @Override
  public void failed(String schoolId, RuntimeException error) {
    each(l -> l.failed(schoolId, error));
  }
}
