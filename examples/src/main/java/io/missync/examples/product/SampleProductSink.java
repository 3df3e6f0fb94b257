package io.missync.examples.product;

import io.missync.core.MissyncException;
import io.missync.core.plan.AccountRef;
import io.missync.core.plan.ArchiveGroup;
import io.missync.core.plan.Change;
import io.missync.core.plan.ChangeVisitor;
import io.missync.core.plan.CreateAccount;
import io.missync.core.plan.CreateGroup;
import io.missync.core.plan.DeactivateAccount;
import io.missync.core.plan.DeleteAccount;
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
import io.missync.core.spi.ChangeContext;
import io.missync.core.spi.ChangeResult;
import io.missync.core.spi.ChangeSink;
import io.missync.core.state.AccountField;
import java.util.Optional;

/**
 * Applies missync's changes to a {@link SampleProduct}. Every kind is handled through the {@link
 * ChangeVisitor}, so a new kind of change fails this class's compilation rather than slipping by.
 *
 * <p>Changes that name an account or group the product does not have fail with a message naming ids
 * only; applying the same change twice has the effect of once.
 *
 * <p>One sink serves every school of a trust: MIS ids are unique within a school only (a parent
 * with children in two schools may have the same contact id in both), so the product's external key
 * for a user or group is the school id and the MIS id together. Each call works with the {@link
 * ChangeContext} it was given, so runs of several schools may share the sink on several threads.
 */
public final class SampleProductSink implements ChangeSink {
  private final SampleProduct product;

  public SampleProductSink(SampleProduct product) {
    this.product = product;
  }

  /** The product this sink changes. */
  public SampleProduct product() {
    return product;
  }

  @Override
  public ChangeResult apply(ChangeContext context, Change change) {
    try {
      return change.accept(new Visitor(context.schoolId()));
    } catch (MissyncException e) {
      return new ChangeResult.Failed(String.valueOf(e.getMessage()), false);
    }
  }

  private SampleProduct.User user(AccountRef ref) {
    String id =
        ref.account().orElseThrow(() -> new MissyncException("no account id for " + ref.person()));
    return product
        .user(id)
        .orElseThrow(() -> new MissyncException("no user " + id + " in the product"));
  }

  private static String group(GroupRef ref) {
    return ref.productGroup()
        .orElseThrow(() -> new MissyncException("no product group for " + ref.sourceGroupId()));
  }

  /** The product's key for an MIS id of a school. */
  private static String externalKey(String schoolId, String misKey) {
    return schoolId + "/" + misKey;
  }

  /** Applies the changes of one school. */
  private final class Visitor implements ChangeVisitor<ChangeResult> {
    private final String school;

    Visitor(String school) {
      this.school = school;
    }

    @Override
    public ChangeResult createAccount(CreateAccount c) {
      String name =
          c.fields().getOrDefault(AccountField.FORENAME, "")
              + " "
              + c.fields().getOrDefault(AccountField.SURNAME, "");
      SampleProduct.User u =
          product.createUser(
              externalKey(school, c.account().person().toString()),
              c.account().person().type(),
              c.username(),
              name.strip());
      if (!u.hasPassword()) {
        Optional.ofNullable(c.initialPassword()).ifPresent(pw -> product.setPassword(u, pw));
      }
      return ChangeResult.created(u.id());
    }

    @Override
    public ChangeResult updateAccount(UpdateAccount c) {
      SampleProduct.User u = user(c.account());
      c.changes().stream()
          .filter(f -> f.field() == AccountField.USERNAME)
          .forEach(f -> u.username = f.newValue().orElse(u.username));
      return ChangeResult.applied();
    }

    @Override
    public ChangeResult moveAccount(MoveAccount c) {
      SampleProduct.User u = user(c.account());
      u.groupRoles.remove(group(c.from()));
      u.groupRoles.put(group(c.to()), c.role().name());
      return ChangeResult.applied();
    }

    @Override
    public ChangeResult joinGroup(JoinGroup c) {
      user(c.account()).groupRoles.put(group(c.group()), c.role().name());
      return ChangeResult.applied();
    }

    @Override
    public ChangeResult leaveGroup(LeaveGroup c) {
      user(c.account()).groupRoles.remove(group(c.group()));
      return ChangeResult.applied();
    }

    @Override
    public ChangeResult deactivateAccount(DeactivateAccount c) {
      user(c.account()).canSignIn = false;
      return ChangeResult.applied();
    }

    @Override
    public ChangeResult reactivateAccount(ReactivateAccount c) {
      user(c.account()).canSignIn = true;
      return ChangeResult.applied();
    }

    @Override
    public ChangeResult deleteAccount(DeleteAccount c) {
      c.account().account().ifPresent(product::removeUser);
      return ChangeResult.applied();
    }

    @Override
    public ChangeResult rekeyAccount(RekeyAccount c) {
      // the product keys users by its own id; nothing changes for the person signing in
      return product.user(c.accountId()).isPresent()
          ? ChangeResult.applied()
          : new ChangeResult.Failed("no user " + c.accountId(), false);
    }

    @Override
    public ChangeResult linkGuardian(LinkGuardian c) {
      product.link(user(c.contact()).id(), user(c.student()).id(), true);
      return ChangeResult.applied();
    }

    @Override
    public ChangeResult unlinkGuardian(UnlinkGuardian c) {
      product.link(user(c.contact()).id(), user(c.student()).id(), false);
      return ChangeResult.applied();
    }

    @Override
    public ChangeResult createGroup(CreateGroup c) {
      return ChangeResult.created(
          product.createGroup(externalKey(school, c.group().sourceGroupId()), c.name()));
    }

    @Override
    public ChangeResult updateGroup(UpdateGroup c) {
      return product.updateGroup(group(c.group()), c.name(), false)
          ? ChangeResult.applied()
          : new ChangeResult.Failed("no group " + c.group(), false);
    }

    @Override
    public ChangeResult archiveGroup(ArchiveGroup c) {
      String id = group(c.group());
      String name =
          product.groups().stream()
              .filter(g -> g.id().equals(id))
              .map(SampleProduct.ProductGroupRow::name)
              .findFirst()
              .orElse(id);
      return product.updateGroup(id, name, true)
          ? ChangeResult.applied()
          : new ChangeResult.Failed("no group " + id, false);
    }
  }
}
