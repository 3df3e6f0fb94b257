package io.missync.testkit.contract;

import io.missync.core.EntityType;
import io.missync.core.model.GroupKind;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.state.Account;
import io.missync.core.state.AccountField;
import io.missync.core.state.ProductGroup;
import io.missync.core.state.ProductGuardianLink;
import io.missync.core.state.StateUpdate;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of product-side state for contract properties. Ids come from small pools, so that
 * generated updates replace, remove and collide with each other (two accounts linked to one MIS
 * person, a removal of something absent); text comes from fragments with accents, other scripts,
 * emoji, tabs, line breaks, backslashes and escape look-alikes.
 */
public final class StateArbitraries {
  private StateArbitraries() {}

  private static final List<String> FRAGMENTS =
      List.of(
          "Zoë",
          "Łukasz",
          "Siobhán",
          "O'Brien",
          "Nguyễn",
          "김민준",
          "Мария",
          "محمد",
          "😀",
          "👩🏽‍🏫",
          "a\tb",
          "line\nbreak",
          "cr\r",
          "back\\slash",
          "\\N",
          "\\t",
          "|",
          "%_",
          " ",
          "x");

  /** Text of one to three fragments; may be blank. */
  public static Arbitrary<String> text() {
    return Arbitraries.of(FRAGMENTS).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("", l));
  }

  /** Text that is not blank. */
  public static Arbitrary<String> nonBlankText() {
    return text().filter(s -> !s.isBlank());
  }

  static Arbitrary<String> accountIds() {
    return Arbitraries.of("acc-1", "acc-2", "acc-3", "acc-4", "acc-5", "acc-ü", "acc|6");
  }

  static Arbitrary<String> groupIds() {
    return Arbitraries.of("grp-1", "grp-2", "grp-3", "grp-ñ");
  }

  /** An account with every field drawn, absent values included. */
  public static Arbitrary<Account> accounts() {
    Arbitrary<EntityType> kind =
        Arbitraries.of(EntityType.STUDENT, EntityType.STAFF, EntityType.CONTACT);
    Arbitrary<String> personIds = Arbitraries.of("P1", "P2", "P3", "P4");
    Arbitrary<Map<AccountField, String>> fields =
        Arbitraries.maps(Arbitraries.of(AccountField.class), nonBlankText()).ofMaxSize(4);
    Arbitrary<Map<String, MembershipRole>> groups =
        Arbitraries.maps(groupIds(), Arbitraries.of(MembershipRole.class)).ofMaxSize(3);
    Arbitrary<LocalDate> days =
        Arbitraries.integers().between(0, 3000).map(d -> LocalDate.of(2020, 1, 1).plusDays(d));
    return Combinators.combine(
            accountIds(),
            kind,
            personIds.injectNull(0.3),
            Arbitraries.of(true, false),
            days.injectNull(0.3),
            text().injectNull(0.3),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .flatAs(
            (id, k, person, active, day, username, creds, prot) ->
                Combinators.combine(fields, groups, Arbitraries.of(true, false))
                    .as(
                        (f, g, suspended) -> {
                          Account.Builder b =
                              Account.builder(id, k)
                                  .link(person == null ? null : new PersonRef(k, person))
                                  .active(active)
                                  .deactivatedOn(day)
                                  .username(username)
                                  .credentialsIssued(creds)
                                  .protectedAccount(prot)
                                  .suspended(suspended);
                          f.forEach(b::field);
                          g.forEach(b::group);
                          return b.build();
                        }));
  }

  /** A product group, with and without a source and subject. */
  public static Arbitrary<ProductGroup> productGroups() {
    return Combinators.combine(
            groupIds(),
            Arbitraries.of("MIS-1", "MIS-2", "MIS-3").injectNull(0.3),
            Arbitraries.of(GroupKind.class),
            nonBlankText(),
            text().injectNull(0.4),
            Arbitraries.of(true, false))
        .as(ProductGroup::new);
  }

  /** A guardian link between pooled account ids. */
  public static Arbitrary<ProductGuardianLink> guardianLinks() {
    return Combinators.combine(
            accountIds(),
            accountIds(),
            Arbitraries.of("Mother", "Father", "Carer", "Step Father", "Grand-mère", "Ямар нэг")
                .map(Relationship::of),
            Arbitraries.of(true, false))
        .as(ProductGuardianLink::new);
  }

  /** A state update: additions, replacements and removals, some of them breaking the rules. */
  public static Arbitrary<StateUpdate> stateUpdates() {
    Arbitrary<String> linkKeys =
        Combinators.combine(accountIds(), accountIds()).as((c, s) -> c + "|" + s);
    return Combinators.combine(
            accounts().list().ofMaxSize(4),
            accountIds().list().ofMaxSize(2),
            productGroups().list().ofMaxSize(2),
            groupIds().list().ofMaxSize(1),
            guardianLinks().list().ofMaxSize(3),
            linkKeys.list().ofMaxSize(2))
        .as(StateUpdate::new);
  }
}
