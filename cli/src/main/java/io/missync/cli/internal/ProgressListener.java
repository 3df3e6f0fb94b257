package io.missync.cli.internal;

import io.missync.core.EntityType;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.HoldReason;
import io.missync.core.spi.ChangeContext;
import io.missync.core.spi.ChangeResult;
import io.missync.reconcile.RunResult;
import io.missync.reconcile.SyncListener;
import java.util.List;

/**
 * Shows a sync's long steps on a {@link Progress}: the pages read per entity type, then a bar of
 * the changes applied (the plan's size is known once the first change is applied).
 */
final class ProgressListener implements SyncListener {
  private final Progress progress;
  private boolean applying;

  ProgressListener(Progress progress) {
    this.progress = progress;
  }

  @Override
  public synchronized void readProgress(String schoolId, EntityType type, int pages, long records) {
    if (pages > 0) {
      progress.note(
          "reading " + Words.type(type) + ": " + Words.n(pages) + " pages, " + Words.n(records));
    }
  }

  @Override
  public synchronized void changeApplied(ChangeContext context, ChangeKind kind, ChangeResult r) {
    if (!applying) {
      applying = true;
      progress.begin("applying changes", context.count());
    }
    progress.step();
  }

  @Override
  public void held(String schoolId, String planId, List<HoldReason> reasons) {
    done();
  }

  @Override
  public void finished(String schoolId, RunResult result) {
    done();
  }

  @Override
  public void failed(String schoolId, RuntimeException error) {
    done();
  }

  private synchronized void done() {
    progress.end();
    applying = false;
  }
}
