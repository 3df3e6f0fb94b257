package io.missync.core.model;

import io.missync.core.EntityType;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A person the MIS knows: a {@link Student}, a {@link StaffMember} or a {@link Contact}.
 *
 * <p>Identity: {@link #id()} is the source's primary key (the Wonde id, or the CSV's sourcedId) and
 * is unique per entity type within a snapshot. {@link #misId()} and {@link #upi()} are secondary
 * source keys kept for re-matching. Names: the legal names and, where the MIS has them, preferred
 * names; {@link #forename()} and {@link #surname()} give the preferred name where present.
 *
 * <p>Instances are immutable and compact: optional fields are plain nullable fields read through
 * {@link Optional}-returning getters, and dates are held as epoch days.
 */
public abstract sealed class Person permits Student, StaffMember, Contact {
  private final String id;
  private final @Nullable String misId;
  private final @Nullable String upi;
  private final @Nullable String title;
  private final @Nullable String legalForename;
  private final @Nullable String legalSurname;
  private final @Nullable String preferredForename;
  private final @Nullable String preferredSurname;
  private final @Nullable String middleNames;
  private final @Nullable Gender gender;
  private final int dateOfBirth;
  private final @Nullable String email;
  private final Map<String, String> attributes;

  Person(Builder<?, ?> b) {
    String type = getClass().getSimpleName();
    this.id = Checks.id(type, "id", b.id);
    this.misId = Checks.trimToNull(b.misId);
    this.upi = Checks.trimToNull(b.upi);
    this.title = Checks.trimToNull(b.title);
    this.legalForename = Checks.trimToNull(b.legalForename);
    this.legalSurname = Checks.trimToNull(b.legalSurname);
    this.preferredForename = Checks.trimToNull(b.preferredForename);
    this.preferredSurname = Checks.trimToNull(b.preferredSurname);
    this.middleNames = Checks.trimToNull(b.middleNames);
    if (legalForename == null
        && legalSurname == null
        && preferredForename == null
        && preferredSurname == null) {
      throw new InvalidRecordException(type, "name", "needs at least one forename or surname");
    }
    this.gender = b.gender;
    this.dateOfBirth = Checks.epochDay(b.dateOfBirth);
    this.email = Checks.email(type, "email", b.email);
    Map<String, String> attrs = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : b.attributes.entrySet()) {
      String k = Checks.trimToNull(e.getKey());
      if (k == null) {
        throw new InvalidRecordException(type, "attributes", "keys must not be blank");
      }
      String v = Checks.trimToNull(e.getValue());
      if (v != null) {
        attrs.put(k, v);
      }
    }
    this.attributes = attrs.isEmpty() ? Map.of() : Map.copyOf(attrs);
  }

  /** Which kind of person this is. */
  public abstract EntityType entityType();

  /** This person's reference: entity type plus id. */
  public final PersonRef ref() {
    return new PersonRef(entityType(), id);
  }

  /** The source's primary key (Wonde id or CSV sourcedId); unique per entity type. */
  public final String id() {
    return id;
  }

  /** The MIS's own id, where the source exposes it. */
  public final Optional<String> misId() {
    return Optional.ofNullable(misId);
  }

  /** Wonde's unique person identifier; shared by one person's contact and staff records. */
  public final Optional<String> upi() {
    return Optional.ofNullable(upi);
  }

  public final Optional<String> title() {
    return Optional.ofNullable(title);
  }

  public final Optional<String> legalForename() {
    return Optional.ofNullable(legalForename);
  }

  public final Optional<String> legalSurname() {
    return Optional.ofNullable(legalSurname);
  }

  public final Optional<String> preferredForename() {
    return Optional.ofNullable(preferredForename);
  }

  public final Optional<String> preferredSurname() {
    return Optional.ofNullable(preferredSurname);
  }

  public final Optional<String> middleNames() {
    return Optional.ofNullable(middleNames);
  }

  /** The preferred forename where present, else the legal one, else the empty string. */
  public final String forename() {
    if (preferredForename != null) {
      return preferredForename;
    }
    return legalForename != null ? legalForename : "";
  }

  /** The preferred surname where present, else the legal one, else the empty string. */
  public final String surname() {
    if (preferredSurname != null) {
      return preferredSurname;
    }
    return legalSurname != null ? legalSurname : "";
  }

  public final Optional<Gender> gender() {
    return Optional.ofNullable(gender);
  }

  public final Optional<LocalDate> dateOfBirth() {
    return Checks.date(dateOfBirth);
  }

  /** The person's email as the MIS holds it (case kept). */
  public final Optional<String> email() {
    return Optional.ofNullable(email);
  }

  /**
   * Further facts from the source that the model does not name (pupil premium, SEND, EAL, ethnicity
   * code, ...). Never null; keys and values are trimmed and non-blank.
   */
  public final Map<String, String> attributes() {
    return attributes;
  }

  /**
   * The matching key for name + date of birth: lower-cased legal (else preferred) forename and
   * surname with the date, or empty when the date of birth is unknown.
   */
  public final Optional<String> nameDobKey() {
    if (dateOfBirth == Checks.NO_DATE) {
      return Optional.empty();
    }
    String f = legalForename != null ? legalForename : forename();
    String s = legalSurname != null ? legalSurname : surname();
    return Optional.of(
        MatchKeys.name(f) + "|" + MatchKeys.name(s) + "|" + LocalDate.ofEpochDay(dateOfBirth));
  }

  /** The email lower-cased for matching, if any. */
  public final Optional<String> emailKey() {
    return email == null ? Optional.empty() : Optional.of(email.toLowerCase(Locale.ROOT));
  }

  /** Shows the type and id only: a person's name and details never reach a log by accident. */
  @Override
  public String toString() {
    return getClass().getSimpleName() + "[id=" + id + "]";
  }

  /** Field-by-field equality over every property. */
  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    Person p = (Person) o;
    return id.equals(p.id)
        && java.util.Objects.equals(misId, p.misId)
        && java.util.Objects.equals(upi, p.upi)
        && java.util.Objects.equals(title, p.title)
        && java.util.Objects.equals(legalForename, p.legalForename)
        && java.util.Objects.equals(legalSurname, p.legalSurname)
        && java.util.Objects.equals(preferredForename, p.preferredForename)
        && java.util.Objects.equals(preferredSurname, p.preferredSurname)
        && java.util.Objects.equals(middleNames, p.middleNames)
        && java.util.Objects.equals(gender, p.gender)
        && dateOfBirth == p.dateOfBirth
        && java.util.Objects.equals(email, p.email)
        && attributes.equals(p.attributes);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(id, misId, upi, legalForename, legalSurname, dateOfBirth);
  }

  /** A builder shared by the three kinds of person. */
  public abstract static class Builder<P extends Person, B extends Builder<P, B>> {
    @Nullable String id;
    @Nullable String misId;
    @Nullable String upi;
    @Nullable String title;
    @Nullable String legalForename;
    @Nullable String legalSurname;
    @Nullable String preferredForename;
    @Nullable String preferredSurname;
    @Nullable String middleNames;
    @Nullable Gender gender;
    @Nullable LocalDate dateOfBirth;
    @Nullable String email;
    final Map<String, String> attributes = new LinkedHashMap<>();

    Builder() {}

    Builder(Person p) {
      id = p.id;
      misId = p.misId;
      upi = p.upi;
      title = p.title;
      legalForename = p.legalForename;
      legalSurname = p.legalSurname;
      preferredForename = p.preferredForename;
      preferredSurname = p.preferredSurname;
      middleNames = p.middleNames;
      gender = p.gender;
      dateOfBirth = p.dateOfBirth().orElse(null);
      email = p.email;
      attributes.putAll(p.attributes);
    }

    abstract B self();

    /** Builds and validates; throws {@link InvalidRecordException} naming the broken rule. */
    public abstract P build();

    public B id(String id) {
      this.id = id;
      return self();
    }

    public B misId(@Nullable String misId) {
      this.misId = misId;
      return self();
    }

    public B upi(@Nullable String upi) {
      this.upi = upi;
      return self();
    }

    public B title(@Nullable String title) {
      this.title = title;
      return self();
    }

    /** Sets the legal forename and surname. */
    public B legalName(@Nullable String forename, @Nullable String surname) {
      this.legalForename = forename;
      this.legalSurname = surname;
      return self();
    }

    /** Sets the preferred forename and surname (either may be null: the legal one then shows). */
    public B preferredName(@Nullable String forename, @Nullable String surname) {
      this.preferredForename = forename;
      this.preferredSurname = surname;
      return self();
    }

    public B middleNames(@Nullable String middleNames) {
      this.middleNames = middleNames;
      return self();
    }

    public B gender(@Nullable Gender gender) {
      this.gender = gender;
      return self();
    }

    public B dateOfBirth(@Nullable LocalDate dateOfBirth) {
      this.dateOfBirth = dateOfBirth;
      return self();
    }

    public B email(@Nullable String email) {
      this.email = email;
      return self();
    }

    /** Adds one source attribute; a blank value removes the key. */
    public B attribute(String key, @Nullable String value) {
      if (value == null || value.isBlank()) {
        attributes.remove(key);
      } else {
        attributes.put(key, value);
      }
      return self();
    }
  }
}
