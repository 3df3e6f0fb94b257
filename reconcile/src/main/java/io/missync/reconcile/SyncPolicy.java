package io.missync.reconcile;

import io.missync.core.EntityType;
import io.missync.core.model.GroupKind;
import io.missync.core.state.AccountField;
import java.time.Period;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a sync does, as an immutable value: which people and groups are synced, who gets an account,
 * what makes a leaver and what happens to one, how names, year groups and renames are handled,
 * which fields the planner manages, and how existing accounts are matched. Build one with {@link
 * #builder()}; {@link #defaults()} is the safe default.
 *
 * <p>Defaults: students, staff and contacts, and every group kind, are synced. A contact gets an
 * account when it holds parental responsibility for at least one active student (any priority,
 * email not required). Leavers are people missing from a snapshot complete for their type, students
 * whose leaving date has passed, and staff whose employment end date has passed (at the end of that
 * day; {@link Dismissal#SAME_DAY} on the day itself); they are deactivated, never deleted (no
 * hard-delete grace period is set). Re-joiners are reactivated under their old account. Year labels
 * are mapped by {@link YearGroupLabels#defaults()}. Preferred names are shown; a rename keeps the
 * username. Every field but {@link AccountField#USERNAME} is managed; none is product-owned.
 * Memberships and groups not yet effective on the planning day are not applied, and pupils get an
 * account from their admission date. All match tiers are enabled; email (LIKELY) matches become
 * review items rather than being applied. The school's calendar day is taken in {@link
 * #DEFAULT_SCHOOL_ZONE} (Europe/London).
 */
public final class SyncPolicy {
  /** The default {@link #schoolZone()}: Europe/London (GMT in winter, BST in summer). */
  public static final ZoneId DEFAULT_SCHOOL_ZONE = ZoneId.of("Europe/London");

  private static final SyncPolicy DEFAULTS = builder().build();

  /** What happens to a leaver who is back in the source. */
  public enum RejoinerAction {
    /** Reactivate the old account (same username, same credentials). */
    REACTIVATE,
    /** Leave the account deactivated and raise a review item. */
    REVIEW
  }

  /** Which names fill the account's forename and surname fields. */
  public enum NameSource {
    /** The preferred name where the MIS has one, else the legal name. */
    PREFERRED,
    /** Always the legal name. */
    LEGAL
  }

  /** What a change of name does to the username. */
  public enum RenameAction {
    /** The username stays as it was issued. */
    KEEP_USERNAME,
    /** A new username is generated from the new name by the cohort's template. */
    REGENERATE_USERNAME
  }

  /** When a member of staff whose employment ends loses access. */
  public enum Dismissal {
    /** At the end of the employment end date: they keep access that day (the default). */
    END_OF_DAY,
    /**
     * On the employment end date itself: a same-day dismissal loses access in the first run of the
     * day.
     */
    SAME_DAY
  }

  /** When a pupil on roll with an admission date still to come gets an account. */
  public enum Admission {
    /**
     * On the admission date: until then the pupil is not created (nor a re-joiner reactivated), and
     * their contacts get no account through them (the default).
     */
    ON_ADMISSION_DATE,
    /** At once, whatever the admission date (the behaviour before admission dates were read). */
    AT_ONCE
  }

  /** The tiers used to match an MIS person to an existing account without a link to them. */
  public enum MatchTier {
    /** Student UPN equals the account's UPN (CERTAIN). */
    UPN,
    /** Student former UPN equals the account's UPN (CERTAIN). */
    FORMER_UPN,
    /**
     * Contact name equals the account's, and the contact is linked to a student whose account the
     * candidate is already linked to in the product (CERTAIN).
     */
    NAME_AND_LINKED_STUDENT,
    /** Email equals the account's email, ignoring case (LIKELY). */
    EMAIL,
    /** Legal name and date of birth (POSSIBLE: always reviewed). */
    NAME_DOB,
    /** Name and year group (POSSIBLE: always reviewed). */
    NAME_YEAR
  }

  private final Set<EntityType> people;
  private final Set<GroupKind> groupKinds;
  private final boolean contactRequiresParentalResponsibility;
  private final int contactMaxPriority;
  private final boolean contactRequiresEmail;
  private final boolean leavingDateMakesLeaver;
  private final boolean employmentEndMakesLeaver;
  private final Map<EntityType, Period> hardDeleteAfter;
  private final RejoinerAction rejoiners;
  private final YearGroupLabels yearGroups;
  private final NameSource names;
  private final RenameAction renames;
  private final Set<AccountField> managedFields;
  private final Set<AccountField> productOwnedFields;
  private final boolean respectEffectiveDates;
  private final Set<MatchTier> matchTiers;
  private final boolean autoApplyLikelyMatches;
  private final ZoneId schoolZone;
  private final Dismissal dismissals;
  private final Admission admissions;

  private SyncPolicy(Builder b) {
    this.people = immutableEnumSet(b.people, EntityType.class);
    for (EntityType t : people) {
      if (!t.isPerson()) {
        throw new IllegalArgumentException("only person types can be synced as people: " + t);
      }
    }
    if (people.contains(EntityType.CONTACT) && !people.contains(EntityType.STUDENT)) {
      throw new IllegalArgumentException("contacts can only be synced together with students");
    }
    this.groupKinds = immutableEnumSet(b.groupKinds, GroupKind.class);
    this.contactRequiresParentalResponsibility = b.contactRequiresParentalResponsibility;
    this.contactMaxPriority = b.contactMaxPriority;
    this.contactRequiresEmail = b.contactRequiresEmail;
    this.leavingDateMakesLeaver = b.leavingDateMakesLeaver;
    this.employmentEndMakesLeaver = b.employmentEndMakesLeaver;
    this.hardDeleteAfter = Map.copyOf(b.hardDeleteAfter);
    this.rejoiners = b.rejoiners;
    this.yearGroups = b.yearGroups;
    this.names = b.names;
    this.renames = b.renames;
    this.managedFields = immutableEnumSet(b.managedFields, AccountField.class);
    this.productOwnedFields = immutableEnumSet(b.productOwnedFields, AccountField.class);
    this.respectEffectiveDates = b.respectEffectiveDates;
    this.matchTiers = immutableEnumSet(b.matchTiers, MatchTier.class);
    this.autoApplyLikelyMatches = b.autoApplyLikelyMatches;
    this.schoolZone = b.schoolZone;
    this.dismissals = b.dismissals;
    this.admissions = b.admissions;
  }

  private static <E extends Enum<E>> Set<E> immutableEnumSet(Set<E> s, Class<E> type) {
    EnumSet<E> copy = EnumSet.noneOf(type);
    copy.addAll(s);
    return java.util.Collections.unmodifiableSet(copy);
  }

  /** The default policy (see the class description). */
  public static SyncPolicy defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this policy's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.people = EnumSet.copyOf(people);
    b.groupKinds =
        groupKinds.isEmpty() ? EnumSet.noneOf(GroupKind.class) : EnumSet.copyOf(groupKinds);
    b.contactRequiresParentalResponsibility = contactRequiresParentalResponsibility;
    b.contactMaxPriority = contactMaxPriority;
    b.contactRequiresEmail = contactRequiresEmail;
    b.leavingDateMakesLeaver = leavingDateMakesLeaver;
    b.employmentEndMakesLeaver = employmentEndMakesLeaver;
    b.hardDeleteAfter.putAll(hardDeleteAfter);
    b.rejoiners = rejoiners;
    b.yearGroups = yearGroups;
    b.names = names;
    b.renames = renames;
    b.managedFields =
        managedFields.isEmpty()
            ? EnumSet.noneOf(AccountField.class)
            : EnumSet.copyOf(managedFields);
    b.productOwnedFields =
        productOwnedFields.isEmpty()
            ? EnumSet.noneOf(AccountField.class)
            : EnumSet.copyOf(productOwnedFields);
    b.respectEffectiveDates = respectEffectiveDates;
    b.matchTiers =
        matchTiers.isEmpty() ? EnumSet.noneOf(MatchTier.class) : EnumSet.copyOf(matchTiers);
    b.autoApplyLikelyMatches = autoApplyLikelyMatches;
    b.schoolZone = schoolZone;
    b.dismissals = dismissals;
    b.admissions = admissions;
    return b;
  }

  /** True when people of the type get accounts. */
  public boolean syncs(EntityType type) {
    return people.contains(type);
  }

  public Set<EntityType> people() {
    return people;
  }

  /** True when groups of the kind are mirrored. */
  public boolean syncs(GroupKind kind) {
    return groupKinds.contains(kind);
  }

  public Set<GroupKind> groupKinds() {
    return groupKinds;
  }

  public boolean contactRequiresParentalResponsibility() {
    return contactRequiresParentalResponsibility;
  }

  /** The highest contact priority (1 = first contact) that gets an account; empty for any. */
  public OptionalInt contactMaxPriority() {
    return contactMaxPriority == 0 ? OptionalInt.empty() : OptionalInt.of(contactMaxPriority);
  }

  public boolean contactRequiresEmail() {
    return contactRequiresEmail;
  }

  public boolean leavingDateMakesLeaver() {
    return leavingDateMakesLeaver;
  }

  public boolean employmentEndMakesLeaver() {
    return employmentEndMakesLeaver;
  }

  /** When staff lose access on their employment end date ({@link Dismissal#END_OF_DAY}). */
  public Dismissal dismissals() {
    return dismissals;
  }

  /**
   * When pupils get an account, given their admission date ({@link Admission#ON_ADMISSION_DATE}).
   */
  public Admission admissions() {
    return admissions;
  }

  /** How long a deactivated account of the type waits before a hard delete; empty for never. */
  public Optional<Period> hardDeleteAfter(EntityType type) {
    return Optional.ofNullable(hardDeleteAfter.get(type));
  }

  public RejoinerAction rejoiners() {
    return rejoiners;
  }

  public YearGroupLabels yearGroups() {
    return yearGroups;
  }

  public NameSource names() {
    return names;
  }

  public RenameAction renames() {
    return renames;
  }

  /** The fields the planner fills at create time and keeps in step. */
  public Set<AccountField> managedFields() {
    return managedFields;
  }

  /** Managed fields the product owns after creation: set once, never overwritten. */
  public Set<AccountField> productOwnedFields() {
    return productOwnedFields;
  }

  public boolean respectEffectiveDates() {
    return respectEffectiveDates;
  }

  public Set<MatchTier> matchTiers() {
    return matchTiers;
  }

  public boolean autoApplyLikelyMatches() {
    return autoApplyLikelyMatches;
  }

  /**
   * The school's time zone. "Today" (for leaving dates, employment end dates, effective dates, the
   * hard-delete grace period and the date stamped on a deactivation) is the school's calendar day
   * of the clock's instant in this zone; the zone of the {@link java.time.Clock} passed to the
   * planner or the runner is ignored. So a run at 00:30 BST on 1 June (23:30 UTC on 31 May) sees a
   * pupil whose leaving date was 31 May as a leaver, whatever clock the host uses.
   */
  public ZoneId schoolZone() {
    return schoolZone;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SyncPolicy p
        && p.people.equals(people)
        && p.groupKinds.equals(groupKinds)
        && p.contactRequiresParentalResponsibility == contactRequiresParentalResponsibility
        && p.contactMaxPriority == contactMaxPriority
        && p.contactRequiresEmail == contactRequiresEmail
        && p.leavingDateMakesLeaver == leavingDateMakesLeaver
        && p.employmentEndMakesLeaver == employmentEndMakesLeaver
        && p.hardDeleteAfter.equals(hardDeleteAfter)
        && p.rejoiners == rejoiners
        && p.yearGroups.equals(yearGroups)
        && p.names == names
        && p.renames == renames
        && p.managedFields.equals(managedFields)
        && p.productOwnedFields.equals(productOwnedFields)
        && p.respectEffectiveDates == respectEffectiveDates
        && p.matchTiers.equals(matchTiers)
        && p.autoApplyLikelyMatches == autoApplyLikelyMatches
        && p.schoolZone.equals(schoolZone)
        && p.dismissals == dismissals
        && p.admissions == admissions;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(people, groupKinds, rejoiners, names, renames, matchTiers);
  }

  @Override
  public String toString() {
    return "SyncPolicy[people=" + people + ", groups=" + groupKinds + "]";
  }

  /** Builds a {@link SyncPolicy}; every setter has the default described on the class. */
  public static final class Builder {
    private Set<EntityType> people =
        EnumSet.of(EntityType.STUDENT, EntityType.STAFF, EntityType.CONTACT);
    private Set<GroupKind> groupKinds = EnumSet.allOf(GroupKind.class);
    private boolean contactRequiresParentalResponsibility = true;
    private int contactMaxPriority;
    private boolean contactRequiresEmail;
    private boolean leavingDateMakesLeaver = true;
    private boolean employmentEndMakesLeaver = true;
    private final EnumMap<EntityType, Period> hardDeleteAfter = new EnumMap<>(EntityType.class);
    private RejoinerAction rejoiners = RejoinerAction.REACTIVATE;
    private YearGroupLabels yearGroups = YearGroupLabels.defaults();
    private NameSource names = NameSource.PREFERRED;
    private RenameAction renames = RenameAction.KEEP_USERNAME;
    private Set<AccountField> managedFields =
        EnumSet.complementOf(EnumSet.of(AccountField.USERNAME));
    private Set<AccountField> productOwnedFields = EnumSet.noneOf(AccountField.class);
    private boolean respectEffectiveDates = true;
    private Set<MatchTier> matchTiers = EnumSet.allOf(MatchTier.class);
    private boolean autoApplyLikelyMatches;
    private ZoneId schoolZone = DEFAULT_SCHOOL_ZONE;
    private Dismissal dismissals = Dismissal.END_OF_DAY;
    private Admission admissions = Admission.ON_ADMISSION_DATE;

    private Builder() {}

    /** When staff lose access on their employment end date (default end of that day). */
    public Builder dismissals(Dismissal when) {
      this.dismissals = java.util.Objects.requireNonNull(when, "when");
      return this;
    }

    /** When pupils with an admission date still to come get an account (default on that date). */
    public Builder admissions(Admission when) {
      this.admissions = java.util.Objects.requireNonNull(when, "when");
      return this;
    }

    /** The person types that get accounts (contacts need students). */
    public Builder people(EntityType first, EntityType... more) {
      this.people = EnumSet.of(first, more);
      return this;
    }

    /** The group kinds mirrored into the product (none: no groups at all). */
    public Builder groupKinds(Set<GroupKind> kinds) {
      this.groupKinds = kinds.isEmpty() ? EnumSet.noneOf(GroupKind.class) : EnumSet.copyOf(kinds);
      return this;
    }

    public Builder contactRequiresParentalResponsibility(boolean required) {
      this.contactRequiresParentalResponsibility = required;
      return this;
    }

    /** Only contacts with priority 1..{@code max} get accounts (unknown priority counts as 1). */
    public Builder contactMaxPriority(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("contactMaxPriority must be 1 or more");
      }
      this.contactMaxPriority = max;
      return this;
    }

    public Builder anyContactPriority() {
      this.contactMaxPriority = 0;
      return this;
    }

    public Builder contactRequiresEmail(boolean required) {
      this.contactRequiresEmail = required;
      return this;
    }

    public Builder leavingDateMakesLeaver(boolean yes) {
      this.leavingDateMakesLeaver = yes;
      return this;
    }

    public Builder employmentEndMakesLeaver(boolean yes) {
      this.employmentEndMakesLeaver = yes;
      return this;
    }

    /** Hard-deletes deactivated accounts of the type once deactivated for {@code grace}. */
    public Builder hardDeleteAfter(EntityType type, Period grace) {
      if (!type.isPerson()) {
        throw new IllegalArgumentException("grace periods apply to person types");
      }
      if (grace.isNegative()) {
        throw new IllegalArgumentException("a grace period must not be negative");
      }
      hardDeleteAfter.put(type, grace);
      return this;
    }

    /** Never hard-deletes accounts of the type (the default). */
    public Builder neverDelete(EntityType type) {
      hardDeleteAfter.remove(type);
      return this;
    }

    public Builder rejoiners(RejoinerAction action) {
      this.rejoiners = action;
      return this;
    }

    public Builder yearGroups(YearGroupLabels labels) {
      this.yearGroups = labels;
      return this;
    }

    public Builder names(NameSource source) {
      this.names = source;
      return this;
    }

    public Builder renames(RenameAction action) {
      this.renames = action;
      return this;
    }

    /** The fields the planner manages ({@link AccountField#USERNAME} is handled by renames). */
    public Builder managedFields(Set<AccountField> fields) {
      EnumSet<AccountField> f = EnumSet.noneOf(AccountField.class);
      f.addAll(fields);
      f.remove(AccountField.USERNAME);
      this.managedFields = f;
      return this;
    }

    /** Fields set when an account is created and never overwritten afterwards. */
    public Builder productOwnedFields(Set<AccountField> fields) {
      EnumSet<AccountField> f = EnumSet.noneOf(AccountField.class);
      f.addAll(fields);
      this.productOwnedFields = f;
      return this;
    }

    public Builder respectEffectiveDates(boolean respect) {
      this.respectEffectiveDates = respect;
      return this;
    }

    public Builder matchTiers(Set<MatchTier> tiers) {
      EnumSet<MatchTier> t = EnumSet.noneOf(MatchTier.class);
      t.addAll(tiers);
      this.matchTiers = t;
      return this;
    }

    /**
     * Whether email (LIKELY) matches are applied (re-keyed) rather than reviewed: to an account
     * with no MIS link yet (a first sync adopting the product's accounts), and during an MIS
     * migration (announced or detected). Outside such a migration an email match to a leaver's
     * account is always reviewed, and the leaver's account is deactivated meanwhile (see {@link
     * Planner}): a role address reused by a new member of staff must not hand them the leaver's
     * account and credentials.
     */
    public Builder autoApplyLikelyMatches(boolean apply) {
      this.autoApplyLikelyMatches = apply;
      return this;
    }

    /**
     * The school's time zone, whose calendar day is "today" (default {@link #DEFAULT_SCHOOL_ZONE});
     * e.g. a trust with schools abroad, or a test that wants UTC days.
     */
    public Builder schoolZone(ZoneId zone) {
      this.schoolZone = java.util.Objects.requireNonNull(zone, "zone");
      return this;
    }

    public SyncPolicy build() {
      return new SyncPolicy(this);
    }
  }
}
