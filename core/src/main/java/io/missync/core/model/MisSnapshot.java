package io.missync.core.model;

import io.missync.core.EntityType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
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
  private final Membership[] memberships;
  private final GuardianLink[] links;
  private final List<Membership> unresolvedMemberships;
  private final List<GuardianLink> unresolvedLinks;
  private final List<SnapshotProblem> problems;
  private final EnumMap<EntityType, Completeness> completeness;
  private final EnumMap<EntityType, Long> sourceCounts;

  private final Map<String, Integer> studentIndex;
  private final Map<String, Integer> staffIndex;
  private final Map<String, Integer> contactIndex;
  private final Map<String, Integer> groupIndex;
  // CSR indexes: for person ordinal p, memberships byPersonIdx[byPersonStart[p] .. [p+1])
  private final int[] byPersonStart;
  private final int[] byPersonIdx;
  private final int[] byGroupStart;
  private final int[] byGroupIdx;
  private final int[] linksByStudentStart;
  private final int[] linksByStudentIdx;
  private final int[] linksByContactStart;
  private final int[] linksByContactIdx;

  private volatile @Nullable KeyIndexes keyIndexes;

  private MisSnapshot(Builder b) {
    this.source = b.source;
    this.students = b.students.values().toArray(new Student[0]);
    this.staff = b.staff.values().toArray(new StaffMember[0]);
    this.contacts = b.contacts.values().toArray(new Contact[0]);
    this.groups = b.groups.values().toArray(new Group[0]);
    this.studentIndex = ordinals(students);
    this.staffIndex = ordinals(staff);
    this.contactIndex = ordinals(contacts);
    this.groupIndex = new HashMap<>(groups.length * 2);
    for (int i = 0; i < groups.length; i++) {
      groupIndex.put(groups[i].id(), i);
    }
    List<SnapshotProblem> found = new ArrayList<>();

    // memberships: resolve, drop duplicates (reported), keep dangling aside (reported)
    List<Membership> resolved = new ArrayList<>(b.memberships.size());
    List<Membership> unresolved = new ArrayList<>();
    int[] personOrd = new int[b.memberships.size()];
    int[] groupOrd = new int[b.memberships.size()];
    for (Membership m : b.memberships) {
      Integer g = groupIndex.get(m.groupId());
      int p = personOrdinal(m.personType(), m.personId());
      if (g == null) {
        unresolved.add(m);
        found.add(
            new SnapshotProblem(
                SnapshotProblem.Kind.MEMBERSHIP_UNKNOWN_GROUP,
                EntityType.MEMBERSHIP,
                m.key(),
                "membership of " + m.person() + " names unknown group " + m.groupId()));
      } else if (p < 0) {
        unresolved.add(m);
        found.add(
            new SnapshotProblem(
                SnapshotProblem.Kind.MEMBERSHIP_UNKNOWN_PERSON,
                EntityType.MEMBERSHIP,
                m.key(),
                "membership of group " + m.groupId() + " names unknown " + m.person()));
      } else {
        personOrd[resolved.size()] = p;
        groupOrd[resolved.size()] = g;
        resolved.add(m);
      }
    }
    int people = students.length + staff.length + contacts.length;
    int[][] byPerson = csr(people, personOrd, resolved.size());
    // duplicates: same person, same group, same role
    boolean[] drop = new boolean[resolved.size()];
    int dropped = 0;
    for (int p = 0; p < people; p++) {
      int from = byPerson[0][p];
      int to = byPerson[0][p + 1];
      for (int i = from + 1; i < to; i++) {
        Membership mi = resolved.get(byPerson[1][i]);
        for (int j = from; j < i; j++) {
          int jj = byPerson[1][j];
          Membership mj = resolved.get(jj);
          if (!drop[jj] && mj.groupId().equals(mi.groupId()) && mj.role() == mi.role()) {
            drop[byPerson[1][i]] = true;
            dropped++;
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
      List<Membership> kept = new ArrayList<>(resolved.size() - dropped);
      int k = 0;
      for (int i = 0; i < resolved.size(); i++) {
        if (!drop[i]) {
          personOrd[k] = personOrd[i];
          groupOrd[k] = groupOrd[i];
          k++;
          kept.add(resolved.get(i));
        }
      }
      resolved = kept;
      byPerson = csr(people, personOrd, resolved.size());
    }
    this.memberships = resolved.toArray(new Membership[0]);
    this.byPersonStart = byPerson[0];
    this.byPersonIdx = byPerson[1];
    int[][] byGroup = csr(groups.length, groupOrd, memberships.length);
    this.byGroupStart = byGroup[0];
    this.byGroupIdx = byGroup[1];
    this.unresolvedMemberships = List.copyOf(unresolved);

    // guardian links
    List<GuardianLink> okLinks = new ArrayList<>(b.links.size());
    List<GuardianLink> badLinks = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int[] sOrd = new int[b.links.size()];
    int[] cOrd = new int[b.links.size()];
    for (GuardianLink l : b.links) {
      Integer c = contactIndex.get(l.contactId());
      Integer s = studentIndex.get(l.studentId());
      if (c == null) {
        badLinks.add(l);
        found.add(
            new SnapshotProblem(
                SnapshotProblem.Kind.GUARDIAN_UNKNOWN_CONTACT,
                EntityType.GUARDIAN_LINK,
                l.key(),
                "guardian link names unknown contact " + l.contactId()));
      } else if (s == null) {
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
  }

  private static <P extends Person> Map<String, Integer> ordinals(P[] people) {
    Map<String, Integer> m = new HashMap<>(Math.max(16, people.length * 2));
    for (int i = 0; i < people.length; i++) {
      m.put(people[i].id(), i);
    }
    return m;
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
    Integer i;
    switch (type) {
      case STUDENT:
        i = studentIndex.get(id);
        return i == null ? -1 : i;
      case STAFF:
        i = staffIndex.get(id);
        return i == null ? -1 : students.length + i;
      case CONTACT:
        i = contactIndex.get(id);
        return i == null ? -1 : students.length + staff.length + i;
      default:
        return -1;
    }
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
    Builder b = new Builder(source);
    for (Student s : students) {
      b.students.put(s.id(), s);
    }
    for (StaffMember s : staff) {
      b.staff.put(s.id(), s);
    }
    for (Contact c : contacts) {
      b.contacts.put(c.id(), c);
    }
    for (Group g : groups) {
      b.groups.put(g.id(), g);
    }
    b.memberships.addAll(Arrays.asList(memberships));
    b.memberships.addAll(unresolvedMemberships);
    b.links.addAll(Arrays.asList(links));
    b.links.addAll(unresolvedLinks);
    b.completeness.putAll(completeness);
    b.sourceCounts.putAll(sourceCounts);
    return b;
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
    return Collections.unmodifiableList(Arrays.asList(memberships));
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
    Integer i = studentIndex.get(id);
    return i == null ? Optional.empty() : Optional.of(students[i]);
  }

  public Optional<StaffMember> staffMember(String id) {
    Integer i = staffIndex.get(id);
    return i == null ? Optional.empty() : Optional.of(staff[i]);
  }

  public Optional<Contact> contact(String id) {
    Integer i = contactIndex.get(id);
    return i == null ? Optional.empty() : Optional.of(contacts[i]);
  }

  public Optional<Person> person(PersonRef ref) {
    int p = personOrdinal(ref.type(), ref.id());
    return p < 0 ? Optional.empty() : Optional.of(personAt(p));
  }

  private Person personAt(int p) {
    if (p < students.length) {
      return students[p];
    }
    if (p < students.length + staff.length) {
      return staff[p - students.length];
    }
    return contacts[p - students.length - staff.length];
  }

  public Optional<Group> group(String id) {
    Integer i = groupIndex.get(id);
    return i == null ? Optional.empty() : Optional.of(groups[i]);
  }

  /** The person's memberships, in input order. */
  public List<Membership> membershipsOf(PersonRef person) {
    int p = personOrdinal(person.type(), person.id());
    return p < 0 ? List.of() : slice(memberships, byPersonStart, byPersonIdx, p);
  }

  /** The group's memberships, in input order. */
  public List<Membership> membersOf(String groupId) {
    Integer g = groupIndex.get(groupId);
    return g == null ? List.of() : slice(memberships, byGroupStart, byGroupIdx, g);
  }

  /** The links from contacts to this student, in input order. */
  public List<GuardianLink> guardiansOf(String studentId) {
    Integer s = studentIndex.get(studentId);
    return s == null ? List.of() : slice(links, linksByStudentStart, linksByStudentIdx, s);
  }

  /** The links from this contact to students, in input order. */
  public List<GuardianLink> linksOfContact(String contactId) {
    Integer c = contactIndex.get(contactId);
    return c == null ? List.of() : slice(links, linksByContactStart, linksByContactIdx, c);
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
        return memberships.length;
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
    diffById("student", studentIndex, students, other.studentIndex, other.students, out, max);
    diffById("staff", staffIndex, staff, other.staffIndex, other.staff, out, max);
    diffById("contact", contactIndex, contacts, other.contactIndex, other.contacts, out, max);
    diffById("group", groupIndex, groups, other.groupIndex, other.groups, out, max);
    diffSets("membership", memberships, other.memberships, out, max);
    diffSets("guardian link", links, other.links, out, max);
    for (EntityType t : EntityType.values()) {
      if (out.size() < max && completeness(t) != other.completeness(t)) {
        out.add("completeness of " + t + ": " + completeness(t) + " vs " + other.completeness(t));
      }
    }
    return out;
  }

  private static <T> void diffById(
      String what,
      Map<String, Integer> mine,
      T[] myItems,
      Map<String, Integer> theirs,
      T[] theirItems,
      List<String> out,
      int max) {
    for (Map.Entry<String, Integer> e : mine.entrySet()) {
      if (out.size() >= max) {
        return;
      }
      Integer j = theirs.get(e.getKey());
      if (j == null) {
        out.add(what + " " + e.getKey() + " only in this snapshot");
      } else if (!myItems[e.getValue()].equals(theirItems[j])) {
        out.add(what + " " + e.getKey() + " differs");
      }
    }
    for (String id : theirs.keySet()) {
      if (out.size() >= max) {
        return;
      }
      if (!mine.containsKey(id)) {
        out.add(what + " " + id + " only in the other snapshot");
      }
    }
  }

  private static <T> void diffSets(String what, T[] mine, T[] theirs, List<String> out, int max) {
    Set<T> a = new HashSet<>(Arrays.asList(mine));
    Set<T> b = new HashSet<>(Arrays.asList(theirs));
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
        + memberships.length
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
   */
  public static final class Builder {
    private SourceInfo source;
    private final LinkedHashMap<String, Student> students = new LinkedHashMap<>();
    private final LinkedHashMap<String, StaffMember> staff = new LinkedHashMap<>();
    private final LinkedHashMap<String, Contact> contacts = new LinkedHashMap<>();
    private final LinkedHashMap<String, Group> groups = new LinkedHashMap<>();
    private final List<Membership> memberships = new ArrayList<>();
    private final List<GuardianLink> links = new ArrayList<>();
    private final EnumMap<EntityType, Completeness> completeness = new EnumMap<>(EntityType.class);
    private final EnumMap<EntityType, Long> sourceCounts = new EnumMap<>(EntityType.class);

    private Builder(SourceInfo source) {
      this.source = source;
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
      if (students.putIfAbsent(s.id(), s) != null) {
        throw new DuplicateIdException(EntityType.STUDENT, s.id());
      }
      return this;
    }

    public Builder addStaff(StaffMember s) {
      if (staff.putIfAbsent(s.id(), s) != null) {
        throw new DuplicateIdException(EntityType.STAFF, s.id());
      }
      return this;
    }

    public Builder addContact(Contact c) {
      if (contacts.putIfAbsent(c.id(), c) != null) {
        throw new DuplicateIdException(EntityType.CONTACT, c.id());
      }
      return this;
    }

    public Builder addGroup(Group g) {
      if (groups.putIfAbsent(g.id(), g) != null) {
        throw new DuplicateIdException(EntityType.GROUP, g.id());
      }
      return this;
    }

    /** Adds or replaces a person by type and id. */
    public Builder put(Person person) {
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
      groups.put(g.id(), g);
      return this;
    }

    /** Removes a person; their memberships and links are left for the caller to remove. */
    public Builder remove(PersonRef ref) {
      switch (ref.type()) {
        case STUDENT:
          students.remove(ref.id());
          break;
        case STAFF:
          staff.remove(ref.id());
          break;
        default:
          contacts.remove(ref.id());
      }
      return this;
    }

    public Builder removeGroup(String groupId) {
      groups.remove(groupId);
      return this;
    }

    /**
     * Adds a membership. Where its group and person are already in the builder, the membership is
     * rewritten to share their id strings, so millions of memberships do not each hold a copy.
     */
    public Builder addMembership(Membership m) {
      Group g = groups.get(m.groupId());
      Person p = personById(m.personType(), m.personId());
      memberships.add(
          m.withCanonicalIds(g == null ? m.groupId() : g.id(), p == null ? m.personId() : p.id()));
      return this;
    }

    /** The person added under this reference so far, if any (for importers resolving rows). */
    public Optional<Person> person(PersonRef ref) {
      return Optional.ofNullable(personById(ref.type(), ref.id()));
    }

    /** True when a person with this reference has been added. */
    public boolean contains(PersonRef ref) {
      return personById(ref.type(), ref.id()) != null;
    }

    /** The group added under this id so far, if any. */
    public Optional<Group> group(String groupId) {
      return Optional.ofNullable(groups.get(groupId));
    }

    private @Nullable Person personById(EntityType type, String id) {
      switch (type) {
        case STUDENT:
          return students.get(id);
        case STAFF:
          return staff.get(id);
        default:
          return contacts.get(id);
      }
    }

    /** Adds a guardian link, sharing the id strings of a contact and student already added. */
    public Builder addGuardianLink(GuardianLink l) {
      Contact c = contacts.get(l.contactId());
      Student s = students.get(l.studentId());
      links.add(
          l.withCanonicalIds(
              c == null ? l.contactId() : c.id(), s == null ? l.studentId() : s.id()));
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
          return memberships.size();
        case GUARDIAN_LINK:
          return links.size();
      }
      throw new AssertionError(t);
    }

    /** Builds the snapshot, resolving references and building the indexes. */
    public MisSnapshot build() {
      return new MisSnapshot(this);
    }
  }
}
