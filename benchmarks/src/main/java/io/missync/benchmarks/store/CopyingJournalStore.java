package io.missync.benchmarks.store;

import io.missync.core.spi.ApplyOutcome;
import io.missync.core.spi.ApplyRecord;
import io.missync.core.spi.Lease;
import io.missync.core.spi.SyncStateStore;
import io.missync.testkit.contract.ForwardingSyncStateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline of {@link ApplyScaling}: the in-memory store, plus the journal bookkeeping the
 * in-memory store did before it was made linear, re-enacted step for step for every outcome: copy
 * the plan's outcomes so far, add the new one, sort by index, and copy them into a new {@link
 * ApplyRecord}. Everything else forwards to the real store, so the difference between the two is
 * that bookkeeping alone.
 */
final class CopyingJournalStore extends ForwardingSyncStateStore {
  private final Map<String, ApplyRecord> journals = new HashMap<>();

  CopyingJournalStore(SyncStateStore d) {
    super(d);
  }

  @Override
  public synchronized long recordOutcome(
      Lease lease, String planId, int index, ApplyOutcome outcome) {
    long v = delegate.recordOutcome(lease, planId, index, outcome);
    ApplyRecord r =
        journals.computeIfAbsent(
            planId,
            k ->
                new ApplyRecord(
                    lease.schoolId(),
                    planId,
                    0,
                    0,
                    Instant.EPOCH,
                    ApplyRecord.Status.IN_PROGRESS,
                    List.of()));
    List<ApplyRecord.IndexedOutcome> outcomes = new ArrayList<>(r.outcomes());
    outcomes.add(new ApplyRecord.IndexedOutcome(index, outcome));
    outcomes.sort(Comparator.comparingInt(ApplyRecord.IndexedOutcome::index));
    journals.put(
        planId,
        new ApplyRecord(
            r.schoolId(),
            planId,
            r.baseVersion(),
            r.changeCount(),
            r.startedAt(),
            r.status(),
            outcomes));
    return v;
  }
}
