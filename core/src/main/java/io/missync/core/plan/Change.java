package io.missync.core.plan;

import io.missync.core.EntityType;
import org.jspecify.annotations.Nullable;

/**
 * One step of a {@link Plan}. The hierarchy is sealed, and {@link #accept(ChangeVisitor)} lets a
 * Java 17 caller handle every kind exhaustively: adding a kind breaks every visitor at compile
 * time.
 *
 * <p>Every change explains itself with a {@link Reason}. {@code toString()} names ids and codes
 * only, never field values, so a change can be logged safely.
 */
public sealed interface Change
    permits CreateAccount,
        UpdateAccount,
        MoveAccount,
        JoinGroup,
        LeaveGroup,
        DeactivateAccount,
        ReactivateAccount,
        DeleteAccount,
        RekeyAccount,
        LinkGuardian,
        UnlinkGuardian,
        CreateGroup,
        UpdateGroup,
        ArchiveGroup {

  ChangeKind kind();

  /** The entity type the change is counted against in statistics and thresholds. */
  EntityType entityType();

  Reason reason();

  <R extends @Nullable Object> R accept(ChangeVisitor<R> visitor);
}
