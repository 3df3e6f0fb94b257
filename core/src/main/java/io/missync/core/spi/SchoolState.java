package io.missync.core.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What missync remembers about how to run a school, beside its product state: its {@link
 * SchoolMode}, whether the next read must be a full one, and what the last migration webhook was.
 * Immutable; the {@code with...} methods return changed copies. Kept by {@link
 * SyncStateStore#schoolState} and changed atomically by {@link SyncStateStore#updateSchoolState}.
 *
 * @param schoolId the school
 * @param mode how the school is run
 * @param modeSince when the mode was last changed, null if never
 * @param modeReason why (e.g. {@code webhook.accessRevoked}, {@code migration.detected}); ids and
 *     codes only
 * @param fullReadDue whether the next run must read the whole school (first sync, after a failure,
 *     after approval, on demand) rather than build on the stored base snapshot
 * @param fullReadReason why a full read is due; empty when none is
 * @param lastFullReadAt when a full read's plan was last applied or held, null if never
 * @param migrationKey the identity of the last migration webhook acted on (so a redelivery changes
 *     nothing), null if none
 * @param migrationApplied whether a plan re-keying accounts was applied during the current
 *     migration
 */
public record SchoolState(
    String schoolId,
    SchoolMode mode,
    @Nullable Instant modeSince,
    String modeReason,
    boolean fullReadDue,
    String fullReadReason,
    @Nullable Instant lastFullReadAt,
    @Nullable String migrationKey,
    boolean migrationApplied) {

  /** Why a full read is due for a school never synced. */
  public static final String FIRST_SYNC = "first.sync";

  public SchoolState {
    Objects.requireNonNull(schoolId, "schoolId");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(modeReason, "modeReason");
    Objects.requireNonNull(fullReadReason, "fullReadReason");
    if (schoolId.isBlank()) {
      throw new IllegalArgumentException("SchoolState.schoolId must not be blank");
    }
  }

  /** The state of a school the store has never seen: ACTIVE, a first full read due. */
  public static SchoolState initial(String schoolId) {
    return new SchoolState(
        schoolId, SchoolMode.ACTIVE, null, "", true, FIRST_SYNC, null, null, false);
  }

  public Optional<Instant> since() {
    return Optional.ofNullable(modeSince);
  }

  public Optional<Instant> lastFullRead() {
    return Optional.ofNullable(lastFullReadAt);
  }

  public Optional<String> lastMigration() {
    return Optional.ofNullable(migrationKey);
  }

  /** This state in {@code next} mode since {@code at}; the same state if already in it. */
  public SchoolState withMode(SchoolMode next, String reason, Instant at) {
    if (next == mode) {
      return this;
    }
    return new SchoolState(
        schoolId,
        next,
        at,
        reason,
        fullReadDue,
        fullReadReason,
        lastFullReadAt,
        migrationKey,
        next == SchoolMode.MIGRATING && migrationApplied);
  }

  /** This state with a full read due for {@code reason}; kept as is if one is already due. */
  public SchoolState withFullReadDue(String reason) {
    if (fullReadDue) {
      return this;
    }
    return new SchoolState(
        schoolId,
        mode,
        modeSince,
        modeReason,
        true,
        reason,
        lastFullReadAt,
        migrationKey,
        migrationApplied);
  }

  /** This state after a full read at {@code at} whose plan was applied or held. */
  public SchoolState withFullReadDone(Instant at) {
    return new SchoolState(
        schoolId, mode, modeSince, modeReason, false, "", at, migrationKey, migrationApplied);
  }

  /** This state remembering the migration webhook {@code key} as acted on. */
  public SchoolState withMigrationKey(String key) {
    return new SchoolState(
        schoolId,
        mode,
        modeSince,
        modeReason,
        fullReadDue,
        fullReadReason,
        lastFullReadAt,
        key,
        migrationApplied);
  }

  /** This state noting that the current migration's re-keying plan was applied. */
  public SchoolState withMigrationApplied() {
    return new SchoolState(
        schoolId,
        mode,
        modeSince,
        modeReason,
        fullReadDue,
        fullReadReason,
        lastFullReadAt,
        migrationKey,
        true);
  }
}
