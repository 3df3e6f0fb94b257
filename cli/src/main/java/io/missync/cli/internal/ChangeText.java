package io.missync.cli.internal;

import io.missync.core.plan.AccountRef;
import io.missync.core.plan.ArchiveGroup;
import io.missync.core.plan.Change;
import io.missync.core.plan.ChangeVisitor;
import io.missync.core.plan.CreateAccount;
import io.missync.core.plan.CreateGroup;
import io.missync.core.plan.DeactivateAccount;
import io.missync.core.plan.DeleteAccount;
import io.missync.core.plan.FieldChange;
import io.missync.core.plan.GroupRef;
import io.missync.core.plan.JoinGroup;
import io.missync.core.plan.LeaveGroup;
import io.missync.core.plan.LinkGuardian;
import io.missync.core.plan.MoveAccount;
import io.missync.core.plan.ReactivateAccount;
import io.missync.core.plan.RekeyAccount;
import io.missync.core.plan.UnlinkGuardian;
import io.missync.core.plan.UpdateAccount;
import io.missync.core.plan.UpdateGroup;
import io.missync.core.state.AccountField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a change is about, as one line of plain text: MIS ids and product ids always; people's
 * names, group names and field values only when {@code names} is true (the vendor's choice).
 */
final class ChangeText implements ChangeVisitor<String> {
  private final boolean names;

  private ChangeText(boolean names) {
    this.names = names;
  }

  static String of(Change change, boolean names) {
    return change.accept(new ChangeText(names));
  }

  private static String account(AccountRef a) {
    return a.person() + a.account().map(id -> " (" + id + ")").orElse("");
  }

  private String group(GroupRef g, String name) {
    return (names ? "\u201c" + name + "\u201d " : "")
        + "group "
        + g.sourceGroupId()
        + g.productGroup().map(id -> " (" + id + ")").orElse("");
  }

  private static String group(GroupRef g) {
    return "group " + g.sourceGroupId() + g.productGroup().map(id -> " (" + id + ")").orElse("");
  }

  @Override
  public String createAccount(CreateAccount c) {
    String who = account(c.account());
    if (names) {
      who =
          (c.fields().getOrDefault(AccountField.FORENAME, "")
                      + " "
                      + c.fields().getOrDefault(AccountField.SURNAME, ""))
                  .strip()
              + ", "
              + who
              + ", username "
              + c.username();
    }
    return who + ", password policy " + c.passwordPolicy();
  }

  @Override
  public String updateAccount(UpdateAccount c) {
    List<String> fields = new ArrayList<>();
    for (FieldChange f : c.changes()) {
      String field = f.field().name().toLowerCase(Locale.ROOT);
      fields.add(
          names
              ? field
                  + ": "
                  + f.oldValue().orElse("(none)")
                  + " \u2192 "
                  + f.newValue().orElse("(none)")
              : field);
    }
    return account(c.account()) + ": " + String.join(", ", fields);
  }

  @Override
  public String moveAccount(MoveAccount c) {
    return account(c.account()) + " from " + group(c.from()) + " to " + group(c.to());
  }

  @Override
  public String joinGroup(JoinGroup c) {
    return account(c.account())
        + " joins "
        + group(c.group())
        + " as "
        + c.role().name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String leaveGroup(LeaveGroup c) {
    return account(c.account()) + " leaves " + group(c.group());
  }

  @Override
  public String deactivateAccount(DeactivateAccount c) {
    return account(c.account());
  }

  @Override
  public String reactivateAccount(ReactivateAccount c) {
    return account(c.account());
  }

  @Override
  public String deleteAccount(DeleteAccount c) {
    return account(c.account());
  }

  @Override
  public String rekeyAccount(RekeyAccount c) {
    return "account "
        + c.accountId()
        + ": "
        + c.previousLink().map(Object::toString).orElse("(none)")
        + " \u2192 "
        + c.next();
  }

  @Override
  public String linkGuardian(LinkGuardian c) {
    return account(c.contact()) + " \u2192 " + account(c.student());
  }

  @Override
  public String unlinkGuardian(UnlinkGuardian c) {
    return account(c.contact()) + " \u2192 " + account(c.student());
  }

  @Override
  public String createGroup(CreateGroup c) {
    return group(c.group(), c.name()) + ", " + c.groupKind().name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String updateGroup(UpdateGroup c) {
    return group(c.group(), c.name()) + ", " + c.groupKind().name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String archiveGroup(ArchiveGroup c) {
    return group(c.group());
  }
}
