package io.missync.core.model;

import io.missync.core.EntityType;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A person's membership of a group, with a role and optional effective dates.
 *
 * <p>Compact by design (a district holds millions): the person is held as its type and id, and
 * dates as epoch days. Rules: ids are non-blank; the person type is a person type; the effective
 * end is not before the start. Two memberships are the same when group, person and role match.
 */
public final class Membership {
  private final String groupId;
  private final EntityType personType;
  private final String personId;
  private final MembershipRole role;
  private final int effectiveFrom;
  private final int effectiveTo;

  private Membership(
      String groupId,
      PersonRef person,
      MembershipRole role,
      @Nullable LocalDate from,
      @Nullable LocalDate to) {
    this(
        Checks.id("Membership", "groupId", groupId),
        person.type(),
        person.id(),
        role,
        Checks.epochDay(from),
        Checks.epochDay(to));
    Checks.notBefore("Membership", "effectiveTo", effectiveTo, "effectiveFrom", effectiveFrom);
  }

  private Membership(
      String groupId,
      EntityType personType,
      String personId,
      MembershipRole role,
      int effectiveFrom,
      int effectiveTo) {
    this.groupId = groupId;
    this.personType = personType;
    this.personId = personId;
    this.role = role;
    this.effectiveFrom = effectiveFrom;
    this.effectiveTo = effectiveTo;
  }

  /** A membership from parts a membership already checked (a snapshot's compact columns). */
  static Membership ofChecked(
      String groupId,
      EntityType personType,
      String personId,
      MembershipRole role,
      int effectiveFrom,
      int effectiveTo) {
    return new Membership(groupId, personType, personId, role, effectiveFrom, effectiveTo);
  }

  /** The effective start as an epoch day, or {@link Checks#NO_DATE}. */
  int fromDay() {
    return effectiveFrom;
  }

  /** The effective end as an epoch day, or {@link Checks#NO_DATE}. */
  int toDay() {
    return effectiveTo;
  }

  /** A membership in effect for as long as the snapshot says. */
  public static Membership of(String groupId, PersonRef person, MembershipRole role) {
    return new Membership(groupId, person, role, null, null);
  }

  /** A membership with effective dates (either may be null for open-ended). */
  public static Membership of(
      String groupId,
      PersonRef person,
      MembershipRole role,
      @Nullable LocalDate effectiveFrom,
      @Nullable LocalDate effectiveTo) {
    return new Membership(groupId, person, role, effectiveFrom, effectiveTo);
  }

  public String groupId() {
    return groupId;
  }

  public PersonRef person() {
    return new PersonRef(personType, personId);
  }

  public EntityType personType() {
    return personType;
  }

  public String personId() {
    return personId;
  }

  public MembershipRole role() {
    return role;
  }

  public Optional<LocalDate> effectiveFrom() {
    return Checks.date(effectiveFrom);
  }

  public Optional<LocalDate> effectiveTo() {
    return Checks.date(effectiveTo);
  }

  /** True when the membership is in effect on the given day (no dates means always). */
  public boolean isEffectiveOn(LocalDate day) {
    return Checks.inRange(effectiveFrom, effectiveTo, day);
  }

  /** The identity of this membership: group, person and role, ignoring dates. */
  public String key() {
    return groupId + "|" + personType.ordinal() + "|" + personId + "|" + role.ordinal();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Membership m
        && groupId.equals(m.groupId)
        && personType == m.personType
        && personId.equals(m.personId)
        && role == m.role
        && effectiveFrom == m.effectiveFrom
        && effectiveTo == m.effectiveTo;
  }

  @Override
  public int hashCode() {
    return Objects.hash(groupId, personId, role);
  }

  @Override
  public String toString() {
    return "Membership[" + groupId + " <- " + person() + " as " + role + "]";
  }
}
