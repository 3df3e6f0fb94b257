package io.missync.cli.internal;

import io.missync.core.Secret;
import io.missync.core.model.GroupKind;
import io.missync.core.model.PersonRef;
import io.missync.core.plan.Change;
import io.missync.core.plan.CreateAccount;
import io.missync.core.plan.CreateGroup;
import io.missync.core.plan.JoinGroup;
import io.missync.core.spi.ChangeContext;
import io.missync.core.spi.ChangeResult;
import io.missync.core.spi.ChangeSink;
import io.missync.core.state.AccountField;
import io.missync.csv.LoginCard;
import io.missync.csv.LoginCards;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ChangeSink} in front of the product's: it passes every change on and keeps a login card
 * for each account the product created, with the form the account joined in the same plan, for the
 * school to print. {@link #writeCards} writes them with {@link LoginCards} and wipes the passwords
 * held.
 */
final class LoginCardCollector implements ChangeSink {
  private final ChangeSink product;
  private final Map<PersonRef, Pending> cards = new LinkedHashMap<>();
  private final Map<String, String> formNames = new HashMap<>();

  private static final class Pending {
    final PersonRef person;
    final String name;
    final String username;
    final Secret password;
    @Nullable String group;

    Pending(PersonRef person, String name, String username, Secret password) {
      this.person = person;
      this.name = name;
      this.username = username;
      this.password = password;
    }
  }

  LoginCardCollector(ChangeSink product) {
    this.product = product;
  }

  @Override
  public synchronized ChangeResult apply(ChangeContext context, Change change) {
    // the applier wipes the password after this call: the card keeps its own copy
    Secret copy =
        change instanceof CreateAccount c && c.password().isPresent()
            ? Secret.of(c.password().get().use(char[]::clone))
            : null;
    ChangeResult result = product.apply(context, change);
    boolean ok = !(result instanceof ChangeResult.Failed);
    if (change instanceof CreateAccount c && copy != null) {
      if (ok) {
        String name =
            (c.fields().getOrDefault(AccountField.FORENAME, "")
                    + " "
                    + c.fields().getOrDefault(AccountField.SURNAME, ""))
                .strip();
        cards.put(
            c.account().person(), new Pending(c.account().person(), name, c.username(), copy));
      } else {
        copy.clear();
      }
    } else if (change instanceof CreateGroup g && ok && g.groupKind() == GroupKind.REGISTRATION) {
      formNames.put(g.group().sourceGroupId(), g.name());
    } else if (change instanceof JoinGroup j && ok) {
      Pending p = cards.get(j.account().person());
      String name = formNames.get(j.group().sourceGroupId());
      if (p != null && p.group == null && name != null) {
        p.group = name;
      }
    }
    return result;
  }

  /** Cards collected since the last write. */
  synchronized int pending() {
    return cards.size();
  }

  /**
   * Writes the cards collected since the last write to {@code file} and wipes their passwords.
   *
   * @return the file, or null when there were no new accounts
   */
  synchronized @Nullable Path writeCards(Path file) {
    if (cards.isEmpty()) {
      return null;
    }
    List<LoginCard> list = new ArrayList<>(cards.size());
    for (Pending p : cards.values()) {
      list.add(new LoginCard(p.person, p.name, p.group, p.username, p.password));
    }
    try {
      LoginCards.write(list, file);
    } finally {
      discard();
    }
    return file;
  }

  /** Wipes the passwords held and forgets the cards. */
  synchronized void discard() {
    cards.values().forEach(p -> p.password.clear());
    cards.clear();
  }
}
