package io.missync.csv.internal;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.DuplicateIdException;
import io.missync.core.model.Gender;
import io.missync.core.model.Group;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.InvalidRecordException;
import io.missync.core.model.MatchKeys;
import io.missync.core.model.Membership;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.Person;
import io.missync.core.model.PersonRef;
import io.missync.core.model.SourceInfo;
import io.missync.csv.CsvProblem.Kind;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Collects records into a snapshot builder, turning the model's exceptions into located problems: a
 * record that breaks a rule is an error (row dropped), a repeated id an error naming the id.
 */
public final class Assembly {
  private static final Pattern UPN = Pattern.compile("[A-Za-z][0-9]{11}[0-9A-Za-z]");

  final MisSnapshot.Builder builder;
  final Problems problems;

  private final Map<EntityType, Completeness> completeness = new EnumMap<>(EntityType.class);

  public Assembly(MisSnapshot.Builder builder, Problems problems) {
    this.builder = builder;
    this.problems = problems;
  }

  public static Assembly fresh(SourceInfo source, Problems problems) {
    return new Assembly(MisSnapshot.builder(source), problems);
  }

  /** Adds a person built by {@code build}; a broken rule or a repeated id drops the row. */
  public boolean addPerson(Table t, int idCol, Supplier<? extends Person> build) {
    return addPerson(t, idCol, true, build);
  }

  /**
   * As {@link #addPerson(Table, int, Supplier)}; {@code quoteId} false keeps the id out of the
   * message, for ids that are personal data (a username or email standing in for an id).
   */
  public boolean addPerson(Table t, int idCol, boolean quoteId, Supplier<? extends Person> build) {
    Person p;
    try {
      p = build.get();
    } catch (InvalidRecordException e) {
      t.error(Kind.INVALID_VALUE, -1, e.getMessage() + "; row not imported");
      return false;
    }
    try {
      builder.add(p);
    } catch (DuplicateIdException e) {
      t.error(
          Kind.DUPLICATE_ID,
          idCol,
          (quoteId ? "id '" + p.id() + "'" : "this " + t.column(idCol))
              + " is used by an earlier row; this row not imported");
      return false;
    }
    return true;
  }

  public boolean addGroup(Table t, int idCol, Supplier<Group> build) {
    Group g;
    try {
      g = build.get();
    } catch (InvalidRecordException e) {
      t.error(Kind.INVALID_VALUE, -1, e.getMessage() + "; row not imported");
      return false;
    }
    try {
      builder.addGroup(g);
    } catch (DuplicateIdException e) {
      t.error(
          Kind.DUPLICATE_ID,
          idCol,
          "id '" + g.id() + "' is used by an earlier row; this row not imported");
      return false;
    }
    return true;
  }

  public @Nullable Membership membership(Table t, Supplier<Membership> build) {
    try {
      return build.get();
    } catch (InvalidRecordException e) {
      t.error(Kind.INVALID_VALUE, -1, e.getMessage() + "; row not imported");
      return null;
    }
  }

  public @Nullable GuardianLink link(Table t, Supplier<GuardianLink> build) {
    try {
      return build.get();
    } catch (InvalidRecordException e) {
      t.error(Kind.INVALID_VALUE, -1, e.getMessage() + "; row not imported");
      return null;
    }
  }

  public MisSnapshot.Builder builder() {
    return builder;
  }

  public Problems problems() {
    return problems;
  }

  /**
   * The user with this id read so far (its canonical id and type), or null, for formats whose users
   * share one id space (OneRoster, SDS v2.1). The builder remembers the person found, so a
   * membership added next that names this id is not looked up again.
   */
  @Nullable Known user(String id) {
    PersonRef r = builder.findRef(id).orElse(null);
    return r == null ? null : new Known(r.id(), r.type());
  }

  /** Declares a type's completeness; COMPLETE is downgraded to PARTIAL if a row was rejected. */
  public void completeness(EntityType type, Completeness c) {
    completeness.put(type, c);
  }

  public @Nullable Completeness declared(EntityType type) {
    return completeness.get(type);
  }

  /** Applies the declared completeness (downgraded where rows were rejected) and builds. */
  public MisSnapshot build() {
    for (Map.Entry<EntityType, Completeness> e : completeness.entrySet()) {
      Completeness c = e.getValue();
      if (c == Completeness.COMPLETE && problems.rejected(e.getKey())) {
        c = Completeness.PARTIAL;
        problems.warn(
            Kind.STATUS,
            "",
            0,
            null,
            e.getKey(),
            e.getKey().name().toLowerCase(Locale.ROOT)
                + ": rows were rejected, so this type is marked PARTIAL (no one will be treated as"
                + " a leaver until the export is fixed)");
      }
      builder.completeness(e.getKey(), c);
    }
    return builder.build();
  }

  /**
   * A display name for a person whose row has no name (names are optional in SDS): the username,
   * else the email, as the preferred forename, with a warning that never quotes it. Returns false
   * (nothing set) when the row has a name, or has neither a username nor an email.
   */
  public static boolean fallbackName(
      Table t,
      int firstCol,
      int lastCol,
      Person.Builder<?, ?> b,
      @Nullable String username,
      @Nullable String email) {
    if (!t.get(firstCol).isEmpty() || !t.get(lastCol).isEmpty()) {
      return false;
    }
    String mail = email != null && MatchKeys.isEmailAddress(email) ? email : null;
    String name = username != null ? username : mail;
    if (name == null) {
      return false;
    }
    b.preferredName(name, null);
    t.warn(
        Kind.MISSING_VALUE,
        firstCol,
        "no first or last name: imported with the "
            + (username != null ? "username" : "email")
            + " as the display name");
    return true;
  }

  // ---- value checks: a bad optional value is a warning and the value is dropped ----

  public static @Nullable String email(Table t, int c) {
    String s = t.get(c);
    if (s.isEmpty()) {
      return null;
    }
    if (!MatchKeys.isEmailAddress(s)) {
      t.warn(Kind.INVALID_VALUE, c, "not an email address; value dropped");
      return null;
    }
    return s;
  }

  public static @Nullable String upn(Table t, int c) {
    String s = t.get(c);
    if (s.isEmpty()) {
      return null;
    }
    if (!UPN.matcher(s).matches()) {
      t.warn(
          Kind.INVALID_VALUE,
          c,
          "not a UPN (a letter, 11 digits, then a digit or letter); value dropped");
      return null;
    }
    return s;
  }

  public static @Nullable Gender gender(Table t, int c) {
    String s = t.get(c);
    if (s.isEmpty()) {
      return null;
    }
    return gender(s);
  }

  public static Gender gender(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "male":
      case "m":
      case "boy":
        return Gender.MALE;
      case "female":
      case "f":
      case "girl":
        return Gender.FEMALE;
      case "other":
      case "x":
        return Gender.OTHER;
      case "unspecified":
      case "not stated":
      case "notstated":
      case "u":
        return Gender.NOT_STATED;
      default:
        return Gender.of(s);
    }
  }

  /** The wire word for a gender in OneRoster and SDS. */
  public static String genderWord(Gender g) {
    if (g.equals(Gender.MALE)) {
      return "male";
    }
    if (g.equals(Gender.FEMALE)) {
      return "female";
    }
    if (g.equals(Gender.OTHER)) {
      return "other";
    }
    if (g.equals(Gender.NOT_STATED)) {
      return "unspecified";
    }
    return g.value();
  }

  /**
   * Gives {@code to} the identity of {@code from}, the same person's record in another role (a
   * member of staff who is also a contact): id, MIS id, names, email, gender, date of birth and
   * attributes, except the staff {@code role} attribute, which belongs to one role only.
   */
  static void copyIdentity(Person from, Person.Builder<?, ?> to) {
    to.id(from.id())
        .misId(from.misId().orElse(null))
        .legalName(from.legalForename().orElse(null), from.legalSurname().orElse(null))
        .middleNames(from.middleNames().orElse(null))
        .preferredName(from.preferredForename().orElse(null), from.preferredSurname().orElse(null))
        .email(from.email().orElse(null))
        .gender(from.gender().orElse(null))
        .dateOfBirth(from.dateOfBirth().orElse(null));
    for (Map.Entry<String, String> e : from.attributes().entrySet()) {
      if (!e.getKey().equals("role")) {
        to.attribute(e.getKey(), e.getValue());
      }
    }
  }
}
