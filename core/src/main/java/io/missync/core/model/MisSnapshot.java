package io.missync.core.model;

import io.missync.core.EntityType;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One school's state in its MIS at one instant: people, groups, memberships and guardian links,
 * with the {@linkplain #completeness(EntityType) completeness} of each entity type and the source's
 * own counts where it publishes them.
 *
 * <p>A snapshot is immutable. It is built with {@link #builder(SourceInfo)}, which rejects a second
 * record with an id already used by its entity type ({@link DuplicateIdException}). References that
 * name an unknown group or person are not thrown away: they are kept in {@link
 * #unresolvedMemberships()} and {@link #unresolvedGuardianLinks()} and reported in {@link
 * #problems()}. A repeated membership or link is kept once and reported.
 *
 * <p>Indexes by id, by person and by group are built once when the snapshot is built, as int arrays
 * rather than collections of wrappers; indexes by secondary key (UPN, email, name + date of birth)
 * are built on first use. Lookups never return null.
 */
public final class MisSnapshot {
  private final SourceInfo source;
  private final Student[] students;
  private final StaffMember[] staff;
  private final Contact[] contacts;
  private final Group[] groups;
  // memberships as columns, in input order: group and person ordinals, role, dates (epoch days)
  private final int[] memberGroup;
  private final int[] memberPerson;
  // the person's id instance, so reading a membership does not load the person's record
  private final String[] memberPersonId;
  private final byte[] memberRole;
  private final int[] memberFrom;
  private final int[] memberTo;
  private final GuardianLink[] links;
  private final List<Membership> unresolvedMemberships;
  private final List<GuardianLink> unresolvedLinks;
  private final List<SnapshotProblem> problems;
  private final EnumMap<EntityType, Completeness> completeness;
  private final EnumMap<EntityType, Long> sourceCounts;
  private final Set<PersonRef> deleted;

  private final IdIndex studentIndex;
  private final IdIndex staffIndex;
  private final IdIndex contactIndex;
  private final IdIndex groupIndex;
  // CSR indexes: for person ordinal p, memberships byPersonIdx[byPersonStart[p] .. [p+1])
  private final int[] byPersonStart;
  private final int[] byPersonIdx;
  private final int[] byGroupStart;
  private final int[] byGroupIdx;
  private final int[] linksByStudentStart;
  private final int[] linksByStudentIdx;
  private final int[] linksByContactStart;
  private final int[] linksByContactIdx;

  // staff id -> the contact record of the same person (a member of staff who is also a parent)
  private final Map<String, Contact> contactByStaffId;

  private volatile @Nullable KeyIndexes keyIndexes;

  private MisSnapshot(Builder b) {
    this.source = b.source;
    this.students = b.students.compact(new Student[0]);
    this.staff = b.staff.compact(new StaffMember[0]);
    this.contacts = b.contacts.compact(new Contact[0]);
    this.groups = b.groups.compact(new Group[0]);
    this.studentIndex = b.students.positions(students, Student::id);
    this.staffIndex = b.staff.positions(staff, StaffMember::id);
    this.contactIndex = b.contacts.positions(contacts, Contact::id);
    this.groupIndex = b.groups.positions(groups, Group::id);
    int[] studentOrd = b.students.ordinals();
    int[] staffOrd = b.staff.ordinals();
    int[] contactOrd = b.contacts.ordinals();
    int[] groupSlotOrd = b.groups.ordinals();
    List<SnapshotProblem> found = new ArrayList<>();

    // memberships: resolve (most were resolved when added), drop duplicates (reported), keep
    // dangling ones aside (reported)
    Memberships ms = b.memberships;
    int n = ms.size;
    List<Membership> unresolved = new ArrayList<>();
    int[] personOrd = new int[n];
    int[] groupOrd = new int[n];
    byte[] roleOf = new byte[n];
    int[] fromOf = new int[n];
    int[] toOf = new int[n];
    String[] idOf = new String[n];
    int r = 0;
    for (int i = 0; i < n; i++) {
      int g = position(ms.groupSlot[i], groupSlotOrd, groupIndex, ms.group[i]);
      EntityType t = TYPES[ms.type[i]];
      int[] slotOrd =
          t == EntityType.STUDENT ? studentOrd : t == EntityType.STAFF ? staffOrd : contactOrd;
      int p = position(ms.personSlot[i], slotOrd, indexOf(t), ms.person[i]);
      p = p < 0 ? p : base(t) + p;
      if (g < 0) {
        Membership m = ms.at(i);
        unresolved.add(m);
        found.add(
            new SnapshotProblem(
                SnapshotProblem.Kind.MEMBERSHIP_UNKNOWN_GROUP,
                EntityType.MEMBERSHIP,
                m.key(),
                "membership of " + m.person() + " names unknown group " + m.groupId()));
      } else if (p < 0) {
        Membership m = ms.at(i);
        unresolved.add(m);
        found.add(
            new SnapshotProblem(
                SnapshotProblem.Kind.MEMBERSHIP_UNKNOWN_PERSON,
                EntityType.MEMBERSHIP,
                m.key(),
                "membership of group " + m.groupId() + " names unknown " + m.person()));
      } else {
        personOrd[r] = p;
        groupOrd[r] = g;
        roleOf[r] = ms.role[i];
        fromOf[r] = ms.from[i];
        toOf[r] = ms.to[i];
        // resolved only now (added before the person was): share the person's own id instance
        idOf[r] = ms.personSlot[i] >= 0 ? ms.person[i] : personAt(p).id();
        r++;
      }
    }
    int people = students.length + staff.length + contacts.length;
    int[][] byPerson = csr(people, personOrd, r);
    // duplicates: same person, same group, same role
    boolean[] drop = new boolean[r];
    int dropped = 0;
    int[] pStart = byPerson[0];
    int[] pIdx = byPerson[1];
    for (int p = 0; p < people; p++) {
      int from = pStart[p];
      int to = pStart[p + 1];
      for (int i = from + 1; i < to; i++) {
        int ii = pIdx[i];
        for (int j = from; j < i; j++) {
          int jj = pIdx[j];
          if (!drop[jj] && groupOrd[jj] == groupOrd[ii] && roleOf[jj] == roleOf[ii]) {
            drop[ii] = true;
            dropped++;
            Membership mi =
                membership(groupOrd[ii], personOrd[ii], idOf[ii], roleOf[ii], fromOf[ii], toOf[ii]);
            found.add(
                new SnapshotProblem(
                    SnapshotProblem.Kind.DUPLICATE_MEMBERSHIP,
                    EntityType.MEMBERSHIP,
                    mi.key(),
                    "membership of " + mi.person() + " in group " + mi.groupId() + " repeated"));
            break;
          }
        }
      }
    }
    if (dropped > 0) {
      int k = 0;
      for (int i = 0; i < r; i++) {
        if (!drop[i]) {
          personOrd[k] = personOrd[i];
          groupOrd[k] = groupOrd[i];
          roleOf[k] = roleOf[i];
          fromOf[k] = fromOf[i];
          toOf[k] = toOf[i];
          idOf[k] = idOf[i];
          k++;
        }
      }
      r = k;
      byPerson = csr(people, personOrd, r);
    }
    this.memberGroup = r == n ? groupOrd : Arrays.copyOf(groupOrd, r);
    this.memberPerson = r == n ? personOrd : Arrays.copyOf(personOrd, r);
    this.memberPersonId = r == n ? idOf : Arrays.copyOf(idOf, r);
    this.memberRole = r == n ? roleOf : Arrays.copyOf(roleOf, r);
    this.memberFrom = r == n ? fromOf : Arrays.copyOf(fromOf, r);
    this.memberTo = r == n ? toOf : Arrays.copyOf(toOf, r);
    this.byPersonStart = byPerson[0];
    this.byPersonIdx = byPerson[1];
    int[][] byGroup = csr(groups.length, groupOrd, r);
    this.byGroupStart = byGroup[0];
    this.byGroupIdx = byGroup[1];
    this.unresolvedMemberships = List.copyOf(unresolved);

    // guardian links
    Refs<GuardianLink> ls0 = b.links;
    List<GuardianLink> okLinks = new ArrayList<>(ls0.size);
    List<GuardianLink> badLinks = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int[] sOrd = new int[ls0.size];
    int[] cOrd = new int[ls0.size];
    for (int i = 0; i < ls0.size; i++) {
      GuardianLink l = ls0.at(i);
      int c = position(ls0.first[i], contactOrd, contactIndex, l.contactId());
      int s = position(ls0.second[i], studentOrd, studentIndex, l.studentId());
      if (c < 0) {
        badLinks.add(l);
        found.add(
            new SnapshotProblem(
                SnapshotProblem.Kind.GUARDIAN_UNKNOWN_CONTACT,
                EntityType.GUARDIAN_LINK,
                l.key(),
                "guardian link names unknown contact " + l.contactId()));
      } else if (s < 0) {
        badLinks.add(l);
        found.add(
            new SnapshotProblem(
                SnapshotProblem.Kind.GUARDIAN_UNKNOWN_STUDENT,
                EntityType.GUARDIAN_LINK,
                l.key(),
                "guardian link names unknown student " + l.studentId()));
      } else if (!seen.add(l.key())) {
        found.add(
            new SnapshotProblem(
                SnapshotProblem.Kind.DUPLICATE_GUARDIAN_LINK,
                EntityType.GUARDIAN_LINK,
                l.key(),
                "guardian link contact "
                    + l.contactId()
                    + " -> student "
                    + l.studentId()
                    + " repeated"));
      } else {
        sOrd[okLinks.size()] = s;
        cOrd[okLinks.size()] = c;
        okLinks.add(l);
      }
    }
    this.links = okLinks.toArray(new GuardianLink[0]);
    int[][] ls = csr(students.length, sOrd, links.length);
    int[][] lc = csr(contacts.length, cOrd, links.length);
    this.linksByStudentStart = ls[0];
    this.linksByStudentIdx = ls[1];
    this.linksByContactStart = lc[0];
    this.linksByContactIdx = lc[1];
    this.unresolvedLinks = List.copyOf(badLinks);
    this.contactByStaffId = sameAsStaff(contacts, staffIndex, found);
    this.problems = List.copyOf(found);

    this.completeness = new EnumMap<>(EntityType.class);
    for (EntityType t : EntityType.values()) {
      Completeness declared = b.completeness.get(t);
      completeness.put(
          t,
          declared != null
              ? declared
              : (b.count(t) > 0 ? Completeness.PARTIAL : Completeness.ABSENT));
    }
    this.sourceCounts = new EnumMap<>(b.sourceCounts);
    Set<PersonRef> gone = new java.util.TreeSet<>();
    for (PersonRef ref : b.deleted) {
      if (personOrdinal(ref.type(), ref.id()) < 0) {
        gone.add(ref); // a person deleted and present again is simply present
      }
    }
    this.deleted = java.util.Collections.unmodifiableSet(gone);
  }

  /** Staff id -> contact for contacts naming a staff member present; the others are reported. */
  private static Map<String, Contact> sameAsStaff(
      Contact[] contacts, IdIndex staffIndex, List<SnapshotProblem> found) {
    Map<String, Contact> out = new HashMap<>();
    for (Contact c : contacts) {
      String staffId = c.staffId().orElse(null);
      if (staffId == null) {
        continue;
      }
      String why = null;
      if (staffIndex.get(staffId) < 0) {
        why = " names unknown staff member " + staffId;
      } else if (out.putIfAbsent(staffId, c) != null) {
        why = " names staff member " + staffId + ", whom another contact already names";
      }
      if (why != null) {
        found.add(
            new SnapshotProblem(
                SnapshotProblem.Kind.CONTACT_UNKNOWN_STAFF,
                EntityType.CONTACT,
                c.id(),
                "contact " + c.id() + why + "; read as a contact only"));
      }
    }
    return out.isEmpty() ? Map.of() : Collections.unmodifiableMap(out);
  }

  /**
   * The position of a record added at {@code slot} (-1 when it was not in the builder then), given
   * the builder's slot-to-position map ({@code null}: the same), else looked up by id; -1 if none.
   */
  private static int position(int slot, int @Nullable [] ordinals, IdIndex index, String id) {
    if (slot >= 0) {
      int o = ordinals == null ? slot : ordinals[slot];
      if (o >= 0) {
        return o;
      }
    }
    return index.get(id);
  }

  /** Counting sort of {@code n} items keyed by {@code keys[i]} in {@code [0, buckets)}. */
  private static int[][] csr(int buckets, int[] keys, int n) {
    int[] start = new int[buckets + 1];
    for (int i = 0; i < n; i++) {
      start[keys[i] + 1]++;
    }
    for (int i = 0; i < buckets; i++) {
      start[i + 1] += start[i];
    }
    int[] fill = Arrays.copyOf(start, buckets);
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[fill[keys[i]]++] = i;
    }
    return new int[][] {start, idx};
  }

  private int personOrdinal(EntityType type, String id) {
    if (!type.isPerson()) {
      return -1;
    }
    int i = indexOf(type).get(id);
    return i < 0 ? -1 : base(type) + i;
  }

  /** The id index of a person type. */
  private IdIndex indexOf(EntityType personType) {
    return personType == EntityType.STUDENT
        ? studentIndex
        : personType == EntityType.STAFF ? staffIndex : contactIndex;
  }

  /** The first person ordinal of a type: students come first, then staff, then contacts. */
  private int base(EntityType personType) {
    return personType == EntityType.STUDENT
        ? 0
        : personType == EntityType.STAFF ? students.length : students.length + staff.length;
  }

  /** A builder for a new snapshot from the given source. */
  public static Builder builder(SourceInfo source) {
    return new Builder(source);
  }

  /**
   * A builder holding everything in this snapshot (resolved and unresolved references, completeness
   * and counts), to derive the next snapshot from this one, e.g. by applying a delta.
   */
  public Builder toBuilder() {
    Builder b =
        new Builder(
            source,
            students.length,
            staff.length,
            contacts.length,
            groups.length,
            memberGroup.length + unresolvedMemberships.size(),
            links.length + unresolvedLinks.size());
    // slots in a fresh builder are the positions here, so references stay resolved
    for (Student s : students) {
      b.students.addNew(s.id(), s);
    }
    for (StaffMember s : staff) {
      b.staff.addNew(s.id(), s);
    }
    for (Contact c : contacts) {
      b.contacts.addNew(c.id(), c);
    }
    for (Group g : groups) {
      b.groups.addNew(g.id(), g);
    }
    for (int i = 0; i < memberGroup.length; i++) {
      int p = memberPerson[i];
      EntityType t = typeAt(p);
      b.memberships.add(
          groups[memberGroup[i]].id(),
          memberPersonId[i],
          memberGroup[i],
          p - base(t),
          t,
          ROLES[memberRole[i]],
          memberFrom[i],
          memberTo[i]);
    }
    for (Membership m : unresolvedMemberships) {
      b.memberships.add(m, m.groupId(), m.personId(), -1, -1);
    }
    int[] contact = owners(linksByContactStart, linksByContactIdx, links.length);
    int[] student = owners(linksByStudentStart, linksByStudentIdx, links.length);
    for (int i = 0; i < links.length; i++) {
      b.links.add(links[i], contact[i], student[i]);
    }
    for (GuardianLink l : unresolvedLinks) {
      b.links.add(l, -1, -1);
    }
    b.completeness.putAll(completeness);
    b.sourceCounts.putAll(sourceCounts);
    b.deleted.addAll(deleted);
    return b;
  }

  /** Inverts a CSR index: for each item, the bucket holding it. */
  private static int[] owners(int[] start, int[] idx, int items) {
    int[] owner = new int[items];
    for (int bucket = 0; bucket + 1 < start.length; bucket++) {
      for (int k = start[bucket]; k < start[bucket + 1]; k++) {
        owner[idx[k]] = bucket;
      }
    }
    return owner;
  }

  public SourceInfo source() {
    return source;
  }

  public List<Student> students() {
    return Collections.unmodifiableList(Arrays.asList(students));
  }

  public List<StaffMember> staff() {
    return Collections.unmodifiableList(Arrays.asList(staff));
  }

  public List<Contact> contacts() {
    return Collections.unmodifiableList(Arrays.asList(contacts));
  }

  /** Every person: students, then staff, then contacts. */
  public List<Person> people() {
    List<Person> all = new ArrayList<>(students.length + staff.length + contacts.length);
    all.addAll(Arrays.asList(students));
    all.addAll(Arrays.asList(staff));
    all.addAll(Arrays.asList(contacts));
    return Collections.unmodifiableList(all);
  }

  public List<Group> groups() {
    return Collections.unmodifiableList(Arrays.asList(groups));
  }

  /** Memberships whose group and person are both in the snapshot, each once. */
  public List<Membership> memberships() {
    return new MembershipList();
  }

  /** The memberships, made from the snapshot's columns as they are read. */
  private final class MembershipList extends AbstractList<Membership> implements RandomAccess {
    @Override
    public Membership get(int index) {
      return membershipAt(Objects.checkIndex(index, memberGroup.length));
    }

    @Override
    public int size() {
      return memberGroup.length;
    }
  }

  private Membership membershipAt(int i) {
    return membership(
        memberGroup[i],
        memberPerson[i],
        memberPersonId[i],
        memberRole[i],
        memberFrom[i],
        memberTo[i]);
  }

  private Membership membership(int group, int person, String id, byte role, int from, int to) {
    return Membership.ofChecked(groups[group].id(), typeAt(person), id, ROLES[role], from, to);
  }

  private EntityType typeAt(int person) {
    return person < students.length
        ? EntityType.STUDENT
        : person < students.length + staff.length ? EntityType.STAFF : EntityType.CONTACT;
  }

  /** Guardian links whose contact and student are both in the snapshot, each once. */
  public List<GuardianLink> guardianLinks() {
    return Collections.unmodifiableList(Arrays.asList(links));
  }

  /** Memberships naming a group or person the snapshot does not have. */
  public List<Membership> unresolvedMemberships() {
    return unresolvedMemberships;
  }

  /** Guardian links naming a contact or student the snapshot does not have. */
  public List<GuardianLink> unresolvedGuardianLinks() {
    return unresolvedLinks;
  }

  /** Dangling references and repeats found while building, in input order. */
  public List<SnapshotProblem> problems() {
    return problems;
  }

  public Optional<Student> student(String id) {
    int i = studentIndex.get(id);
    return i < 0 ? Optional.empty() : Optional.of(students[i]);
  }

  public Optional<StaffMember> staffMember(String id) {
    int i = staffIndex.get(id);
    return i < 0 ? Optional.empty() : Optional.of(staff[i]);
  }

  public Optional<Contact> contact(String id) {
    int i = contactIndex.get(id);
    return i < 0 ? Optional.empty() : Optional.of(contacts[i]);
  }

  public Optional<Person> person(PersonRef ref) {
    int p = personOrdinal(ref.type(), ref.id());
    return p < 0 ? Optional.empty() : Optional.of(personAt(p));
  }

  private Person personAt(int p) {
    EntityType t = typeAt(p);
    int i = p - base(t);
    return t == EntityType.STUDENT ? students[i] : t == EntityType.STAFF ? staff[i] : contacts[i];
  }

  public Optional<Group> group(String id) {
    int i = groupIndex.get(id);
    return i < 0 ? Optional.empty() : Optional.of(groups[i]);
  }

  /** The person's memberships, in input order. */
  public List<Membership> membershipsOf(PersonRef person) {
    int p = personOrdinal(person.type(), person.id());
    return p < 0 ? List.of() : memberSlice(byPersonStart, byPersonIdx, p);
  }

  /** The group's memberships, in input order. */
  public List<Membership> membersOf(String groupId) {
    int g = groupIndex.get(groupId);
    return g < 0 ? List.of() : memberSlice(byGroupStart, byGroupIdx, g);
  }

  /** The links from contacts to this student, in input order. */
  public List<GuardianLink> guardiansOf(String studentId) {
    int s = studentIndex.get(studentId);
    return s < 0 ? List.of() : slice(links, linksByStudentStart, linksByStudentIdx, s);
  }

  /**
   * The contact record of the member of staff with this id, when the same person is also a contact
   * (a member of staff who is a parent: see {@link Contact#staffId()}); empty otherwise.
   */
  public Optional<Contact> contactSameAsStaff(String staffId) {
    return Optional.ofNullable(contactByStaffId.get(staffId));
  }

  /** The links from this contact to students, in input order. */
  public List<GuardianLink> linksOfContact(String contactId) {
    int c = contactIndex.get(contactId);
    return c < 0 ? List.of() : slice(links, linksByContactStart, linksByContactIdx, c);
  }

  private List<Membership> memberSlice(int[] start, int[] idx, int bucket) {
    int from = start[bucket];
    int to = start[bucket + 1];
    if (from == to) {
      return List.of();
    }
    List<Membership> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      out.add(membershipAt(idx[i]));
    }
    return Collections.unmodifiableList(out);
  }

  private static <T> List<T> slice(T[] items, int[] start, int[] idx, int bucket) {
    int from = start[bucket];
    int to = start[bucket + 1];
    if (from == to) {
      return List.of();
    }
    List<T> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      out.add(items[idx[i]]);
    }
    return Collections.unmodifiableList(out);
  }

  /** Students whose UPN is the given one (normally at most one). */
  public List<Student> studentsByUpn(String upn) {
    return keys().byUpn.getOrDefault(upn.strip().toUpperCase(java.util.Locale.ROOT), List.of());
  }

  /** Students whose former UPN is the given one. */
  public List<Student> studentsByFormerUpn(String upn) {
    return keys()
        .byFormerUpn
        .getOrDefault(upn.strip().toUpperCase(java.util.Locale.ROOT), List.of());
  }

  /** People of any type whose email matches, ignoring case. */
  public List<Person> peopleByEmail(String email) {
    return keys().byEmail.getOrDefault(email.strip().toLowerCase(java.util.Locale.ROOT), List.of());
  }

  /**
   * People of any type with this legal name and date of birth (names folded by {@link MatchKeys}).
   */
  public List<Person> peopleByNameAndDob(String forename, String surname, LocalDate dateOfBirth) {
    String key = MatchKeys.name(forename) + "|" + MatchKeys.name(surname) + "|" + dateOfBirth;
    return keys().byNameDob.getOrDefault(key, List.of());
  }

  private KeyIndexes keys() {
    KeyIndexes k = keyIndexes;
    if (k == null) {
      synchronized (this) {
        k = keyIndexes;
        if (k == null) {
          k = new KeyIndexes(this);
          keyIndexes = k;
        }
      }
    }
    return k;
  }

  /** How complete the given entity type is; only COMPLETE lets absence mean "left". */
  public Completeness completeness(EntityType type) {
    return Objects.requireNonNull(completeness.get(type));
  }

  public boolean isComplete(EntityType type) {
    return completeness(type).isComplete();
  }

  /**
   * People the source explicitly reported deleted since the previous snapshot (a deletions feed, a
   * delta's {@code tobedeleted}), and not present in this snapshot. Unlike absence, a deletion
   * means "left" even when the type is only PARTIAL. {@link #toBuilder()} carries them; a source
   * that derives its next read from a previous snapshot starts with {@link
   * Builder#clearDeletions()}, so each snapshot reports only its own read's deletions.
   */
  public Set<PersonRef> deletedPeople() {
    return deleted;
  }

  /** True when the source reported this person deleted (see {@link #deletedPeople()}). */
  public boolean isDeleted(PersonRef person) {
    return deleted.contains(person);
  }

  /** The source's own count for the type (e.g. Wonde's counts endpoint), if it gave one. */
  public OptionalLong sourceCount(EntityType type) {
    Long n = sourceCounts.get(type);
    return n == null ? OptionalLong.empty() : OptionalLong.of(n);
  }

  /** How many resolved records of the type the snapshot holds. */
  public int count(EntityType type) {
    switch (type) {
      case STUDENT:
        return students.length;
      case STAFF:
        return staff.length;
      case CONTACT:
        return contacts.length;
      case GROUP:
        return groups.length;
      case MEMBERSHIP:
        return memberGroup.length;
      case GUARDIAN_LINK:
        return links.length;
    }
    throw new AssertionError(type);
  }

  /**
   * True when both snapshots hold the same records (people, groups, memberships and links compared
   * field by field, order ignored) and the same completeness; the source info and counts are not
   * compared.
   */
  public boolean sameContentAs(MisSnapshot other) {
    return differencesFrom(other, 1).isEmpty();
  }

  /**
   * What differs between this snapshot and another, naming ids and fields only, at most {@code max}
   * lines; empty when {@link #sameContentAs} holds.
   */
  public List<String> differencesFrom(MisSnapshot other, int max) {
    List<String> out = new ArrayList<>();
    diffById(
        "student",
        studentIndex,
        students,
        other.studentIndex,
        other.students,
        Student::id,
        out,
        max);
    diffById("staff", staffIndex, staff, other.staffIndex, other.staff, StaffMember::id, out, max);
    diffById(
        "contact",
        contactIndex,
        contacts,
        other.contactIndex,
        other.contacts,
        Contact::id,
        out,
        max);
    diffById("group", groupIndex, groups, other.groupIndex, other.groups, Group::id, out, max);
    diffSets("membership", memberships(), other.memberships(), out, max);
    diffSets("guardian link", Arrays.asList(links), Arrays.asList(other.links), out, max);
    for (EntityType t : EntityType.values()) {
      if (out.size() < max && completeness(t) != other.completeness(t)) {
        out.add("completeness of " + t + ": " + completeness(t) + " vs " + other.completeness(t));
      }
    }
    return out;
  }

  private static <T> void diffById(
      String what,
      IdIndex mine,
      T[] myItems,
      IdIndex theirs,
      T[] theirItems,
      Function<T, String> id,
      List<String> out,
      int max) {
    for (T item : myItems) {
      if (out.size() >= max) {
        return;
      }
      int j = theirs.get(id.apply(item));
      if (j < 0) {
        out.add(what + " " + id.apply(item) + " only in this snapshot");
      } else if (!item.equals(theirItems[j])) {
        out.add(what + " " + id.apply(item) + " differs");
      }
    }
    for (T item : theirItems) {
      if (out.size() >= max) {
        return;
      }
      if (mine.get(id.apply(item)) < 0) {
        out.add(what + " " + id.apply(item) + " only in the other snapshot");
      }
    }
  }

  private static <T> void diffSets(
      String what, List<T> mine, List<T> theirs, List<String> out, int max) {
    Set<T> a = new HashSet<>(mine);
    Set<T> b = new HashSet<>(theirs);
    for (T t : a) {
      if (out.size() >= max) {
        return;
      }
      if (!b.contains(t)) {
        out.add(what + " " + t + " only in this snapshot");
      }
    }
    for (T t : b) {
      if (out.size() >= max) {
        return;
      }
      if (!a.contains(t)) {
        out.add(what + " " + t + " only in the other snapshot");
      }
    }
  }

  @Override
  public String toString() {
    return "MisSnapshot[school="
        + source.schoolId()
        + ", source="
        + source.sourceKind()
        + ", students="
        + students.length
        + ", staff="
        + staff.length
        + ", contacts="
        + contacts.length
        + ", groups="
        + groups.length
        + ", memberships="
        + memberGroup.length
        + ", links="
        + links.length
        + ", problems="
        + problems.size()
        + "]";
  }

  /** Secondary-key indexes, built on first use. */
  private static final class KeyIndexes {
    final Map<String, List<Student>> byUpn = new HashMap<>();
    final Map<String, List<Student>> byFormerUpn = new HashMap<>();
    final Map<String, List<Person>> byEmail = new HashMap<>();
    final Map<String, List<Person>> byNameDob = new HashMap<>();

    KeyIndexes(MisSnapshot s) {
      for (Student st : s.students) {
        st.upn().ifPresent(u -> byUpn.computeIfAbsent(u, k -> new ArrayList<>(1)).add(st));
        st.formerUpn()
            .ifPresent(u -> byFormerUpn.computeIfAbsent(u, k -> new ArrayList<>(1)).add(st));
      }
      for (Person p : s.people()) {
        p.emailKey().ifPresent(e -> byEmail.computeIfAbsent(e, k -> new ArrayList<>(1)).add(p));
        p.nameDobKey().ifPresent(n -> byNameDob.computeIfAbsent(n, k -> new ArrayList<>(1)).add(p));
      }
    }
  }

  /**
   * Collects records for a snapshot. {@code add*} refuses a repeated id with {@link
   * DuplicateIdException}; {@code put*} replaces (for deltas); {@code remove*} drops a record.
   * Completeness defaults to {@link Completeness#ABSENT} for a type with no records and {@link
   * Completeness#PARTIAL} otherwise: a source must say a type is complete.
   *
   * <p>References are resolved when they are added: a membership or link whose group and person are
   * already in the builder records their positions, so {@link #build()} does not look them up again
   * (a membership added before its person is resolved at build). An importer that looks a person up
   * with {@link #findPerson(String)} or {@link #person(PersonRef)} and then adds a membership
   * naming that person's id pays for one lookup, not two. A builder is not thread-safe.
   */
  public static final class Builder {
    private SourceInfo source;
    private final Slots<Student> students;
    private final Slots<StaffMember> staff;
    private final Slots<Contact> contacts;
    private final Slots<Group> groups;
    private final Memberships memberships;
    private final Refs<GuardianLink> links;
    private final EnumMap<EntityType, Completeness> completeness = new EnumMap<>(EntityType.class);
    private final EnumMap<EntityType, Long> sourceCounts = new EnumMap<>(EntityType.class);
    private final Set<PersonRef> deleted = new java.util.LinkedHashSet<>();

    // the person found by the last lookup (its id instance, type and slot), so adding a
    // membership naming them needs no second lookup; likewise the group
    private @Nullable String lastPersonId;
    private EntityType lastPersonType = EntityType.STUDENT;
    private int lastPersonSlot = -1;
    private @Nullable String lastGroupId;
    private int lastGroupSlot = -1;

    private Builder(SourceInfo source) {
      this(source, 16, 16, 16, 16, 16, 16);
    }

    private Builder(
        SourceInfo source,
        int students,
        int staff,
        int contacts,
        int groups,
        int memberships,
        int links) {
      this.source = source;
      this.students = new Slots<>(students);
      this.staff = new Slots<>(staff);
      this.contacts = new Slots<>(contacts);
      this.groups = new Slots<>(groups);
      this.memberships = new Memberships(memberships);
      this.links = new Refs<>(links);
    }

    public Builder source(SourceInfo source) {
      this.source = source;
      return this;
    }

    /** Adds a person of any type; refuses an id its type already has. */
    public Builder add(Person person) {
      if (person instanceof Student s) {
        return addStudent(s);
      } else if (person instanceof StaffMember s) {
        return addStaff(s);
      }
      return addContact((Contact) person);
    }

    public Builder addStudent(Student s) {
      if (students.addNew(s.id(), s) < 0) {
        throw new DuplicateIdException(EntityType.STUDENT, s.id());
      }
      return this;
    }

    public Builder addStaff(StaffMember s) {
      if (staff.addNew(s.id(), s) < 0) {
        throw new DuplicateIdException(EntityType.STAFF, s.id());
      }
      return this;
    }

    public Builder addContact(Contact c) {
      if (contacts.addNew(c.id(), c) < 0) {
        throw new DuplicateIdException(EntityType.CONTACT, c.id());
      }
      return this;
    }

    public Builder addGroup(Group g) {
      if (groups.addNew(g.id(), g) < 0) {
        throw new DuplicateIdException(EntityType.GROUP, g.id());
      }
      return this;
    }

    /** Adds or replaces a person by type and id. */
    public Builder put(Person person) {
      lastPersonId = null;
      if (person instanceof Student s) {
        students.put(s.id(), s);
      } else if (person instanceof StaffMember s) {
        staff.put(s.id(), s);
      } else {
        contacts.put(person.id(), (Contact) person);
      }
      return this;
    }

    /** Adds or replaces a group by id. */
    public Builder putGroup(Group g) {
      lastGroupId = null;
      groups.put(g.id(), g);
      return this;
    }

    /** Removes a person; their memberships and links are left for the caller to remove. */
    public Builder remove(PersonRef ref) {
      lastPersonId = null;
      slots(ref.type()).remove(ref.id());
      return this;
    }

    public Builder removeGroup(String groupId) {
      lastGroupId = null;
      groups.remove(groupId);
      return this;
    }

    /**
     * Adds a membership. It is kept in compact columns, not as the object given; where its group
     * and person are already in the builder, it shares their id strings (millions of memberships do
     * not each hold a copy) and their positions are kept, so {@link #build()} need not look them up
     * again.
     */
    @SuppressWarnings("ReferenceEquality") // the last lookup's own id instance: identity is enough
    public Builder addMembership(Membership m) {
      String gid = m.groupId();
      int gs;
      if (gid == lastGroupId) {
        gs = lastGroupSlot;
      } else {
        int b = groups.bucket(gid);
        gs = b < 0 ? -1 : groups.slotAt(b);
        gid = b < 0 ? gid : groups.keyAt(b);
      }
      String pid = m.personId();
      int ps;
      if (pid == lastPersonId && m.personType() == lastPersonType) {
        ps = lastPersonSlot;
      } else {
        Slots<? extends Person> s = slots(m.personType());
        int b = s.bucket(pid);
        ps = b < 0 ? -1 : s.slotAt(b);
        pid = b < 0 ? pid : s.keyAt(b);
      }
      memberships.add(m, gid, pid, gs, ps);
      return this;
    }

    /** The person added under this reference so far, if any (for importers resolving rows). */
    public Optional<Person> person(PersonRef ref) {
      return Optional.ofNullable(found(ref.type(), remember(ref.type(), ref.id())));
    }

    /**
     * The person added under this id so far, looking in students, then staff, then contacts (for
     * formats whose users share one id space, such as OneRoster), if any.
     */
    public Optional<Person> findPerson(String id) {
      for (EntityType t : PERSON_TYPES) {
        int slot = remember(t, id);
        if (slot >= 0) {
          return Optional.of(Objects.requireNonNull(found(t, slot)));
        }
      }
      return Optional.empty();
    }

    /**
     * As {@link #findPerson(String)}, but only the reference: its type and the id instance the
     * builder holds. Cheaper when the person's record is not needed (an importer resolving a
     * membership row), and a membership added next naming that id is not looked up again.
     */
    public Optional<PersonRef> findRef(String id) {
      for (EntityType t : PERSON_TYPES) {
        if (remember(t, id) >= 0) {
          return Optional.of(new PersonRef(t, Objects.requireNonNull(lastPersonId)));
        }
      }
      return Optional.empty();
    }

    /** True when a person with this reference has been added. */
    public boolean contains(PersonRef ref) {
      return remember(ref.type(), ref.id()) >= 0;
    }

    /** The group added under this id so far, if any. */
    public Optional<Group> group(String groupId) {
      int b = groups.bucket(groupId);
      if (b < 0) {
        return Optional.empty();
      }
      lastGroupSlot = groups.slotAt(b);
      Group g = groups.at(lastGroupSlot);
      lastGroupId = g.id();
      return Optional.of(g);
    }

    /** The slot of the person with this type and id, remembered for the next membership; or -1. */
    private int remember(EntityType type, String id) {
      Slots<? extends Person> s = slots(type);
      int b = s.bucket(id);
      if (b < 0) {
        return -1;
      }
      lastPersonId = s.keyAt(b);
      lastPersonType = type;
      lastPersonSlot = s.slotAt(b);
      return lastPersonSlot;
    }

    /** The person at a slot {@link #remember} returned; its id becomes the remembered one. */
    private @Nullable Person found(EntityType type, int slot) {
      if (slot < 0) {
        return null;
      }
      Person p = slots(type).at(slot);
      lastPersonId = p.id();
      return p;
    }

    private Slots<? extends Person> slots(EntityType type) {
      switch (type) {
        case STUDENT:
          return students;
        case STAFF:
          return staff;
        default:
          return contacts;
      }
    }

    /** Adds a guardian link, sharing the id strings of a contact and student already added. */
    public Builder addGuardianLink(GuardianLink l) {
      int cb = contacts.bucket(l.contactId());
      int sb = students.bucket(l.studentId());
      links.add(
          l.withCanonicalIds(
              cb < 0 ? l.contactId() : contacts.keyAt(cb),
              sb < 0 ? l.studentId() : students.keyAt(sb)),
          cb < 0 ? -1 : contacts.slotAt(cb),
          sb < 0 ? -1 : students.slotAt(sb));
      return this;
    }

    /** Calls the action with each membership added so far, in input order (to read, not change). */
    public Builder forEachMembership(java.util.function.Consumer<? super Membership> action) {
      for (int i = 0; i < memberships.size; i++) {
        action.accept(memberships.at(i));
      }
      return this;
    }

    public Builder removeMembershipsIf(Predicate<Membership> filter) {
      memberships.removeIf(filter);
      return this;
    }

    public Builder removeGuardianLinksIf(Predicate<GuardianLink> filter) {
      links.removeIf(filter);
      return this;
    }

    /**
     * Records that the source reported this person deleted. A person who is also in the snapshot
     * (deleted, then restored) is not reported deleted.
     */
    public Builder markDeleted(PersonRef person) {
      deleted.add(person);
      return this;
    }

    /**
     * Forgets the deletions recorded so far (a builder derived from a previous snapshot has none).
     */
    public Builder clearDeletions() {
      deleted.clear();
      return this;
    }

    /** Declares how complete a type is. */
    public Builder completeness(EntityType type, Completeness c) {
      completeness.put(type, c);
      return this;
    }

    /** Declares every entity type complete (a full, successful read of the whole school). */
    public Builder allComplete() {
      for (EntityType t : EntityType.values()) {
        completeness.put(t, Completeness.COMPLETE);
      }
      return this;
    }

    /** Records the source's own count of a type, for the safety gate to cross-check. */
    public Builder sourceCount(EntityType type, long count) {
      if (count < 0) {
        throw new InvalidRecordException("MisSnapshot", "sourceCount", "must not be negative");
      }
      sourceCounts.put(type, count);
      return this;
    }

    int count(EntityType t) {
      switch (t) {
        case STUDENT:
          return students.size();
        case STAFF:
          return staff.size();
        case CONTACT:
          return contacts.size();
        case GROUP:
          return groups.size();
        case MEMBERSHIP:
          return memberships.size;
        case GUARDIAN_LINK:
          return links.size;
      }
      throw new AssertionError(t);
    }

    /**
     * Builds the snapshot, resolving the references not resolved when added and building the
     * indexes. The builder stays usable.
     */
    public MisSnapshot build() {
      return new MisSnapshot(this);
    }
  }

  /**
   * The records of one type by id, in the order first added. A record keeps its slot when replaced;
   * a removed one leaves a hole, so slots handed out earlier never come to name another record.
   */
  private static final class Slots<T> {
    private IdIndex index;
    private @Nullable Object[] items;
    private int size;
    private int holes;
    // the index was handed to a snapshot: copy it before the next change
    private boolean shared;

    Slots(int capacity) {
      index = new IdIndex(capacity);
      items = new Object[Math.max(16, capacity)];
    }

    int slot(String id) {
      return index.get(id);
    }

    /** The index bucket holding the id, or -1 (its key is the id instance the builder holds). */
    int bucket(String id) {
      return index.bucket(id);
    }

    String keyAt(int bucket) {
      return index.keyAt(bucket);
    }

    int slotAt(int bucket) {
      return index.valueAt(bucket);
    }

    @SuppressWarnings("unchecked") // only T is ever stored
    T at(int slot) {
      return (T) Objects.requireNonNull(items[slot]);
    }

    /** Adds a record under a new id and returns its slot, or -1 when the id is taken. */
    int addNew(String id, T item) {
      unshare();
      if (index.putIfAbsent(id, size) >= 0) {
        return -1;
      }
      append(item);
      return size - 1;
    }

    void put(String id, T item) {
      int s = slot(id);
      if (s >= 0) {
        items[s] = item;
      } else {
        unshare();
        index.put(id, size);
        append(item);
      }
    }

    void remove(String id) {
      unshare();
      int s = index.remove(id);
      if (s >= 0) {
        items[s] = null;
        holes++;
      }
    }

    int size() {
      return size - holes;
    }

    private void append(T item) {
      if (size == items.length) {
        items = Arrays.copyOf(items, size + (size >> 1) + 16);
      }
      items[size++] = item;
    }

    private void unshare() {
      if (shared) {
        index = index.copy();
        shared = false;
      }
    }

    /** The records in slot order, holes left out. */
    @SuppressWarnings("unchecked") // only T is ever stored
    <A extends T> A[] compact(A[] empty) {
      A[] out = Arrays.copyOf(empty, size());
      int k = 0;
      for (int i = 0; i < size; i++) {
        Object o = items[i];
        if (o != null) {
          out[k++] = (A) o;
        }
      }
      return out;
    }

    /** Slot to position in {@link #compact}, -1 for a hole; null when the two are the same. */
    int @Nullable [] ordinals() {
      if (holes == 0) {
        return null;
      }
      int[] ord = new int[size];
      int k = 0;
      for (int i = 0; i < size; i++) {
        ord[i] = items[i] == null ? -1 : k++;
      }
      return ord;
    }

    /**
     * An index from id to position in {@link #compact}: the builder's own when there are no holes
     * (it is then copied before the builder next changes it), else a new one.
     */
    <A extends T> IdIndex positions(A[] compacted, Function<A, String> id) {
      if (holes == 0) {
        shared = true;
        return index;
      }
      IdIndex m = new IdIndex(compacted.length);
      for (int i = 0; i < compacted.length; i++) {
        m.put(id.apply(compacted[i]), i);
      }
      return m;
    }
  }

  private static final EntityType[] TYPES = EntityType.values();
  private static final List<EntityType> PERSON_TYPES =
      List.of(EntityType.STUDENT, EntityType.STAFF, EntityType.CONTACT);
  private static final MembershipRole[] ROLES = MembershipRole.values();

  /**
   * A builder's memberships in input order, as columns: the group and person ids (shared
   * instances), their slots when known (-1 otherwise), the person type, role and dates. No object
   * per membership is kept while a large export is read.
   */
  private static final class Memberships {
    private String[] group;
    private String[] person;
    private int[] groupSlot;
    private int[] personSlot;
    private byte[] type;
    private byte[] role;
    private int[] from;
    private int[] to;
    private int size;

    Memberships(int capacity) {
      int c = Math.max(16, capacity);
      group = new String[c];
      person = new String[c];
      groupSlot = new int[c];
      personSlot = new int[c];
      type = new byte[c];
      role = new byte[c];
      from = new int[c];
      to = new int[c];
    }

    void add(Membership m, String groupId, String personId, int gSlot, int pSlot) {
      add(groupId, personId, gSlot, pSlot, m.personType(), m.role(), m.fromDay(), m.toDay());
    }

    void add(
        String groupId,
        String personId,
        int gSlot,
        int pSlot,
        EntityType personType,
        MembershipRole r,
        int fromDay,
        int toDay) {
      if (size == group.length) {
        int c = size + (size >> 1) + 16;
        group = Arrays.copyOf(group, c);
        person = Arrays.copyOf(person, c);
        groupSlot = Arrays.copyOf(groupSlot, c);
        personSlot = Arrays.copyOf(personSlot, c);
        type = Arrays.copyOf(type, c);
        role = Arrays.copyOf(role, c);
        from = Arrays.copyOf(from, c);
        to = Arrays.copyOf(to, c);
      }
      group[size] = groupId;
      person[size] = personId;
      groupSlot[size] = gSlot;
      personSlot[size] = pSlot;
      type[size] = (byte) personType.ordinal();
      role[size] = (byte) r.ordinal();
      from[size] = fromDay;
      to[size] = toDay;
      size++;
    }

    Membership at(int i) {
      return Membership.ofChecked(
          group[i], TYPES[type[i]], person[i], ROLES[role[i]], from[i], to[i]);
    }

    void removeIf(Predicate<? super Membership> filter) {
      int k = 0;
      for (int i = 0; i < size; i++) {
        if (!filter.test(at(i))) {
          group[k] = group[i];
          person[k] = person[i];
          groupSlot[k] = groupSlot[i];
          personSlot[k] = personSlot[i];
          type[k] = type[i];
          role[k] = role[i];
          from[k] = from[i];
          to[k] = to[i];
          k++;
        }
      }
      Arrays.fill(group, k, size, null);
      Arrays.fill(person, k, size, null);
      size = k;
    }
  }

  /** Memberships or links in input order, with the slots of their two ends when known (-1). */
  private static final class Refs<T> {
    private @Nullable Object[] items;
    private int[] first;
    private int[] second;
    private int size;

    Refs(int capacity) {
      int c = Math.max(16, capacity);
      items = new Object[c];
      first = new int[c];
      second = new int[c];
    }

    void add(T item, int firstSlot, int secondSlot) {
      if (size == items.length) {
        int c = size + (size >> 1) + 16;
        items = Arrays.copyOf(items, c);
        first = Arrays.copyOf(first, c);
        second = Arrays.copyOf(second, c);
      }
      items[size] = item;
      first[size] = firstSlot;
      second[size] = secondSlot;
      size++;
    }

    @SuppressWarnings("unchecked") // only T is ever stored
    T at(int i) {
      return (T) Objects.requireNonNull(items[i]);
    }

    void removeIf(Predicate<? super T> filter) {
      int k = 0;
      for (int i = 0; i < size; i++) {
        T t = at(i);
        if (!filter.test(t)) {
          items[k] = t;
          first[k] = first[i];
          second[k] = second[i];
          k++;
        }
      }
      Arrays.fill(items, k, size, null);
      size = k;
    }
  }
}
