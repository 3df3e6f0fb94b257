package io.missync.testkit.gen;

import io.missync.core.EntityType;
import io.missync.core.credentials.CohortCredentialPolicy;
import io.missync.core.model.Completeness;
import io.missync.core.model.Contact;
import io.missync.core.model.Group;
import io.missync.core.model.GroupKind;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.Membership;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.Person;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The changes a school goes through, as pure functions on snapshots: joiners, leavers (gone from
 * the snapshot, or with a leaving date that has passed), staff leavers, form moves, the year-end
 * rollover, next year's groups loaded early, an MIS migration (every id changes, UPNs, names and
 * emails stay), contact changes, and damaged reads (partial, truncated). Each is deterministic for
 * its arguments; {@link #mutations(LocalDate)} draws them for jqwik.
 */
public final class SchoolMutations {
  private SchoolMutations() {}

  /** Any one mutation that a healthy source could report, relative to {@code today}. */
  public static Arbitrary<SchoolMutation> mutations(LocalDate today) {
    Arbitrary<Integer> n = Arbitraries.integers().between(1, 4);
    Arbitrary<Long> seed = Arbitraries.longs();
    return Arbitraries.oneOf(
        Combinators.combine(n, seed)
            .as((k, sd) -> new SchoolMutation(k + " joiners", s -> joiners(s, k, sd))),
        Combinators.combine(n, seed)
            .as(
                (k, sd) ->
                    new SchoolMutation(k + " leavers (gone)", s -> leaversRemoved(s, k, sd))),
        Combinators.combine(n, seed)
            .as(
                (k, sd) ->
                    new SchoolMutation(
                        k + " leavers (leaving date passed)", s -> leaversByDate(s, k, sd, today))),
        Combinators.combine(n, seed)
            .as(
                (k, sd) ->
                    new SchoolMutation(k + " staff leavers", s -> staffLeavers(s, k, sd, today))),
        Combinators.combine(n, seed)
            .as((k, sd) -> new SchoolMutation(k + " form moves", s -> moves(s, k, sd))),
        seed.map(sd -> new SchoolMutation("contact changes", s -> contactChanges(s, sd))),
        Arbitraries.just(new SchoolMutation("year-end rollover", SchoolMutations::rollover)),
        Arbitraries.just(new SchoolMutation("MIS migration", SchoolMutations::migration)));
  }

  // ------------------------------------------------------------------ helpers

  private static String freshId(Set<String> taken, String base) {
    int i = taken.size();
    while (taken.contains(base + i)) {
      i++;
    }
    return base + i;
  }

  private static int nextUpnNumber(MisSnapshot s) {
    long max = 0;
    for (Student st : s.students()) {
      for (String u : new String[] {st.upn().orElse(null), st.formerUpn().orElse(null)}) {
        if (u != null) {
          max = Math.max(max, Long.parseLong(u.substring(1, 12)));
        }
      }
    }
    return (int) Math.min(max + 1, 99_999_999_999L);
  }

  private static <T> List<T> sample(List<T> all, int n, Random r) {
    List<T> copy = new ArrayList<>(all);
    java.util.Collections.shuffle(copy, r);
    return copy.subList(0, Math.min(n, copy.size()));
  }

  private static List<Student> sortedStudents(MisSnapshot s) {
    List<Student> l = new ArrayList<>(s.students());
    l.sort(Comparator.comparing(Student::id));
    return l;
  }

  /** Removes people with their memberships and links; contacts left with no link go too. */
  public static MisSnapshot removePeople(MisSnapshot s, Set<PersonRef> gone) {
    MisSnapshot.Builder b = s.toBuilder();
    gone.forEach(b::remove);
    b.removeMembershipsIf(m -> gone.contains(m.person()));
    b.removeGuardianLinksIf(l -> gone.contains(l.student()) || gone.contains(l.contact()));
    MisSnapshot mid = b.build();
    Set<PersonRef> orphans = new HashSet<>();
    for (Contact c : mid.contacts()) {
      if (mid.linksOfContact(c.id()).isEmpty() && !s.linksOfContact(c.id()).isEmpty()) {
        orphans.add(c.ref());
      }
    }
    if (orphans.isEmpty()) {
      return Schools.withCounts(mid);
    }
    MisSnapshot.Builder b2 = mid.toBuilder();
    orphans.forEach(b2::remove);
    b2.removeMembershipsIf(m -> orphans.contains(m.person()));
    return Schools.withCounts(b2.build());
  }

  /** Groups by school year and kind (years read from the groups' year-group labels). */
  private static Map<Integer, Map<GroupKind, List<Group>>> groupsByYear(MisSnapshot s) {
    Map<Integer, Map<GroupKind, List<Group>>> m = new TreeMap<>();
    for (Group g : s.groups()) {
      OptionalInt y = CohortCredentialPolicy.schoolYear(g.yearGroup().orElse(null));
      if (y.isPresent()) {
        m.computeIfAbsent(y.getAsInt(), k -> new HashMap<>())
            .computeIfAbsent(g.kind(), k -> new ArrayList<>())
            .add(g);
      }
    }
    for (Map<GroupKind, List<Group>> byKind : m.values()) {
      byKind.values().forEach(l -> l.sort(Comparator.comparing(Group::id)));
    }
    return m;
  }

  private static OptionalInt yearOf(Student st) {
    return CohortCredentialPolicy.schoolYear(st.yearGroup().orElse(null));
  }

  // ------------------------------------------------------------------ mutations

  /** {@code n} new students, each with a new contact, some joining an existing family. */
  public static MisSnapshot joiners(MisSnapshot s, int n, long seed) {
    Random r = new Random(seed);
    Map<Integer, Map<GroupKind, List<Group>>> years = groupsByYear(s);
    List<Integer> yearList = new ArrayList<>();
    for (Map.Entry<Integer, Map<GroupKind, List<Group>>> e : years.entrySet()) {
      if (e.getValue().containsKey(GroupKind.YEAR)) {
        yearList.add(e.getKey());
      }
    }
    if (yearList.isEmpty()) {
      return s;
    }
    List<Group> houses = new ArrayList<>();
    for (Group g : s.groups()) {
      if (g.kind() == GroupKind.HOUSE) {
        houses.add(g);
      }
    }
    houses.sort(Comparator.comparing(Group::id));
    Set<String> studentIds = new HashSet<>();
    s.students().forEach(x -> studentIds.add(x.id()));
    Set<String> contactIds = new HashSet<>();
    s.contacts().forEach(x -> contactIds.add(x.id()));
    List<Student> existing = sortedStudents(s);
    int upn = nextUpnNumber(s);
    MisSnapshot.Builder b = s.toBuilder();
    for (int i = 0; i < n; i++) {
      int year = yearList.get(r.nextInt(yearList.size()));
      Map<GroupKind, List<Group>> g = java.util.Objects.requireNonNull(years.get(year));
      Group yearGroup = g.getOrDefault(GroupKind.YEAR, List.of()).get(0);
      String id = freshId(studentIds, "S-j");
      studentIds.add(id);
      String surname = Schools.pick(Schools.SURNAMES, r);
      Student st =
          Student.builder()
              .id(id)
              .legalName(Schools.pick(Schools.FORENAMES, r), surname)
              .upn(Schools.upn(upn++, 3))
              .yearGroup(yearGroup.name())
              .dateOfBirth(LocalDate.of(2021 - year, 1 + r.nextInt(12), 1 + r.nextInt(28)))
              .admissionDate(Schools.TODAY.minusDays(r.nextInt(30)))
              .build();
      b.addStudent(st);
      b.addMembership(Membership.of(yearGroup.id(), st.ref(), MembershipRole.MEMBER));
      List<Group> forms = g.getOrDefault(GroupKind.REGISTRATION, List.of());
      if (!forms.isEmpty()) {
        b.addMembership(
            Membership.of(
                forms.get(r.nextInt(forms.size())).id(), st.ref(), MembershipRole.MEMBER));
      }
      for (Group c : g.getOrDefault(GroupKind.CLASS, List.of())) {
        b.addMembership(Membership.of(c.id(), st.ref(), MembershipRole.MEMBER));
      }
      if (!houses.isEmpty()) {
        b.addMembership(
            Membership.of(
                houses.get(r.nextInt(houses.size())).id(), st.ref(), MembershipRole.MEMBER));
      }
      if (!existing.isEmpty() && r.nextInt(3) == 0) {
        // a sibling of an existing pupil: share their contacts
        Student sib = existing.get(r.nextInt(existing.size()));
        for (GuardianLink l : s.guardiansOf(sib.id())) {
          b.addGuardianLink(
              GuardianLink.builder(l.contactId(), id)
                  .relationship(l.relationship())
                  .parentalResponsibility(l.parentalResponsibility())
                  .priority(l.priority().isPresent() ? l.priority().getAsInt() : null)
                  .build());
        }
      } else {
        String cid = freshId(contactIds, "C-j");
        contactIds.add(cid);
        Contact c = Schools.contact("", 0, surname, r).toBuilder().id(cid).build();
        b.addContact(c);
        b.addGuardianLink(
            GuardianLink.builder(cid, id)
                .relationship(Relationship.CARER)
                .parentalResponsibility(true)
                .priority(1)
                .build());
      }
    }
    return Schools.withCounts(dedupeLinks(b.build()));
  }

  private static MisSnapshot dedupeLinks(MisSnapshot s) {
    // the sibling path may add a link the snapshot already has; drop the duplicate problem
    if (s.problems().isEmpty()) {
      return s;
    }
    MisSnapshot.Builder b = s.toBuilder();
    b.removeGuardianLinksIf(l -> true);
    Set<String> seen = new HashSet<>();
    for (GuardianLink l : s.guardianLinks()) {
      if (seen.add(l.key())) {
        b.addGuardianLink(l);
      }
    }
    return b.build();
  }

  /** {@code n} students gone from the (complete) snapshot, with contacts left without pupils. */
  public static MisSnapshot leaversRemoved(MisSnapshot s, int n, long seed) {
    Set<PersonRef> gone = new HashSet<>();
    for (Student st : sample(sortedStudents(s), n, new Random(seed))) {
      gone.add(st.ref());
    }
    return removePeople(s, gone);
  }

  /** {@code n} students still in the snapshot whose leaving date was yesterday. */
  public static MisSnapshot leaversByDate(MisSnapshot s, int n, long seed, LocalDate today) {
    MisSnapshot.Builder b = s.toBuilder();
    for (Student st : sample(sortedStudents(s), n, new Random(seed))) {
      LocalDate admitted = st.admissionDate().orElse(null);
      LocalDate leaving = today.minusDays(1);
      if (admitted != null && admitted.isAfter(leaving)) {
        b.put(st.toBuilder().admissionDate(leaving).leavingDate(leaving).build());
      } else {
        b.put(st.toBuilder().leavingDate(leaving).build());
      }
    }
    return Schools.withCounts(b.build());
  }

  /** {@code n} staff whose employment ended yesterday (half of them also gone from the MIS). */
  public static MisSnapshot staffLeavers(MisSnapshot s, int n, long seed, LocalDate today) {
    Random r = new Random(seed);
    List<StaffMember> staff = new ArrayList<>(s.staff());
    staff.sort(Comparator.comparing(StaffMember::id));
    Set<PersonRef> gone = new HashSet<>();
    MisSnapshot.Builder b = s.toBuilder();
    for (StaffMember st : sample(staff, n, r)) {
      if (r.nextBoolean()) {
        gone.add(st.ref());
      } else {
        LocalDate end = today.minusDays(1);
        LocalDate start = st.employmentStart().orElse(end);
        b.put(
            st.toBuilder()
                .employmentStart(start.isAfter(end) ? end : start)
                .employmentEnd(end)
                .build());
      }
    }
    return removePeople(b.build(), gone);
  }

  /** {@code n} students move to another form in their year. */
  public static MisSnapshot moves(MisSnapshot s, int n, long seed) {
    Random r = new Random(seed);
    Map<Integer, Map<GroupKind, List<Group>>> years = groupsByYear(s);
    MisSnapshot.Builder b = s.toBuilder();
    for (Student st : sample(sortedStudents(s), n, r)) {
      OptionalInt y = yearOf(st);
      if (y.isEmpty() || !years.containsKey(y.getAsInt())) {
        continue;
      }
      List<Group> forms =
          years
              .getOrDefault(y.getAsInt(), Map.of())
              .getOrDefault(GroupKind.REGISTRATION, List.of());
      if (forms.size() < 2) {
        continue;
      }
      Set<String> formIds = new HashSet<>();
      forms.forEach(f -> formIds.add(f.id()));
      String current = null;
      for (Membership m : s.membershipsOf(st.ref())) {
        if (formIds.contains(m.groupId())) {
          current = m.groupId();
        }
      }
      String from = current;
      List<Group> others = new ArrayList<>(forms);
      others.removeIf(f -> f.id().equals(from));
      Group to = others.get(r.nextInt(others.size()));
      b.removeMembershipsIf(m -> m.person().equals(st.ref()) && formIds.contains(m.groupId()));
      b.addMembership(Membership.of(to.id(), st.ref(), MembershipRole.MEMBER));
    }
    return Schools.withCounts(b.build());
  }

  /**
   * The year-end rollover: every student goes up a year (year label, year group, form and classes
   * move to next year's), the top year leaves the school.
   */
  public static MisSnapshot rollover(MisSnapshot s) {
    Map<Integer, Map<GroupKind, List<Group>>> years = groupsByYear(s);
    Set<PersonRef> leavers = new HashSet<>();
    MisSnapshot.Builder b = s.toBuilder();
    for (Student st : sortedStudents(s)) {
      OptionalInt y = yearOf(st);
      if (y.isEmpty()) {
        continue;
      }
      Map<GroupKind, List<Group>> now = years.get(y.getAsInt());
      Map<GroupKind, List<Group>> next = years.get(y.getAsInt() + 1);
      if (next == null || !next.containsKey(GroupKind.YEAR)) {
        leavers.add(st.ref());
        continue;
      }
      Set<String> yearScoped = new HashSet<>();
      if (now != null) {
        now.values().forEach(l -> l.forEach(g -> yearScoped.add(g.id())));
      }
      int formIndex = 0;
      List<Group> nowForms =
          now == null ? List.of() : now.getOrDefault(GroupKind.REGISTRATION, List.of());
      for (Membership m : s.membershipsOf(st.ref())) {
        for (int i = 0; i < nowForms.size(); i++) {
          if (nowForms.get(i).id().equals(m.groupId())) {
            formIndex = i;
          }
        }
      }
      b.removeMembershipsIf(m -> m.person().equals(st.ref()) && yearScoped.contains(m.groupId()));
      Group ny = next.getOrDefault(GroupKind.YEAR, List.of()).get(0);
      b.addMembership(Membership.of(ny.id(), st.ref(), MembershipRole.MEMBER));
      List<Group> nextForms = next.getOrDefault(GroupKind.REGISTRATION, List.of());
      if (!nextForms.isEmpty()) {
        b.addMembership(
            Membership.of(
                nextForms.get(Math.min(formIndex, nextForms.size() - 1)).id(),
                st.ref(),
                MembershipRole.MEMBER));
      }
      for (Group c : next.getOrDefault(GroupKind.CLASS, List.of())) {
        b.addMembership(Membership.of(c.id(), st.ref(), MembershipRole.MEMBER));
      }
      b.put(st.toBuilder().yearGroup(ny.name()).build());
    }
    return removePeople(b.build(), leavers);
  }

  /**
   * Next year's forms loaded early: a copy of every form, effective from {@code startsOn}, with
   * every current member of a form also a member of the copy from that day. Until then, nothing
   * should move.
   */
  public static MisSnapshot nextYearLoadedEarly(MisSnapshot s, LocalDate startsOn) {
    MisSnapshot.Builder b = s.toBuilder();
    for (Group g : s.groups()) {
      if (g.kind() != GroupKind.REGISTRATION) {
        continue;
      }
      Group copy =
          g.toBuilder()
              .id("next-" + g.id())
              .academicYear("next")
              .effectiveFrom(startsOn)
              .effectiveTo(null)
              .build();
      b.addGroup(copy);
      for (Membership m : s.membersOf(g.id())) {
        b.addMembership(Membership.of(copy.id(), m.person(), m.role(), startsOn, null));
      }
    }
    return Schools.withCounts(b.build());
  }

  /** The school switches MIS: every person and group gets a new id; UPNs, names, emails stay. */
  public static MisSnapshot migration(MisSnapshot s) {
    return migration(s, "mig-");
  }

  /** A migration with a chosen prefix for the new ids. */
  public static MisSnapshot migration(MisSnapshot s, String prefix) {
    MisSnapshot.Builder b = MisSnapshot.builder(s.source());
    for (Student st : s.students()) {
      b.addStudent(st.toBuilder().id(prefix + st.id()).build());
    }
    for (StaffMember st : s.staff()) {
      b.addStaff(st.toBuilder().id(prefix + st.id()).build());
    }
    for (Contact c : s.contacts()) {
      b.addContact(c.toBuilder().id(prefix + c.id()).build());
    }
    for (Group g : s.groups()) {
      b.addGroup(g.toBuilder().id(prefix + g.id()).build());
    }
    for (Membership m : s.memberships()) {
      b.addMembership(
          Membership.of(
              prefix + m.groupId(),
              new PersonRef(m.personType(), prefix + m.personId()),
              m.role(),
              m.effectiveFrom().orElse(null),
              m.effectiveTo().orElse(null)));
    }
    for (GuardianLink l : s.guardianLinks()) {
      GuardianLink.Builder lb =
          GuardianLink.builder(prefix + l.contactId(), prefix + l.studentId())
              .relationship(l.relationship())
              .parentalResponsibility(l.parentalResponsibility())
              .livesWithPupil(l.livesWithPupil().orElse(null));
      l.priority().ifPresent(lb::priority);
      b.addGuardianLink(lb.build());
    }
    for (EntityType t : EntityType.values()) {
      b.completeness(t, s.completeness(t));
    }
    return Schools.withCounts(b.build());
  }

  /**
   * Contact changes: one relationship changes, one student gains a new contact with parental
   * responsibility, and one link is removed.
   */
  public static MisSnapshot contactChanges(MisSnapshot s, long seed) {
    Random r = new Random(seed);
    List<GuardianLink> links = new ArrayList<>(s.guardianLinks());
    links.sort(Comparator.comparing(GuardianLink::key));
    MisSnapshot.Builder b = s.toBuilder();
    if (!links.isEmpty()) {
      GuardianLink changed = links.get(r.nextInt(links.size()));
      Relationship next =
          changed.relationship().equals(Relationship.CARER)
              ? Relationship.GUARDIAN
              : Relationship.CARER;
      b.removeGuardianLinksIf(l -> l.key().equals(changed.key()));
      b.addGuardianLink(changed.toBuilder().relationship(next).build());
      GuardianLink removed = links.get(r.nextInt(links.size()));
      if (!removed.key().equals(changed.key())) {
        b.removeGuardianLinksIf(l -> l.key().equals(removed.key()));
      }
    }
    List<Student> students = sortedStudents(s);
    if (!students.isEmpty()) {
      Student st = students.get(r.nextInt(students.size()));
      Set<String> ids = new HashSet<>();
      s.contacts().forEach(c -> ids.add(c.id()));
      String cid = freshId(ids, "C-n");
      b.addContact(Schools.contact("", 0, st.surname(), r).toBuilder().id(cid).build());
      b.addGuardianLink(
          GuardianLink.builder(cid, st.id())
              .relationship(Relationship.GUARDIAN)
              .parentalResponsibility(true)
              .priority(3)
              .build());
    }
    return Schools.withCounts(b.build());
  }

  /**
   * A partial read (a delta, a failed page): only {@code keepPercent}% of the type is kept, and the
   * type, its memberships and guardian links are marked PARTIAL.
   */
  public static MisSnapshot partial(MisSnapshot s, EntityType type, int keepPercent, long seed) {
    MisSnapshot cut = cut(s, type, keepPercent, seed);
    return cut.toBuilder()
        .completeness(type, Completeness.PARTIAL)
        .completeness(EntityType.MEMBERSHIP, Completeness.PARTIAL)
        .completeness(EntityType.GUARDIAN_LINK, Completeness.PARTIAL)
        .build();
  }

  /**
   * A half-loaded export that still claims to be complete: only {@code keepPercent}% of the type is
   * kept, but the source's own count is the full one.
   */
  public static MisSnapshot truncated(MisSnapshot s, EntityType type, int keepPercent, long seed) {
    MisSnapshot cut = cut(s, type, keepPercent, seed);
    return cut.toBuilder()
        .completeness(type, Completeness.COMPLETE)
        .sourceCount(type, s.count(type))
        .build();
  }

  private static MisSnapshot cut(MisSnapshot s, EntityType type, int keepPercent, long seed) {
    List<Person> people = new ArrayList<>();
    for (Person p : s.people()) {
      if (p.entityType() == type) {
        people.add(p);
      }
    }
    people.sort(Comparator.comparing(Person::id));
    java.util.Collections.shuffle(people, new Random(seed));
    int keep = people.size() * keepPercent / 100;
    Set<PersonRef> gone = new HashSet<>();
    for (Person p : people.subList(keep, people.size())) {
      gone.add(p.ref());
    }
    MisSnapshot.Builder b = s.toBuilder();
    gone.forEach(b::remove);
    b.removeMembershipsIf(m -> gone.contains(m.person()));
    b.removeGuardianLinksIf(l -> gone.contains(l.student()) || gone.contains(l.contact()));
    return b.build();
  }
}
