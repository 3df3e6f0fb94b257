package io.missync.core.credentials;

import io.missync.core.EntityType;
import io.missync.core.MissyncException;
import io.missync.core.model.Person;
import io.missync.core.model.Student;
import io.missync.core.spi.CredentialPolicy;
import io.missync.core.spi.PasswordGenerator;
import io.missync.core.spi.UsernameGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CredentialPolicy} that maps cohorts to username templates and password generators. Rules
 * are tried in the order they were added; the first whose cohort matches the person wins, else the
 * defaults apply.
 *
 * <pre>{@code
 * CredentialPolicy policy = CohortCredentialPolicy.builder()
 *     .defaults(UsernameTemplate.initialSurname(), PasswordGenerators.randomText(10))
 *     .studentsInYears(0, 2, UsernameTemplate.forenameSurnameInitial(), PasswordGenerators.picturePin(2))
 *     .studentsInYears(3, 6, UsernameTemplate.forenameSurnameInitial(), PasswordGenerators.passphrase(2, "-", true))
 *     .role(EntityType.STAFF, UsernameTemplate.email(), PasswordGenerators.randomText(14))
 *     .build();
 * }</pre>
 *
 * <p>Year groups are read from the MIS label ({@code "Reception"}, {@code "R"}, {@code "Y6"},
 * {@code "Year 6"}, {@code "6"}): Reception is year 0 and Nursery year -1.
 */
public final class CohortCredentialPolicy implements CredentialPolicy {
  private final List<Rule> rules;
  private final UsernameGenerator defaultUsernames;
  private final PasswordGenerator defaultPasswords;
  private final Map<String, PasswordGenerator> byId;

  private CohortCredentialPolicy(Builder b) {
    if (b.defaultUsernames == null || b.defaultPasswords == null) {
      throw new IllegalStateException("CohortCredentialPolicy needs defaults");
    }
    this.rules = List.copyOf(b.rules);
    this.defaultUsernames = b.defaultUsernames;
    this.defaultPasswords = b.defaultPasswords;
    Map<String, PasswordGenerator> ids = new LinkedHashMap<>();
    register(ids, defaultPasswords);
    for (Rule r : rules) {
      register(ids, r.passwords);
    }
    this.byId = Map.copyOf(ids);
  }

  private static void register(Map<String, PasswordGenerator> ids, PasswordGenerator g) {
    PasswordGenerator prior = ids.putIfAbsent(g.policyId(), g);
    if (prior != null && prior != g) {
      throw new IllegalArgumentException(
          "two different password generators share the policy id " + g.policyId());
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  private Rule ruleFor(Person person) {
    for (Rule r : rules) {
      if (r.cohort.test(person)) {
        return r;
      }
    }
    return new Rule(p -> true, defaultUsernames, defaultPasswords);
  }

  @Override
  public UsernameGenerator usernames(Person person) {
    return ruleFor(person).usernames;
  }

  @Override
  public String passwordPolicyFor(Person person) {
    return ruleFor(person).passwords.policyId();
  }

  @Override
  public PasswordGenerator passwords(String policyId) {
    PasswordGenerator g = byId.get(policyId);
    if (g == null) {
      throw new MissyncException("unknown password policy '" + policyId + "'");
    }
    return g;
  }

  /**
   * The school year of an MIS year-group label: {@code "Reception"}/{@code "R"}/{@code "YR"} give
   * 0, {@code "Nursery"}/{@code "N"} give -1, labels with a number ({@code "Y6"}, {@code "Year 6"},
   * {@code "Yr6"}, {@code "6"}) or a number word up to thirteen ({@code "Year Six"}) give it.
   */
  public static OptionalInt schoolYear(@Nullable String label) {
    if (label == null) {
      return OptionalInt.empty();
    }
    String s = label.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (s.equals("r") || s.equals("yr") || s.equals("rec") || s.equals("reception")) {
      return OptionalInt.of(0);
    }
    if (s.equals("n") || s.equals("nursery") || s.startsWith("nursery") || s.equals("fs1")) {
      return OptionalInt.of(-1);
    }
    if (s.equals("fs2")) {
      return OptionalInt.of(0);
    }
    String rest = s.replaceFirst("^(year|yr|y)", "");
    if (!rest.isEmpty() && rest.chars().allMatch(Character::isDigit) && rest.length() <= 2) {
      return OptionalInt.of(Integer.parseInt(rest));
    }
    for (int i = 0; i < NUMBER_WORDS.length; i++) {
      if (rest.equals(NUMBER_WORDS[i])) {
        return OptionalInt.of(i + 1);
      }
    }
    return OptionalInt.empty();
  }

  private static final String[] NUMBER_WORDS = {
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen"
  };

  private static final class Rule {
    final Predicate<Person> cohort;
    final UsernameGenerator usernames;
    final PasswordGenerator passwords;

    Rule(Predicate<Person> cohort, UsernameGenerator usernames, PasswordGenerator passwords) {
      this.cohort = cohort;
      this.usernames = usernames;
      this.passwords = passwords;
    }
  }

  /** Builds a {@link CohortCredentialPolicy}. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();
    private @Nullable UsernameGenerator defaultUsernames;
    private @Nullable PasswordGenerator defaultPasswords;

    private Builder() {}

    /** The username template and password generator for anyone no rule matches. */
    public Builder defaults(UsernameGenerator usernames, PasswordGenerator passwords) {
      this.defaultUsernames = usernames;
      this.defaultPasswords = passwords;
      return this;
    }

    /** A rule for every person of a type (STUDENT, STAFF or CONTACT). */
    public Builder role(EntityType type, UsernameGenerator usernames, PasswordGenerator passwords) {
      if (!type.isPerson()) {
        throw new IllegalArgumentException("a cohort role must be a person type");
      }
      return cohort(p -> p.entityType() == type, usernames, passwords);
    }

    /** A rule for students whose school year is in {@code [fromYear, toYear]} (Reception is 0). */
    public Builder studentsInYears(
        int fromYear, int toYear, UsernameGenerator usernames, PasswordGenerator passwords) {
      return cohort(
          p -> {
            if (!(p instanceof Student s)) {
              return false;
            }
            OptionalInt y = schoolYear(s.yearGroup().orElse(null));
            return y.isPresent() && y.getAsInt() >= fromYear && y.getAsInt() <= toYear;
          },
          usernames,
          passwords);
    }

    /** A rule for any cohort the predicate describes. */
    public Builder cohort(
        Predicate<Person> cohort, UsernameGenerator usernames, PasswordGenerator passwords) {
      rules.add(new Rule(cohort, usernames, passwords));
      return this;
    }

    public CohortCredentialPolicy build() {
      return new CohortCredentialPolicy(this);
    }
  }
}
