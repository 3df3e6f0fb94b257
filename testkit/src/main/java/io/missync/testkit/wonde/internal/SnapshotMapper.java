package io.missync.testkit.wonde.internal;

import io.missync.core.EntityType;
import io.missync.core.model.Gender;
import io.missync.core.model.GroupKind;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.Membership;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.model.SourceInfo;
import io.missync.core.model.StaffMember;
import io.missync.testkit.wonde.WireVariants;
import io.missync.testkit.wonde.internal.Model.Contact;
import io.missync.testkit.wonde.internal.Model.Employee;
import io.missync.testkit.wonde.internal.Model.Group;
import io.missync.testkit.wonde.internal.Model.Person;
import io.missync.testkit.wonde.internal.Model.Student;
import io.missync.testkit.wonde.internal.Model.TeacherRole;
import io.missync.testkit.wonde.internal.Model.TeachingClass;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The ground truth: what a correct full Wonde fetch of one school must turn into. The conventions
 * are documented on {@code SchoolWorld#toSnapshot(WireVariants)}.
 */
public final class SnapshotMapper {
  private SnapshotMapper() {}

  public static MisSnapshot map(SchoolData d, WireVariants v, Instant capturedAt) {
    MisSnapshot.Builder b = MisSnapshot.builder(new SourceInfo(d.id, "wonde", d.mis, capturedAt));
    boolean dob = v.dateOfBirth() != WireVariants.DateStyle.NULL;
    boolean eduDates = v.educationDates() != WireVariants.DateStyle.NULL;
    boolean relObject = v.relationship() == WireVariants.RelationshipStyle.OBJECT;
    for (Student s : d.students.values()) {
      if (!s.isCurrent()) {
        continue;
      }
      io.missync.core.model.Student.Builder sb =
          io.missync.core.model.Student.builder()
              .upn(s.upn)
              .formerUpn(s.formerUpn)
              .yearGroup(s.ncYear)
              .admissionNumber(s.admissionNumber)
              .admissionDate(eduDates ? s.admissionDate : null)
              .leavingDate(eduDates ? s.leavingDate : null);
      person(sb, s, dob);
      b.addStudent(sb.build());
    }
    for (Employee e : d.employees.values()) {
      if (!e.isCurrent()) {
        continue;
      }
      StaffMember.Builder sb =
          StaffMember.builder()
              .jobTitle(e.roleText)
              .teaching(e.teachingStaff)
              .employmentStart(e.employmentStart)
              .employmentEnd(e.employmentEnd);
      person(sb, e, dob);
      b.addStaff(sb.build());
    }
    for (Contact c : d.contacts.values()) {
      if (!c.isCurrent()) {
        continue;
      }
      io.missync.core.model.Contact.Builder cb =
          io.missync.core.model.Contact.builder()
              .phone(c.mobile != null ? c.mobile : c.homePhone)
              .staffId(staffIdOf(d, c));
      person(cb, c, dob);
      b.addContact(cb.build());
    }
    for (Group g : d.groups.values()) {
      if (!g.isCurrent()) {
        continue;
      }
      b.addGroup(
          io.missync.core.model.Group.builder()
              .id(g.id)
              .kind(kind(g.type))
              .name(g.name)
              .code(g.code)
              .misId(g.misId)
              .sourceType(g.type)
              .build());
      boolean pupilGroup = kind(g.type) != GroupKind.OTHER;
      for (Student s : g.students) {
        if (s.isCurrent()) {
          b.addMembership(Membership.of(g.id, PersonRef.student(s.id), MembershipRole.MEMBER));
        }
      }
      for (Employee e : g.employees) {
        if (e.isCurrent()) {
          b.addMembership(
              Membership.of(
                  g.id,
                  PersonRef.staff(e.id),
                  pupilGroup ? MembershipRole.TEACHER : MembershipRole.MEMBER));
        }
      }
    }
    for (TeachingClass c : d.classes.values()) {
      if (!c.isCurrent()) {
        continue;
      }
      b.addGroup(
          io.missync.core.model.Group.builder()
              .id(c.id)
              .kind(GroupKind.CLASS)
              .name(c.name)
              .code(c.code)
              .misId(c.misId)
              .subject(c.subject.isCurrent() ? c.subject.name : null)
              .yearGroup(v.classYearFields() ? c.yearGroup : pupilsYear(c))
              .build());
      for (Student s : c.students) {
        if (s.isCurrent()) {
          b.addMembership(Membership.of(c.id, PersonRef.student(s.id), MembershipRole.MEMBER));
        }
      }
      for (Map.Entry<Employee, TeacherRole> t : c.teachers.entrySet()) {
        if (t.getKey().isCurrent()) {
          b.addMembership(
              Membership.of(
                  c.id,
                  PersonRef.staff(t.getKey().id),
                  t.getValue().mainTeacher ? MembershipRole.MAIN_TEACHER : MembershipRole.TEACHER));
        }
      }
    }
    for (Student s : d.students.values()) {
      if (!s.isCurrent()) {
        continue;
      }
      for (Model.GuardianLink l : s.guardians) {
        if (!l.contact.isCurrent()) {
          continue;
        }
        GuardianLink.Builder lb =
            GuardianLink.builder(l.contact.id, s.id).relationship(Relationship.of(l.relationship));
        if (relObject) {
          lb.parentalResponsibility(l.parentalResponsibility)
              .priority(l.priority)
              .livesWithPupil(l.livesWithPupil)
              .courtOrder(l.courtOrder);
        }
        b.addGuardianLink(lb.build());
      }
    }
    b.allComplete();
    b.sourceCount(
        EntityType.STUDENT, d.students.values().stream().filter(Model.Entity::isCurrent).count());
    b.sourceCount(
        EntityType.STAFF, d.employees.values().stream().filter(Model.Entity::isCurrent).count());
    b.sourceCount(
        EntityType.CONTACT, d.contacts.values().stream().filter(Model.Entity::isCurrent).count());
    return b.build();
  }

  /**
   * The id of the one current employee sharing this contact's UPI (a member of staff who is also a
   * parent: Wonde gives both records the same UPI), or null.
   */
  private static @Nullable String staffIdOf(SchoolData d, Contact c) {
    String found = null;
    for (Employee e : d.employees.values()) {
      if (e.isCurrent() && e.upi.equals(c.upi)) {
        if (found != null) {
          return null;
        }
        found = e.id;
      }
    }
    return found;
  }

  /** The NC year of more than half of a class's current pupils, or null (none, or split). */
  private static @Nullable String pupilsYear(TeachingClass c) {
    Map<String, Integer> years = new java.util.HashMap<>();
    int known = 0;
    for (Student s : c.students) {
      if (s.isCurrent() && s.ncYear != null) {
        years.merge(s.ncYear, 1, Integer::sum);
        known++;
      }
    }
    for (Map.Entry<String, Integer> e : years.entrySet()) {
      if (e.getValue() * 2 > known) {
        return e.getKey();
      }
    }
    return null;
  }

  private static <B extends io.missync.core.model.Person.Builder<?, B>> void person(
      B b, Person p, boolean dob) {
    b.id(p.id)
        .misId(p.misId)
        .upi(p.upi)
        .title(p.title)
        .legalName(p.legalForename, p.legalSurname)
        .preferredName(differs(p.forename, p.legalForename), differs(p.surname, p.legalSurname))
        .middleNames(p.middleNames)
        .gender(p.gender == null ? null : Gender.of(p.gender))
        .dateOfBirth(dob ? p.dateOfBirth : null)
        .email(p.email);
  }

  private static @Nullable String differs(String preferred, String legal) {
    return preferred.equals(legal) ? null : preferred;
  }

  /** YEAR, REGISTRATION and HOUSE map to their kinds; every other Wonde group type is OTHER. */
  public static GroupKind kind(String wondeType) {
    return switch (wondeType) {
      case SchoolData.YEAR -> GroupKind.YEAR;
      case SchoolData.REGISTRATION -> GroupKind.REGISTRATION;
      case SchoolData.HOUSE -> GroupKind.HOUSE;
      default -> GroupKind.OTHER;
    };
  }
}
