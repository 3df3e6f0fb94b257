package io.missync.reconcile;

import io.missync.core.codec.SnapshotCodecException;
import io.missync.core.model.MisSnapshot;
import io.missync.core.plan.HoldReason;
import io.missync.core.plan.Plan;
import io.missync.core.plan.PlanBasis;
import io.missync.core.plan.ReviewItem;
import io.missync.core.spi.AuditEvent;
import io.missync.core.spi.SchoolFrozenException;
import io.missync.core.spi.SchoolMode;
import io.missync.core.spi.SchoolState;
import io.missync.core.spi.SyncStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The school-state side of a run: whether the school may be read, whether the read is full or
 * builds on the stored base, and what the run changes in the school's state afterwards (the base
 * and the full-read watermark move only once the plan built on them was applied, or there was
 * nothing to apply: a held plan leaves them where they were, so the run after its approval reads
 * the same way and computes the same plan; MIGRATING ends once the migration's plan is applied and
 * no review item is left).
 */
final class SchoolRuns {
  private static final Logger LOG = LoggerFactory.getLogger(SchoolRuns.class);

  static final String AFTER_FAILURE = "after.failure";
  static final String INTERVAL = "interval";
  static final String NO_BASE = "no.base";
  static final String BASE_UNREADABLE = "base.unreadable";
  static final String MIGRATION_DETECTED = "migration.detected";
  static final String MIGRATION_ANNOUNCED = "migration.announced";
  static final String MIGRATION_CHURN = "migration.churn";
  static final String MIGRATION_DONE = "migration.completed";

  private final SyncStateStore store;
  private final Clock clock;
  private final Duration fullReadEvery;

  SchoolRuns(SyncStateStore store, Clock clock, Duration fullReadEvery) {
    this.store = store;
    this.clock = clock;
    this.fullReadEvery = fullReadEvery;
  }

  /**
   * How a run reads the school.
   *
   * @param state the school's state when the run began
   * @param base the snapshot to build on, or null for a full read
   * @param why why the read is full (empty for an incremental read)
   */
  record Read(SchoolState state, @Nullable MisSnapshot base, String why) {
    boolean full() {
      return base == null;
    }

    boolean migrating() {
      return state.mode() == SchoolMode.MIGRATING;
    }
  }

  /**
   * The read the stored state calls for.
   *
   * @throws SchoolFrozenException if the school is frozen (audited; nothing else changes)
   */
  Read choose(String schoolId) {
    SchoolState s = admit(schoolId);
    if (s.fullReadDue()) {
      return new Read(s, null, s.fullReadReason().isEmpty() ? "due" : s.fullReadReason());
    }
    Instant last = s.lastFullReadAt();
    if (last == null || !clock.instant().isBefore(last.plus(fullReadEvery))) {
      return new Read(s, null, INTERVAL);
    }
    Optional<MisSnapshot> base;
    try {
      base = store.snapshotBase(schoolId);
    } catch (SnapshotCodecException e) {
      audit(schoolId, "base.unreadable", Map.of("error", e.getClass().getSimpleName()));
      LOG.warn("school {}: stored base snapshot is unreadable; reading in full", schoolId);
      return new Read(s, null, BASE_UNREADABLE);
    }
    if (base.isEmpty()) {
      return new Read(s, null, NO_BASE);
    }
    return new Read(s, base.get(), "");
  }

  /** A read the caller chose ({@code previous} null for a full one); a frozen school is refused. */
  Read given(String schoolId, @Nullable MisSnapshot previous) {
    SchoolState s = admit(schoolId);
    return new Read(s, previous, previous == null ? "caller" : "");
  }

  private SchoolState admit(String schoolId) {
    SchoolState s = store.schoolState(schoolId);
    if (s.mode() == SchoolMode.FROZEN) {
      audit(schoolId, "run.refused", Map.of("mode", "FROZEN", "reason", s.modeReason()));
      throw new SchoolFrozenException(schoolId, s.modeSince(), s.modeReason());
    }
    return s;
  }

  /** True when the gate found a migration the caller had not announced. */
  static boolean detectsMigration(Plan plan) {
    return plan.gateVerdict().stream()
        .flatMap(v -> v.reasons().stream())
        .anyMatch(r -> r.code() == HoldReason.Code.MIGRATION_DETECTED);
  }

  /**
   * How the planner is to see the migration: announced by the caller, or the school MIGRATING and
   * its migration's plan not yet applied, is {@code ANNOUNCED} (re-key by every tier; the gate
   * holds); a MIGRATING school whose migration plan was applied, with review items still open, is
   * {@code IN_PROGRESS} (accounts those items claim are not deactivated for absence, and that alone
   * holds nothing); otherwise {@code NONE}.
   */
  static PlanBasis.Migration signal(Read read, boolean announced) {
    if (announced) {
      return PlanBasis.Migration.ANNOUNCED;
    }
    if (!read.migrating()) {
      return PlanBasis.Migration.NONE;
    }
    return read.state().migrationApplied()
        ? PlanBasis.Migration.IN_PROGRESS
        : PlanBasis.Migration.ANNOUNCED;
  }

  /** The school enters MIGRATING because the gate detected a migration. */
  void migrationDetected(String schoolId) {
    enterMigrating(schoolId, MIGRATION_DETECTED);
  }

  /** The school enters MIGRATING because the caller announced a migration for this run. */
  void migrationAnnounced(String schoolId) {
    enterMigrating(schoolId, MIGRATION_ANNOUNCED);
  }

  /**
   * A plan that re-keyed on id churn (no migration announced or detected) was applied with match
   * review items open: the school is MIGRATING until they are decided, so the accounts they claim
   * are not deactivated for absence the night after.
   */
  void churnSettledWithReviews(String schoolId, RunResult result) {
    PlanBasis basis = result.plan().basis();
    if (basis != null
        && !basis.migrating().isEmpty()
        && applied(result.outcome())
        && hasOpenMatchItems(result.plan())) {
      enterMigrating(schoolId, MIGRATION_CHURN);
    }
  }

  private void enterMigrating(String schoolId, String reason) {
    Instant now = clock.instant();
    store.updateSchoolState(schoolId, s -> s.withMode(SchoolMode.MIGRATING, reason, now));
    audit(schoolId, "mode.changed", Map.of("mode", "MIGRATING", "reason", reason));
    LOG.info("school {}: {}, school is MIGRATING", schoolId, reason);
  }

  private static boolean applied(RunResult.Outcome o) {
    return o == RunResult.Outcome.APPLIED || o == RunResult.Outcome.APPLIED_AFTER_APPROVAL;
  }

  /**
   * Whether the plan still has review items that claim accounts (possible duplicates, ambiguous
   * matches, duplicate keys): while it has, a migration is not settled.
   */
  static boolean hasOpenMatchItems(Plan plan) {
    for (ReviewItem item : plan.reviewItems()) {
      if (item instanceof ReviewItem.PossibleDuplicate
          || item instanceof ReviewItem.AmbiguousMatch
          || item instanceof ReviewItem.DuplicateKey) {
        return true;
      }
    }
    return false;
  }

  /** The run failed (source, store or sink): the next read is a full one. */
  void failed(String schoolId) {
    store.updateSchoolState(schoolId, s -> s.withFullReadDue(AFTER_FAILURE));
  }

  /**
   * The run ended with {@code result}, computed from {@code snapshot} read as {@code read} says.
   */
  void finished(String schoolId, Read read, MisSnapshot snapshot, RunResult result) {
    RunResult.Outcome o = result.outcome();
    boolean applied =
        o == RunResult.Outcome.APPLIED || o == RunResult.Outcome.APPLIED_AFTER_APPROVAL;
    if (!applied && o != RunResult.Outcome.NOTHING_TO_DO) {
      // held or discarded: nothing built on this read moves, so the run after a person's
      // approval reads from the same base (or in full again) and computes the same plan
      return;
    }
    store.saveSnapshotBase(schoolId, snapshot);
    boolean anyFailed = result.applyReport().map(r -> r.failed() > 0).orElse(false);
    Instant now = clock.instant();
    SchoolState[] before = new SchoolState[1];
    SchoolState after =
        store.updateSchoolState(
            schoolId,
            s -> {
              before[0] = s;
              SchoolState n = s;
              if (read.full()) {
                // a full read asked for while this run read (a new token) stays due
                boolean askedSince = n.fullReadDue() && !read.state().fullReadDue();
                String reason = n.fullReadReason();
                n = n.withFullReadDone(now);
                if (askedSince) {
                  n = n.withFullReadDue(reason);
                }
              }
              if (anyFailed) {
                n = n.withFullReadDue(AFTER_FAILURE);
              }
              if (n.mode() == SchoolMode.MIGRATING) {
                if (applied) {
                  n = n.withMigrationApplied();
                }
                if (n.migrationApplied()
                    && !hasOpenMatchItems(result.plan())
                    && (applied || o == RunResult.Outcome.NOTHING_TO_DO)) {
                  n = n.withMode(SchoolMode.ACTIVE, MIGRATION_DONE, now);
                }
              }
              return n;
            });
    SchoolState was = before[0];
    if (was != null && was.mode() == SchoolMode.MIGRATING && after.mode() == SchoolMode.ACTIVE) {
      audit(schoolId, "mode.changed", Map.of("mode", "ACTIVE", "reason", MIGRATION_DONE));
      LOG.info("school {}: migration completed, school is ACTIVE", schoolId);
    }
  }

  private void audit(String schoolId, String type, Map<String, String> details) {
    store.appendAudit(new AuditEvent(schoolId, clock.instant(), type, "", details));
  }
}
