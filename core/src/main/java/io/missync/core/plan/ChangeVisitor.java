package io.missync.core.plan;

import org.jspecify.annotations.Nullable;

/**
 * Handles each kind of {@link Change}. Implement every method; a new change kind adds a method, so
 * every implementation is told at compile time.
 *
 * @param <R> the result type
 */
public interface ChangeVisitor<R extends @Nullable Object> {
  R createAccount(CreateAccount c);

  R updateAccount(UpdateAccount c);

  R moveAccount(MoveAccount c);

  R joinGroup(JoinGroup c);

  R leaveGroup(LeaveGroup c);

  R deactivateAccount(DeactivateAccount c);

  R reactivateAccount(ReactivateAccount c);

  R deleteAccount(DeleteAccount c);

  R rekeyAccount(RekeyAccount c);

  R linkGuardian(LinkGuardian c);

  R unlinkGuardian(UnlinkGuardian c);

  R createGroup(CreateGroup c);

  R updateGroup(UpdateGroup c);

  R archiveGroup(ArchiveGroup c);
}
