package io.missync.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.missync.core.Secret;
import io.missync.core.model.GroupKind;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.plan.AccountRef;
import io.missync.core.plan.ArchiveGroup;
import io.missync.core.plan.Change;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.CreateAccount;
import io.missync.core.plan.CreateGroup;
import io.missync.core.plan.DeactivateAccount;
import io.missync.core.plan.DeleteAccount;
import io.missync.core.plan.FieldChange;
import io.missync.core.plan.GroupRef;
import io.missync.core.plan.JoinGroup;
import io.missync.core.plan.LeaveGroup;
import io.missync.core.plan.LinkGuardian;
import io.missync.core.plan.MatchConfidence;
import io.missync.core.plan.MoveAccount;
import io.missync.core.plan.ReactivateAccount;
import io.missync.core.plan.Reason;
import io.missync.core.plan.ReasonCode;
import io.missync.core.plan.RekeyAccount;
import io.missync.core.plan.UnlinkGuardian;
import io.missync.core.plan.UpdateAccount;
import io.missync.core.plan.UpdateGroup;
import io.missync.core.spi.ChangeContext;
import io.missync.core.spi.ChangeResult;
import io.missync.core.spi.ChangeSink;
import io.missync.core.state.AccountField;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ChangeSink}, for adapter writers to prove their sink against their product
 * (or a test instance of it).
 *
 * <pre>{@code
 * class MySinkContractTest implements ChangeSinkContract {
 *   public ChangeSink newSink() { return new MySink(freshTenant()); }
 *   public ProductProbe probe(ChangeSink sink) { return new MyProbe(((MySink) sink).tenant()); }
 * }
 * }</pre>
 *
 * <p>Clauses: every kind of change gets a result and nothing throws; a create returns {@link
 * ChangeResult.Applied} with the new product id (a group create may be {@link ChangeResult.Skipped}
 * by a product without groups); applying the same change twice has the effect of applying it once,
 * and a repeat of an applied change does not fail; a deactivated account can no longer sign in once
 * {@code apply} returns, and a reactivated one can again; one sink keeps two schools apart when
 * their MIS ids coincide.
 */
public interface ChangeSinkContract {

  /** A sink over a product with no accounts or groups yet (a fresh tenant); once per test. */
  ChangeSink newSink();

  /** A read-only view of the product behind {@code sink}, through the product's own API. */
  ProductProbe probe(ChangeSink sink);

  /** How the contract looks at the product. */
  interface ProductProbe {
    /** Ids of every account the product has, active or not (deleted ones excluded). */
    Set<String> accountIds();

    /** True if the account exists and can sign in now. */
    boolean canSignIn(String accountId);

    /** Ids of every group the product has, archived ones included (empty without groups). */
    Set<String> groupIds();
  }

  // ------------------------------------------------------------------ helpers

  private static Reason why(ReasonCode code) {
    return Reason.of(code, "source", "contract");
  }

  private static CreateAccount create(PersonRef person, String username) {
    return new CreateAccount(
            AccountRef.pending(person),
            Map.of(AccountField.FORENAME, "Zoë", AccountField.SURNAME, "Nguyễn"),
            username,
            "contract-policy",
            null,
            why(ReasonCode.NEW_IN_SOURCE))
        .withInitialPassword(Secret.of("correct-horse-battery-staple-7"));
  }

  private static String createdId(ChangeResult r, String what) {
    ChangeResult.Applied a = assertInstanceOf(ChangeResult.Applied.class, r, what + " must apply");
    String id = a.id().orElse("");
    assertFalse(id.isBlank(), what + " must return the new product id");
    return id;
  }

  /** Accounts (with whether each can sign in) and groups, as the probe sees them. */
  private static Map<String, Object> view(ProductProbe p) {
    Map<String, Boolean> accounts = new TreeMap<>();
    for (String id : p.accountIds()) {
      accounts.put(id, p.canSignIn(id));
    }
    return Map.of("accounts", accounts, "groups", new TreeSet<>(p.groupIds()));
  }

  /** The school the single-school clauses work in. */
  String SCHOOL = "contract-school";

  private static ChangeResult applyChecked(ChangeSink sink, Change c) {
    return applyChecked(sink, SCHOOL, c);
  }

  private static ChangeResult applyChecked(ChangeSink sink, String school, Change c) {
    ChangeResult r;
    try {
      r = sink.apply(new ChangeContext(school, "contract-plan", 0, 1), c);
    } catch (RuntimeException e) {
      throw new AssertionError(c.kind() + " threw " + e.getClass().getName(), e);
    }
    assertNotNull(r, c.kind() + " returned no result");
    return r;
  }

  /** Applies a change twice; the second time changes nothing and does not fail. */
  private static ChangeResult applyTwice(ChangeSink sink, ProductProbe probe, Change c) {
    ChangeResult first = applyChecked(sink, c);
    Map<String, Object> once = view(probe);
    ChangeResult second = applyChecked(sink, c);
    assertEquals(once, view(probe), "applying " + c.kind() + " twice must have the effect of once");
    if (!(first instanceof ChangeResult.Failed) && second instanceof ChangeResult.Failed f) {
      fail("repeating an applied " + c.kind() + " failed: " + f.message());
    }
    if (first instanceof ChangeResult.Applied a1
        && a1.id().isPresent()
        && second instanceof ChangeResult.Applied a2
        && a2.id().isPresent()) {
      assertEquals(a1.id(), a2.id(), "a repeated " + c.kind() + " must name the same product id");
    }
    return first;
  }

  // ------------------------------------------------------------------ clauses

  @Test
  default void aCreateReturnsTheNewAccountsIdAndTheAccountCanSignIn() {
    ChangeSink sink = newSink();
    ProductProbe probe = probe(sink);
    String id =
        createdId(applyChecked(sink, create(PersonRef.student("S1"), "zoe.n")), "CreateAccount");
    assertTrue(probe.accountIds().contains(id));
    assertTrue(probe.canSignIn(id));
    String other =
        createdId(applyChecked(sink, create(PersonRef.staff("T1"), "t.one")), "CreateAccount");
    assertFalse(id.equals(other), "two people get two accounts");
  }

  @Test
  default void creatingTheSameAccountTwiceCreatesOneAccount() {
    ChangeSink sink = newSink();
    ProductProbe probe = probe(sink);
    CreateAccount c = create(PersonRef.student("S1"), "zoe.n");
    applyTwice(sink, probe, c);
    assertEquals(1, probe.accountIds().size());
  }

  @Test
  default void aDeactivatedAccountCanNoLongerSignInAndAReactivatedOneCan() {
    ChangeSink sink = newSink();
    ProductProbe probe = probe(sink);
    PersonRef person = PersonRef.contact("C1");
    String id = createdId(applyChecked(sink, create(person, "parent.one")), "CreateAccount");
    applyTwice(
        sink,
        probe,
        new DeactivateAccount(AccountRef.of(person, id), why(ReasonCode.NO_ACTIVE_STUDENT)));
    assertFalse(probe.canSignIn(id), "a deactivated account must not sign in");
    assertTrue(probe.accountIds().contains(id), "deactivate, never delete");
    applyTwice(
        sink, probe, new ReactivateAccount(AccountRef.of(person, id), why(ReasonCode.REJOINED)));
    assertTrue(probe.canSignIn(id), "a reactivated account signs in again");
  }

  @Test
  default void aGroupCreateReturnsTheNewGroupsIdUnlessTheProductHasNoGroups() {
    ChangeSink sink = newSink();
    ProductProbe probe = probe(sink);
    CreateGroup g =
        new CreateGroup(
            GroupRef.of("MIS-G1", null),
            GroupKind.CLASS,
            "7A/Ma",
            "Maths",
            why(ReasonCode.NEW_IN_SOURCE));
    ChangeResult r = applyTwice(sink, probe, g);
    if (r instanceof ChangeResult.Skipped) {
      assertTrue(probe.groupIds().isEmpty(), "a skipped create makes no group");
      return;
    }
    String id = createdId(r, "CreateGroup");
    assertEquals(Set.of(id), probe.groupIds());
  }

  @Test
  default void everyKindOfChangeGetsAResultAndRepeatingItHasTheEffectOfOnce() {
    ChangeSink sink = newSink();
    ProductProbe probe = probe(sink);
    Set<ChangeKind> seen = EnumSet.noneOf(ChangeKind.class);

    PersonRef s1 = PersonRef.student("S1");
    PersonRef s2 = PersonRef.student("S2");
    PersonRef c1 = PersonRef.contact("C1");
    PersonRef t1 = PersonRef.staff("T1");
    String idS1 = createdId(applyTwice(sink, probe, create(s1, "s.one")), "CreateAccount");
    String idS2 = createdId(applyTwice(sink, probe, create(s2, "s.two")), "CreateAccount");
    String idC1 = createdId(applyTwice(sink, probe, create(c1, "c.one")), "CreateAccount");
    String idT1 = createdId(applyTwice(sink, probe, create(t1, "t.one")), "CreateAccount");
    seen.add(ChangeKind.CREATE_ACCOUNT);
    AccountRef rS1 = AccountRef.of(s1, idS1);

    @Nullable String g1 =
        groupId(
            applyTwice(
                sink,
                probe,
                new CreateGroup(
                    GroupRef.of("MIS-1", null),
                    GroupKind.REGISTRATION,
                    "7A",
                    null,
                    why(ReasonCode.NEW_IN_SOURCE))));
    @Nullable String g2 =
        groupId(
            applyTwice(
                sink,
                probe,
                new CreateGroup(
                    GroupRef.of("MIS-2", null),
                    GroupKind.REGISTRATION,
                    "7B",
                    null,
                    why(ReasonCode.NEW_IN_SOURCE))));
    seen.add(ChangeKind.CREATE_GROUP);
    GroupRef rG1 = GroupRef.of("MIS-1", g1);
    GroupRef rG2 = GroupRef.of("MIS-2", g2);

    List<Change> rest =
        List.of(
            new UpdateAccount(
                rS1,
                List.of(new FieldChange(AccountField.FORENAME, "Zoë", "Zoe")),
                why(ReasonCode.FIELDS_CHANGED)),
            new JoinGroup(rS1, rG1, MembershipRole.MEMBER, why(ReasonCode.JOINED_GROUP)),
            new MoveAccount(rS1, rG1, rG2, MembershipRole.MEMBER, why(ReasonCode.MOVED_GROUP)),
            new LeaveGroup(rS1, rG2, why(ReasonCode.LEFT_GROUP)),
            new LinkGuardian(
                AccountRef.of(c1, idC1),
                rS1,
                Relationship.MOTHER,
                true,
                1,
                why(ReasonCode.GUARDIAN_ADDED)),
            new UnlinkGuardian(AccountRef.of(c1, idC1), rS1, why(ReasonCode.GUARDIAN_REMOVED)),
            new RekeyAccount(
                idS2,
                s2,
                PersonRef.student("S2-new"),
                MatchConfidence.CERTAIN,
                why(ReasonCode.MIS_MIGRATION)),
            new UpdateGroup(
                rG1, GroupKind.REGISTRATION, "7A (Mr Ó Sé)", null, why(ReasonCode.GROUP_CHANGED)),
            new ArchiveGroup(rG2, why(ReasonCode.GROUP_GONE)),
            new DeactivateAccount(AccountRef.of(t1, idT1), why(ReasonCode.EMPLOYMENT_ENDED)),
            new ReactivateAccount(AccountRef.of(t1, idT1), why(ReasonCode.REJOINED)),
            new DeactivateAccount(
                AccountRef.of(PersonRef.student("S2-new"), idS2), why(ReasonCode.LEFT_SOURCE)),
            new DeleteAccount(
                AccountRef.of(PersonRef.student("S2-new"), idS2),
                why(ReasonCode.GRACE_PERIOD_EXPIRED)));
    for (Change c : rest) {
      applyTwice(sink, probe, c);
      seen.add(c.kind());
    }
    assertEquals(EnumSet.allOf(ChangeKind.class), seen, "the scenario covers every kind");
    assertTrue(probe.canSignIn(idT1));
    assertTrue(probe.canSignIn(idS1));
    assertFalse(probe.canSignIn(idS2), "a deleted account cannot sign in");
  }

  /**
   * One sink serves a whole trust: the same MIS ids in two schools (a contact with a child in each,
   * known by the same id to both) are two people to the sink, each with an account of their own.
   */
  @Test
  default void twoSchoolsWithTheSameMisIdsGetAnAccountEach() {
    ChangeSink sink = newSink();
    ProductProbe probe = probe(sink);
    PersonRef contact = PersonRef.contact("C1");
    PersonRef student = PersonRef.student("S1");
    String inA =
        createdId(applyChecked(sink, "school-a", create(contact, "c.one")), "CreateAccount");
    String inB =
        createdId(applyChecked(sink, "school-b", create(contact, "c.one")), "CreateAccount");
    assertNotEquals(inA, inB, "the same MIS id in two schools names two accounts");
    assertEquals(
        inA,
        createdId(applyChecked(sink, "school-a", create(contact, "c.one")), "CreateAccount"),
        "a repeated create in school A names school A's account");
    String studentA =
        createdId(applyChecked(sink, "school-a", create(student, "s.one")), "CreateAccount");
    String studentB =
        createdId(applyChecked(sink, "school-b", create(student, "s.one")), "CreateAccount");
    assertEquals(Set.of(inA, inB, studentA, studentB), probe.accountIds());
    applyChecked(
        sink,
        "school-a",
        new DeactivateAccount(AccountRef.of(contact, inA), why(ReasonCode.NO_ACTIVE_STUDENT)));
    assertFalse(probe.canSignIn(inA), "school A's leaver is deactivated");
    assertTrue(probe.canSignIn(inB), "school B's contact of the same id keeps access");
  }

  private static @Nullable String groupId(ChangeResult r) {
    if (r instanceof ChangeResult.Skipped) {
      return null;
    }
    return createdId(r, "CreateGroup");
  }
}
