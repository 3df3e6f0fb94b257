package io.missync.core.plan;

import io.missync.core.EntityType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Updates managed fields of an existing account. Fields the product owns are never in the diff.
 *
 * @param account the account
 * @param changes the field diffs, at least one
 * @param reason why
 */
public record UpdateAccount(AccountRef account, List<FieldChange> changes, Reason reason)
    implements Change {
  public UpdateAccount {
    changes = List.copyOf(changes);
    if (changes.isEmpty()) {
      throw new IllegalArgumentException("UpdateAccount needs at least one field change");
    }
  }

  @Override
  public ChangeKind kind() {
    return ChangeKind.UPDATE_ACCOUNT;
  }

  @Override
  public EntityType entityType() {
    return account.person().type();
  }

  @Override
  public <R extends @Nullable Object> R accept(ChangeVisitor<R> visitor) {
    return visitor.updateAccount(this);
  }
}
