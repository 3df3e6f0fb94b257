package io.missync.core.plan;

import io.missync.core.EntityType;
import io.missync.core.Secret;
import io.missync.core.state.AccountField;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Creates an account for an MIS person with the managed field values and a username. The plan never
 * holds a password: it names the password policy (the cohort's), and the applier generates the
 * password just before handing the change to the sink ({@link #withInitialPassword}).
 *
 * @param account the person (the account id is not yet known)
 * @param fields the managed field values
 * @param username the username chosen by the username template, already free of collisions
 * @param passwordPolicy the id of the password policy for the person's cohort
 * @param initialPassword null in a plan; set by the applier at apply time
 * @param reason why
 */
public record CreateAccount(
    AccountRef account,
    Map<AccountField, String> fields,
    String username,
    String passwordPolicy,
    @Nullable Secret initialPassword,
    Reason reason)
    implements Change {
  public CreateAccount {
    fields = Map.copyOf(fields);
    if (username.isBlank()) {
      throw new IllegalArgumentException("CreateAccount.username must not be blank");
    }
  }

  /** The initial password, present only while the applier hands the change to the sink. */
  public Optional<Secret> password() {
    return Optional.ofNullable(initialPassword);
  }

  /** This change with the password the applier generated just before calling the sink. */
  public CreateAccount withInitialPassword(Secret secret) {
    return new CreateAccount(account, fields, username, passwordPolicy, secret, reason);
  }

  /** Ids and the reason only: field values and the password never print. */
  @Override
  public String toString() {
    return "CreateAccount[" + account + ", " + reason + "]";
  }

  @Override
  public ChangeKind kind() {
    return ChangeKind.CREATE_ACCOUNT;
  }

  @Override
  public EntityType entityType() {
    return account.person().type();
  }

  @Override
  public <R extends @Nullable Object> R accept(ChangeVisitor<R> visitor) {
    return visitor.createAccount(this);
  }
}
