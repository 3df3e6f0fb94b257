package io.missync.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.missync.core.EntityType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Any sequence of builder operations (adds, replacements, removals, references added before or
 * after what they name, lookups, removals by filter, intermediate builds, {@code toBuilder}) gives
 * the snapshot a plain model of the same operations predicts; and a snapshot never changes when the
 * builder it came from goes on changing. This guards the builder's resolve-when-added positions.
 */
class BuilderOperationsProperties {
  private static final SourceInfo SOURCE = new SourceInfo("S", "prop", null, Instant.EPOCH);
  private static final int IDS = 5;

  /** What the builder should hold, kept the plainest way. */
  private static final class Model {
    final Map<String, Student> students = new LinkedHashMap<>();
    final Map<String, StaffMember> staff = new LinkedHashMap<>();
    final Map<String, Contact> contacts = new LinkedHashMap<>();
    final Map<String, Group> groups = new LinkedHashMap<>();
    List<Membership> memberships = new ArrayList<>();
    List<GuardianLink> links = new ArrayList<>();

    Map<String, ? extends Person> people(EntityType t) {
      return t == EntityType.STUDENT ? students : t == EntityType.STAFF ? staff : contacts;
    }

    boolean resolvable(Membership m) {
      return groups.containsKey(m.groupId()) && people(m.personType()).containsKey(m.personId());
    }

    boolean resolvable(GuardianLink l) {
      return contacts.containsKey(l.contactId()) && students.containsKey(l.studentId());
    }

    List<Membership> resolvedMemberships() {
      Set<String> keys = new LinkedHashSet<>();
      return memberships.stream()
          .filter(m -> resolvable(m) && keys.add(m.key()))
          .collect(Collectors.toList());
    }

    List<GuardianLink> resolvedLinks() {
      Set<String> keys = new LinkedHashSet<>();
      return links.stream()
          .filter(l -> resolvable(l) && keys.add(l.key()))
          .collect(Collectors.toList());
    }

    /** What toBuilder keeps: resolved references (each once), then the unresolved ones. */
    void rebuilt() {
      List<Membership> ms = new ArrayList<>(resolvedMemberships());
      memberships.stream().filter(m -> !resolvable(m)).forEach(ms::add);
      memberships = ms;
      List<GuardianLink> ls = new ArrayList<>(resolvedLinks());
      links.stream().filter(l -> !resolvable(l)).forEach(ls::add);
      links = ls;
    }
  }

  /** A snapshot with the lists the model predicted for it when it was built. */
  private record Expected(
      MisSnapshot snapshot,
      List<Student> students,
      List<StaffMember> staff,
      List<Contact> contacts,
      List<Group> groups,
      List<Membership> memberships,
      List<Membership> unresolved,
      List<GuardianLink> links) {

    static Expected of(MisSnapshot s, Model m) {
      return new Expected(
          s,
          List.copyOf(m.students.values()),
          List.copyOf(m.staff.values()),
          List.copyOf(m.contacts.values()),
          List.copyOf(m.groups.values()),
          m.resolvedMemberships(),
          m.memberships.stream().filter(x -> !m.resolvable(x)).collect(Collectors.toList()),
          m.resolvedLinks());
    }

    void check() {
      assertEquals(students, snapshot.students());
      assertEquals(staff, snapshot.staff());
      assertEquals(contacts, snapshot.contacts());
      assertEquals(groups, snapshot.groups());
      assertEquals(memberships, snapshot.memberships());
      assertEquals(unresolved, snapshot.unresolvedMemberships());
      assertEquals(links, snapshot.guardianLinks());
      for (int i = 0; i < IDS; i++) {
        String id = "" + i;
        for (EntityType t : List.of(EntityType.STUDENT, EntityType.STAFF, EntityType.CONTACT)) {
          PersonRef ref = new PersonRef(t, "P" + id);
          List<? extends Person> of =
              t == EntityType.STUDENT ? students : t == EntityType.STAFF ? staff : contacts;
          assertEquals(
              of.stream().filter(p -> p.id().equals(ref.id())).findFirst(),
              snapshot.person(ref).map(p -> p));
          assertEquals(
              memberships.stream().filter(m -> m.person().equals(ref)).collect(Collectors.toList()),
              snapshot.membershipsOf(ref));
        }
        assertEquals(
            memberships.stream()
                .filter(m -> m.groupId().equals("G" + id))
                .collect(Collectors.toList()),
            snapshot.membersOf("G" + id));
        assertEquals(
            links.stream().filter(l -> l.studentId().equals("P" + id)).collect(Collectors.toList()),
            snapshot.guardiansOf("P" + id));
        assertEquals(
            links.stream().filter(l -> l.contactId().equals("P" + id)).collect(Collectors.toList()),
            snapshot.linksOfContact("P" + id));
      }
    }
  }

  @Property(tries = 400)
  void builderAgreesWithAPlainModel(
      @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 100_000) Integer> ops) {
    MisSnapshot.Builder b = MisSnapshot.builder(SOURCE);
    Model model = new Model();
    List<Expected> built = new ArrayList<>();
    int version = 0;
    for (int op : ops) {
      int kind = op % 14;
      int a = (op / 14) % IDS;
      int c = (op / (14 * IDS)) % IDS;
      int t = (op / (14 * IDS * IDS)) % 3;
      EntityType type = List.of(EntityType.STUDENT, EntityType.STAFF, EntityType.CONTACT).get(t);
      String pid = "P" + a;
      version++;
      switch (kind) {
        case 0, 1 -> { // add a person, refused when the id is taken
          Person p = person(type, pid, version);
          boolean taken = model.people(type).containsKey(pid);
          try {
            b.add(p);
            assertEquals(false, taken, "a taken id was accepted");
            put(model, p);
          } catch (DuplicateIdException e) {
            assertEquals(true, taken, "a free id was refused");
          }
        }
        case 2 -> { // replace or add
          Person p = person(type, pid, version);
          b.put(p);
          put(model, p);
        }
        case 3 -> {
          b.remove(new PersonRef(type, pid));
          model.people(type).remove(pid);
        }
        case 4 -> {
          Group g = group("G" + a, version);
          if (model.groups.containsKey(g.id())) {
            b.putGroup(g);
          } else {
            b.addGroup(g);
          }
          model.groups.put(g.id(), g);
        }
        case 5 -> {
          b.removeGroup("G" + a);
          model.groups.remove("G" + a);
        }
        case 6, 7 -> { // a membership, maybe naming what is not there (yet)
          Membership m =
              Membership.of("G" + c, new PersonRef(type, pid), MembershipRole.values()[c % 3]);
          b.addMembership(m);
          model.memberships.add(m);
        }
        case 8 -> { // look up first (the builder remembers it), then add naming that person
          b.group("G" + c);
          PersonRef ref = new PersonRef(type, pid);
          if (c % 2 == 0) {
            // the builder's own id instance, as an importer resolving a row would use it
            ref = b.findRef(pid).filter(r -> r.type() == type).orElse(ref);
          } else {
            b.findPerson(pid);
            b.person(ref);
          }
          Membership m = Membership.of("G" + c, ref, MembershipRole.MEMBER);
          b.addMembership(m);
          model.memberships.add(m);
        }
        case 9 -> {
          GuardianLink l = GuardianLink.builder("P" + a, "P" + c).build();
          b.addGuardianLink(l);
          model.links.add(l);
        }
        case 10 -> {
          String g = "G" + a;
          b.removeMembershipsIf(m -> m.groupId().equals(g));
          model.memberships.removeIf(m -> m.groupId().equals(g));
        }
        case 11 -> {
          String s = "P" + a;
          b.removeGuardianLinksIf(l -> l.studentId().equals(s));
          model.links.removeIf(l -> l.studentId().equals(s));
        }
        case 12 -> {
          List<Membership> seen = new ArrayList<>();
          b.forEachMembership(seen::add);
          assertEquals(model.memberships, seen, "the builder's memberships, in input order");
          built.add(Expected.of(b.build(), model));
        }
        default -> { // continue from a built snapshot, as a delta does
          MisSnapshot s = b.build();
          built.add(Expected.of(s, model));
          b = s.toBuilder();
          model.rebuilt();
        }
      }
    }
    built.add(Expected.of(b.build(), model));
    // every snapshot still holds what it held when built, whatever the builder did afterwards
    for (Expected e : built) {
      e.check();
    }
  }

  private static void put(Model model, Person p) {
    if (p instanceof Student s) {
      model.students.put(s.id(), s);
    } else if (p instanceof StaffMember s) {
      model.staff.put(s.id(), s);
    } else {
      model.contacts.put(p.id(), (Contact) p);
    }
  }

  private static Person person(EntityType type, String id, int version) {
    // the version in the name tells a replacement from the record it replaced
    String surname = "V" + version;
    switch (type) {
      case STUDENT:
        return Student.builder().id(id).legalName("A", surname).build();
      case STAFF:
        return StaffMember.builder().id(id).legalName("A", surname).build();
      default:
        return Contact.builder().id(id).legalName("A", surname).build();
    }
  }

  private static Group group(String id, int version) {
    return Group.builder().id(id).kind(GroupKind.CLASS).name("C" + version).build();
  }
}
