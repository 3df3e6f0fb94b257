package io.missync.core.plan;

import io.missync.core.EntityType;
import io.missync.core.model.PersonRef;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Re-points an existing account at new MIS ids: the same person after an MIS migration, or an
 * existing product account matched on a first sync. The account, its username and credentials stay.
 *
 * @param accountId the account
 * @param previous the person it was linked to, or null if it was unlinked
 * @param next the person it is linked to from now on
 * @param confidence how the match was made
 * @param reason why, with the matching keys as evidence
 */
public record RekeyAccount(
    String accountId,
    @Nullable PersonRef previous,
    PersonRef next,
    MatchConfidence confidence,
    Reason reason)
    implements Change {
  public RekeyAccount {
    if (previous != null && previous.type() != next.type()) {
      throw new IllegalArgumentException("RekeyAccount cannot change the person type");
    }
  }

  /** The link before the change; empty when an unlinked account is linked for the first time. */
  public Optional<PersonRef> previousLink() {
    return Optional.ofNullable(previous);
  }

  @Override
  public ChangeKind kind() {
    return ChangeKind.REKEY_ACCOUNT;
  }

  @Override
  public EntityType entityType() {
    return next.type();
  }

  @Override
  public <R extends @Nullable Object> R accept(ChangeVisitor<R> visitor) {
    return visitor.rekeyAccount(this);
  }
}
