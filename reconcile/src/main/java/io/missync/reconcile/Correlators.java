package io.missync.reconcile;

import io.missync.core.model.MatchKeys;
import io.missync.core.model.Person;
import io.missync.core.model.Student;
import io.missync.core.plan.MatchConfidence;
import io.missync.core.state.Account;
import io.missync.core.state.AccountField;
import io.missync.reconcile.SyncPolicy.MatchTier;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The match tiers ("correlators"): for each tier, the key on the person's side and on the account's
 * side, and the confidence a match on it carries. Tiers are tried in {@link #TIER_ORDER}; the first
 * that finds candidates decides. A contact's name and linked student tier is worked out by the
 * planner from the product's guardian links (it needs the students' outcomes).
 *
 * <table>
 *   <caption>Match tiers per person type</caption>
 *   <tr><th>Tier</th><th>Students</th><th>Staff</th><th>Contacts</th><th>Confidence</th></tr>
 *   <tr><td>UPN</td><td>yes</td><td>-</td><td>-</td><td>CERTAIN: re-keyed</td></tr>
 *   <tr><td>FORMER_UPN</td><td>yes</td><td>-</td><td>-</td><td>CERTAIN: re-keyed</td></tr>
 *   <tr><td>NAME_AND_LINKED_STUDENT</td><td>-</td><td>-</td><td>yes</td>
 *       <td>CERTAIN: re-keyed</td></tr>
 *   <tr><td>EMAIL</td><td>yes</td><td>yes</td><td>yes</td><td>LIKELY: reviewed (re-keyed with
 *       {@code autoApplyLikelyMatches} to an unlinked account or in a migration); for staff in a
 *       migration, email and surname agreeing is CERTAIN (EMAIL_AND_SURNAME)</td></tr>
 *   <tr><td>NAME_DOB</td><td>yes</td><td>yes</td><td>yes</td><td>POSSIBLE: reviewed</td></tr>
 *   <tr><td>NAME_YEAR</td><td>yes</td><td>-</td><td>-</td><td>POSSIBLE: reviewed</td></tr>
 * </table>
 *
 * <p>A key several people of a type share (a UPN, a staff email: see {@code DuplicateKeys} in
 * {@code PlanRun}) never re-keys anyone. Name keys compare like with like: the account's legal name
 * with the person's legal name, or, for an account holding only the shown name (legal name fields
 * not managed), its shown name with the name the person would be shown under the policy. Proved by
 * {@code PlannerTest}, {@code SafeguardingReviewTest}, {@code RulebookBehaviourTest} and {@code
 * RulebookProperties.nameTiersFindPeopleWhosePreferredNameDiffersFromTheirLegalName}.
 */
final class Correlators {
  private final SyncPolicy policy;
  private final FieldRules fields;

  Correlators(SyncPolicy policy, FieldRules fields) {
    this.policy = policy;
    this.fields = fields;
  }

  static final MatchTier[] TIER_ORDER = {
    MatchTier.UPN,
    MatchTier.FORMER_UPN,
    MatchTier.NAME_AND_LINKED_STUDENT,
    MatchTier.EMAIL,
    MatchTier.NAME_DOB,
    MatchTier.NAME_YEAR
  };

  static MatchConfidence confidence(MatchTier t) {
    switch (t) {
      case UPN:
      case FORMER_UPN:
      case NAME_AND_LINKED_STUDENT:
        return MatchConfidence.CERTAIN;
      case EMAIL:
        return MatchConfidence.LIKELY;
      default:
        return MatchConfidence.POSSIBLE;
    }
  }

  /**
   * The account side of a name key: its legal name when the account holds one (legal name fields
   * managed), prefixed {@code L|}, else the name it shows, prefixed {@code S|}. The person side
   * ({@link #personNameKey}) is built from the same kind of name, so that a person whose preferred
   * name differs from their legal name still matches an account that holds only the preferred one
   * (issue 13, item 8: the account side used the shown name while the person side used the legal
   * one, and name tiers missed such people).
   */
  static String accountNameKey(Account a) {
    Optional<String> lf = a.field(AccountField.LEGAL_FORENAME);
    Optional<String> ls = a.field(AccountField.LEGAL_SURNAME);
    if (lf.isPresent() || ls.isPresent()) {
      String f = lf.or(() -> a.field(AccountField.FORENAME)).orElse("");
      String s = ls.or(() -> a.field(AccountField.SURNAME)).orElse("");
      return "L|" + MatchKeys.name(f) + "|" + MatchKeys.name(s);
    }
    return "S|"
        + MatchKeys.name(a.field(AccountField.FORENAME).orElse(""))
        + "|"
        + MatchKeys.name(a.field(AccountField.SURNAME).orElse(""));
  }

  /** The person's name key against accounts holding a legal name, or only a shown one. */
  String personNameKey(Person p, boolean legal) {
    if (legal) {
      return "L|"
          + MatchKeys.name(p.legalForename().orElse(p.forename()))
          + "|"
          + MatchKeys.name(p.legalSurname().orElse(p.surname()));
    }
    String f = fields.desired(p, AccountField.FORENAME);
    String s = fields.desired(p, AccountField.SURNAME);
    return "S|" + MatchKeys.name(f == null ? "" : f) + "|" + MatchKeys.name(s == null ? "" : s);
  }

  @Nullable String personKey(Person p, MatchTier t, boolean legal) {
    switch (t) {
      case UPN:
        return p instanceof Student s ? s.upn().orElse(null) : null;
      case FORMER_UPN:
        return p instanceof Student s ? s.formerUpn().orElse(null) : null;
      case EMAIL:
        return p.emailKey().orElse(null);
      case NAME_DOB:
        return p.dateOfBirth().map(d -> personNameKey(p, legal) + "|" + d).orElse(null);
      case NAME_YEAR:
        return p instanceof Student s
            ? s.yearGroup()
                .map(y -> personNameKey(p, legal) + "|" + policy.yearGroups().map(y))
                .orElse(null)
            : null;
      default:
        return null;
    }
  }

  static @Nullable String accountKey(Account a, MatchTier t) {
    switch (t) {
      case UPN:
      case FORMER_UPN:
        return a.field(AccountField.UPN)
            .map(u -> u.toUpperCase(java.util.Locale.ROOT))
            .orElse(null);
      case EMAIL:
        return a.field(AccountField.EMAIL)
            .map(e -> e.toLowerCase(java.util.Locale.ROOT))
            .orElse(null);
      case NAME_DOB:
        return a.field(AccountField.DATE_OF_BIRTH)
            .map(d -> accountNameKey(a) + "|" + d)
            .orElse(null);
      case NAME_YEAR:
        return a.field(AccountField.YEAR_GROUP).map(y -> accountNameKey(a) + "|" + y).orElse(null);
      default:
        return null;
    }
  }

  /** True when a surname of the person (legal or shown) is a surname the account holds. */
  static boolean surnameAgrees(Person p, Account a) {
    Set<String> mine = new HashSet<>(2);
    mine.add(MatchKeys.name(p.surname()));
    p.legalSurname().ifPresent(x -> mine.add(MatchKeys.name(x)));
    Optional<String> shown = a.field(AccountField.SURNAME);
    Optional<String> legal = a.field(AccountField.LEGAL_SURNAME);
    return (shown.isPresent() && mine.contains(MatchKeys.name(shown.get())))
        || (legal.isPresent() && mine.contains(MatchKeys.name(legal.get())));
  }
}
