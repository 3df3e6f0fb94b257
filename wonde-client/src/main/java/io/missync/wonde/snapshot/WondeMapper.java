package io.missync.wonde.snapshot;

import io.missync.core.EntityType;
import io.missync.core.model.Contact;
import io.missync.core.model.Gender;
import io.missync.core.model.Group;
import io.missync.core.model.GroupKind;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.InvalidRecordException;
import io.missync.core.model.Membership;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import io.missync.wonde.WondeDecodeException;
import io.missync.wonde.model.ContactDetails;
import io.missync.wonde.model.EducationDetails;
import io.missync.wonde.model.Emails;
import io.missync.wonde.model.Employee;
import io.missync.wonde.model.EmploymentDetails;
import io.missync.wonde.model.GroupType;
import io.missync.wonde.model.Phones;
import io.missync.wonde.model.SchoolClass;
import io.missync.wonde.model.TeachingPivot;
import io.missync.wonde.model.WirePerson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Maps Wonde wire models to core records. A field that cannot be decoded, or that breaks a core
 * rule (a malformed UPN or email), is dropped and reported; a record that cannot be built at all
 * (no id, no name) is left out and its type marked incomplete. Nothing is silently lost.
 */
final class WondeMapper {
  private final Issues issues;

  /** Classes read in this fetch whose year came from the wire's {@code year_group}. */
  private final java.util.Set<String> wireYears = new java.util.HashSet<>();

  private final java.util.concurrent.atomic.AtomicBoolean classWithoutWireYear =
      new java.util.concurrent.atomic.AtomicBoolean();

  WondeMapper(Issues issues) {
    this.issues = issues;
  }

  /** The Wonde id, or null (reported, type incomplete) when missing. */
  @Nullable String id(EntityType type, Supplier<String> id, String jsonPath) {
    try {
      String s = id.get();
      return s.isBlank() ? null : s;
    } catch (WondeDecodeException e) {
      issues.leftOut(type, jsonPath, "id", "no readable id");
      return null;
    }
  }

  Optional<Student> student(io.missync.wonde.model.Student w) {
    String id = id(EntityType.STUDENT, w::id, w.jsonPath());
    if (id == null) {
      return Optional.empty();
    }
    Student.Builder b = Student.builder();
    person(EntityType.STUDENT, id, w, b);
    EducationDetails ed =
        issues.read(EntityType.STUDENT, id, "education_details", w::educationDetails);
    String year = null;
    if (ed != null) {
      b.upn(issues.read(EntityType.STUDENT, id, "upn", ed::upn));
      b.formerUpn(issues.read(EntityType.STUDENT, id, "former_upn", ed::formerUpn));
      b.admissionNumber(
          issues.read(EntityType.STUDENT, id, "admission_number", ed::admissionNumber));
      b.admissionDate(issues.read(EntityType.STUDENT, id, "admission_date", ed::admissionDate));
      b.leavingDate(issues.read(EntityType.STUDENT, id, "leaving_date", ed::leavingDate));
      year = issues.read(EntityType.STUDENT, id, "current_nc_year", ed::currentNcYear);
    }
    if (year == null) {
      io.missync.wonde.model.Group y = issues.read(EntityType.STUDENT, id, "year", w::year);
      if (y != null) {
        year = issues.read(EntityType.STUDENT, id, "year.code", y::code);
        if (year == null) {
          year = issues.read(EntityType.STUDENT, id, "year.name", y::name);
        }
      }
    }
    b.yearGroup(year);
    return build(
        EntityType.STUDENT,
        id,
        b::build,
        Map.of(
            "upn", () -> b.upn(null),
            "formerUpn", () -> b.formerUpn(null),
            "email", () -> b.email(null),
            // keep the leaving date: it is what makes a leaver
            "leavingDate", () -> b.admissionDate(null)));
  }

  Optional<StaffMember> staff(Employee w) {
    String id = id(EntityType.STAFF, w::id, w.jsonPath());
    if (id == null) {
      return Optional.empty();
    }
    StaffMember.Builder b = StaffMember.builder();
    person(EntityType.STAFF, id, w, b);
    EmploymentDetails ed =
        issues.read(EntityType.STAFF, id, "employment_details", w::employmentDetails);
    if (ed != null) {
      b.jobTitle(issues.read(EntityType.STAFF, id, "role_text", ed::roleText));
      Boolean teaching = issues.read(EntityType.STAFF, id, "teaching_staff", ed::teachingStaff);
      b.teaching(Boolean.TRUE.equals(teaching));
      b.employmentStart(
          issues.read(EntityType.STAFF, id, "employment_start_date", ed::employmentStartDate));
      b.employmentEnd(
          issues.read(EntityType.STAFF, id, "employment_end_date", ed::employmentEndDate));
      Boolean current = issues.read(EntityType.STAFF, id, "current", ed::current);
      if (Boolean.FALSE.equals(current)) {
        // the MIS says this person no longer works here: not part of the school (a leaver)
        issues.add(EntityType.STAFF, id, "current", "not current: left out as a leaver");
        return Optional.empty();
      }
    }
    return build(
        EntityType.STAFF,
        id,
        b::build,
        Map.of(
            "email", () -> b.email(null),
            // keep the end date: it is what makes a leaver
            "employmentEnd", () -> b.employmentStart(null)));
  }

  Optional<Contact> contact(io.missync.wonde.model.Contact w) {
    String id = id(EntityType.CONTACT, w::id, w.jsonPath());
    if (id == null) {
      return Optional.empty();
    }
    Contact.Builder b = Contact.builder();
    person(EntityType.CONTACT, id, w, b);
    ContactDetails cd = issues.read(EntityType.CONTACT, id, "contact_details", w::contactDetails);
    if (cd != null) {
      Phones phones = issues.read(EntityType.CONTACT, id, "phones", cd::phones);
      if (phones != null) {
        String p = issues.read(EntityType.CONTACT, id, "phones.primary", phones::primary);
        if (p == null) {
          p = issues.read(EntityType.CONTACT, id, "phones.mobile", phones::mobile);
        }
        if (p == null) {
          p = issues.read(EntityType.CONTACT, id, "phones.phone", phones::phone);
        }
        b.phone(p);
      }
    }
    return build(EntityType.CONTACT, id, b::build, Map.of("email", () -> b.email(null)));
  }

  private void person(
      EntityType type, String id, WirePerson w, io.missync.core.model.Person.Builder<?, ?> b) {
    b.id(id);
    b.misId(issues.read(type, id, "mis_id", w::misId));
    b.upi(issues.read(type, id, "upi", w::upi));
    b.title(issues.read(type, id, "title", w::title));
    String legalForename = issues.read(type, id, "legal_forename", w::legalForename);
    String legalSurname = issues.read(type, id, "legal_surname", w::legalSurname);
    b.legalName(legalForename, legalSurname);
    // Wonde's forename/surname are the preferred names; keep them only where they differ
    b.preferredName(
        differs(issues.read(type, id, "forename", w::forename), legalForename),
        differs(issues.read(type, id, "surname", w::surname), legalSurname));
    b.middleNames(issues.read(type, id, "middle_names", w::middleNames));
    io.missync.wonde.model.Gender g = issues.read(type, id, "gender", w::gender);
    if (g != null && !g.value().isBlank()) {
      b.gender(Gender.of(g.value()));
    }
    b.dateOfBirth(issues.read(type, id, "date_of_birth", w::dateOfBirth));
    ContactDetails cd = issues.read(type, id, "contact_details", w::contactDetails);
    if (cd != null) {
      Emails emails = issues.read(type, id, "emails", cd::emails);
      if (emails != null) {
        String e = issues.read(type, id, "emails.email", emails::email);
        if (e == null) {
          e = issues.read(type, id, "emails.primary", emails::primary);
        }
        if (e == null) {
          e = issues.read(type, id, "emails.work", emails::work);
        }
        if (e == null) {
          e = issues.read(type, id, "emails.home", emails::home);
        }
        b.email(e);
      }
    }
  }

  private static @Nullable String differs(@Nullable String preferred, @Nullable String legal) {
    return preferred == null || preferred.equals(legal) ? null : preferred;
  }

  /** Builds, dropping fields that break a rule (reported) until it builds or cannot. */
  private <T> Optional<T> build(
      EntityType type, String id, Supplier<T> build, Map<String, Runnable> droppable) {
    for (int attempt = 0; attempt <= droppable.size(); attempt++) {
      try {
        return Optional.of(build.get());
      } catch (InvalidRecordException e) {
        Runnable drop = droppable.get(e.field());
        if (drop == null) {
          issues.leftOut(type, id, e.field(), "breaks a model rule");
          return Optional.empty();
        }
        issues.add(type, id, e.field(), "dropped: breaks a model rule");
        drop.run();
      }
    }
    issues.leftOut(type, id, "*", "breaks model rules");
    return Optional.empty();
  }

  /** Guardian links from a student's {@code contacts} include; null when not included. */
  @Nullable List<GuardianLink> links(String studentId, io.missync.wonde.model.Student w) {
    List<io.missync.wonde.model.Contact> contacts;
    try {
      Optional<List<io.missync.wonde.model.Contact>> c = w.contacts();
      if (c.isEmpty()) {
        return null;
      }
      contacts = c.get();
    } catch (WondeDecodeException e) {
      issues.add(EntityType.GUARDIAN_LINK, studentId, "contacts", "unreadable include");
      issues.incomplete.add(EntityType.GUARDIAN_LINK);
      return null;
    }
    List<GuardianLink> out = new ArrayList<>(contacts.size());
    for (io.missync.wonde.model.Contact c : contacts) {
      String contactId = id(EntityType.GUARDIAN_LINK, c::id, c.jsonPath());
      if (contactId == null) {
        continue;
      }
      String key = contactId + "->" + studentId;
      GuardianLink.Builder b = GuardianLink.builder(contactId, studentId);
      io.missync.wonde.model.Relationship r =
          issues.read(EntityType.GUARDIAN_LINK, key, "relationship", c::relationship);
      if (r != null) {
        io.missync.wonde.model.RelationshipType t =
            issues.read(EntityType.GUARDIAN_LINK, key, "relationship.type", r::type);
        if (t != null && !t.value().isBlank()) {
          b.relationship(Relationship.of(t.value()));
        }
        Boolean pr =
            issues.read(
                EntityType.GUARDIAN_LINK,
                key,
                "parental_responsibility",
                r::parentalResponsibility);
        b.parentalResponsibility(Boolean.TRUE.equals(pr));
        Integer priority =
            issues.read(EntityType.GUARDIAN_LINK, key, "priority", () -> boxed(r.priority()));
        if (priority != null && priority >= 1) {
          b.priority(priority);
        } else if (priority != null) {
          issues.add(EntityType.GUARDIAN_LINK, key, "priority", "dropped: must be 1 or more");
        }
        b.livesWithPupil(
            issues.read(EntityType.GUARDIAN_LINK, key, "lives_with_pupil", r::livesWithPupil));
        // a safeguarding fact: an unreadable flag is reported, and read as no court order only
        // because Wonde sending nothing means the same
        b.courtOrder(
            Boolean.TRUE.equals(
                issues.read(EntityType.GUARDIAN_LINK, key, "court_order", r::courtOrder)));
      }
      try {
        out.add(b.build());
      } catch (InvalidRecordException e) {
        issues.leftOut(EntityType.GUARDIAN_LINK, key, e.field(), "breaks a model rule");
      }
    }
    return out;
  }

  private static Optional<Integer> boxed(OptionalInt i) {
    return i.isPresent() ? Optional.of(i.getAsInt()) : Optional.empty();
  }

  static GroupKind kind(@Nullable GroupType t) {
    if (t == null) {
      return GroupKind.OTHER;
    }
    if (t.equals(GroupType.YEAR)) {
      return GroupKind.YEAR;
    }
    if (t.equals(GroupType.REGISTRATION)) {
      return GroupKind.REGISTRATION;
    }
    if (t.equals(GroupType.HOUSE)) {
      return GroupKind.HOUSE;
    }
    return GroupKind.OTHER;
  }

  Optional<Group> group(io.missync.wonde.model.Group w) {
    String id = id(EntityType.GROUP, w::id, w.jsonPath());
    if (id == null) {
      return Optional.empty();
    }
    GroupType type = issues.read(EntityType.GROUP, id, "type", w::type);
    Group.Builder b =
        Group.builder()
            .id(id)
            .kind(kind(type))
            .sourceType(type == null ? null : type.value())
            .code(issues.read(EntityType.GROUP, id, "code", w::code))
            .misId(issues.read(EntityType.GROUP, id, "mis_id", w::misId));
    b.name(groupName(id, issues.read(EntityType.GROUP, id, "name", w::name), w::code));
    return buildGroup(id, b);
  }

  Optional<Group> schoolClass(SchoolClass w) {
    String id = id(EntityType.GROUP, w::id, w.jsonPath());
    if (id == null) {
      return Optional.empty();
    }
    String subject = null;
    io.missync.wonde.model.Subject s = issues.read(EntityType.GROUP, id, "subject", w::subject);
    if (s != null) {
      subject = issues.read(EntityType.GROUP, id, "subject.name", s::name);
    }
    if (subject == null) {
      subject = issues.read(EntityType.GROUP, id, "subject", w::subjectId);
    }
    Group.Builder b =
        Group.builder()
            .id(id)
            .kind(GroupKind.CLASS)
            .sourceType(issues.read(EntityType.GROUP, id, "type", w::type))
            .code(issues.read(EntityType.GROUP, id, "code", w::code))
            .misId(issues.read(EntityType.GROUP, id, "mis_id", w::misId))
            .subject(subject)
            // academic_year is not mapped: Wonde sends a bare year ("2026") whose meaning (start or
            // end of the school year) is not documented; it stays readable on the wire model.
            // year_group is sent by SIMS only; without it the year comes from the pupils (see
            // derive)
            .yearGroup(issues.read(EntityType.GROUP, id, "year_group", w::yearGroup));
    b.name(groupName(id, issues.read(EntityType.GROUP, id, "name", w::name), w::code));
    Optional<Group> g = buildGroup(id, b);
    if (g.isPresent() && g.get().yearGroup().isPresent()) {
      wireYears.add(id);
    } else if (g.isPresent()) {
      classWithoutWireYear.set(true);
    }
    return g;
  }

  private String groupName(String id, @Nullable String name, Supplier<Optional<String>> code) {
    if (name != null && !name.isBlank()) {
      return name;
    }
    String c = issues.read(EntityType.GROUP, id, "code", code);
    if (c != null && !c.isBlank()) {
      issues.add(EntityType.GROUP, id, "name", "missing, code used instead");
      return c;
    }
    issues.add(EntityType.GROUP, id, "name", "missing, id used instead");
    return id;
  }

  private Optional<Group> buildGroup(String id, Group.Builder b) {
    try {
      return Optional.of(b.build());
    } catch (InvalidRecordException e) {
      issues.leftOut(EntityType.GROUP, id, e.field(), "breaks a model rule");
      return Optional.empty();
    }
  }

  /**
   * Memberships from a group's or class's {@code students} and {@code employees} includes; null
   * when either include is missing (membership of this group unknown).
   */
  @Nullable List<Membership> members(
      String groupId,
      Supplier<Optional<List<io.missync.wonde.model.Student>>> students,
      Supplier<Optional<List<Employee>>> employees,
      RoleHint hint) {
    return members(groupId, students, employees, hint, null);
  }

  /**
   * Memberships of a group: staff get {@code staffRole} (TEACHER for tutors of year, form and house
   * groups, MEMBER elsewhere) instead of a class's teacher roles.
   */
  @Nullable List<Membership> groupMembers(
      Group group,
      Supplier<Optional<List<io.missync.wonde.model.Student>>> students,
      Supplier<Optional<List<Employee>>> employees) {
    MembershipRole staffRole =
        group.kind() == GroupKind.OTHER ? MembershipRole.MEMBER : MembershipRole.TEACHER;
    return members(group.id(), students, employees, (g, e) -> null, staffRole);
  }

  private @Nullable List<Membership> members(
      String groupId,
      Supplier<Optional<List<io.missync.wonde.model.Student>>> students,
      Supplier<Optional<List<Employee>>> employees,
      RoleHint hint,
      @Nullable MembershipRole staffRole) {
    List<Membership> out = new ArrayList<>();
    try {
      Optional<List<io.missync.wonde.model.Student>> s = students.get();
      Optional<List<Employee>> e = employees.get();
      if (s.isEmpty() || e.isEmpty()) {
        issues.add(EntityType.MEMBERSHIP, groupId, "students/employees", "include missing");
        issues.incomplete.add(EntityType.MEMBERSHIP);
        return null;
      }
      for (io.missync.wonde.model.Student st : s.get()) {
        String sid = id(EntityType.MEMBERSHIP, st::id, st.jsonPath());
        if (sid != null) {
          try {
            out.add(Membership.of(groupId, PersonRef.student(sid), MembershipRole.MEMBER));
          } catch (InvalidRecordException ex) {
            issues.leftOut(EntityType.MEMBERSHIP, groupId, ex.field(), "breaks a model rule");
          }
        }
      }
      for (Employee em : e.get()) {
        String eid = id(EntityType.MEMBERSHIP, em::id, em.jsonPath());
        if (eid == null) {
          continue;
        }
        if (staffRole != null) {
          try {
            out.add(Membership.of(groupId, PersonRef.staff(eid), staffRole));
          } catch (InvalidRecordException ex) {
            issues.leftOut(EntityType.MEMBERSHIP, groupId, ex.field(), "breaks a model rule");
          }
          continue;
        }
        TeachingPivot pivot = issues.read(EntityType.MEMBERSHIP, eid, "meta", em::pivot);
        Boolean main =
            pivot == null
                ? null
                : issues.read(EntityType.MEMBERSHIP, eid, "is_main_teacher", pivot::isMainTeacher);
        MembershipRole role;
        if (main != null) {
          role = main ? MembershipRole.MAIN_TEACHER : MembershipRole.TEACHER;
        } else {
          MembershipRole hinted = hint.role(groupId, eid);
          role = hinted != null ? hinted : MembershipRole.TEACHER;
        }
        try {
          out.add(Membership.of(groupId, PersonRef.staff(eid), role));
        } catch (InvalidRecordException ex) {
          issues.leftOut(EntityType.MEMBERSHIP, groupId, ex.field(), "breaks a model rule");
        }
      }
    } catch (WondeDecodeException ex) {
      issues.add(EntityType.MEMBERSHIP, groupId, ex.fieldPath(), "unreadable include");
      issues.incomplete.add(EntityType.MEMBERSHIP);
      return null;
    }
    return out;
  }

  /**
   * Where a teacher's role comes from when the class's own {@code employees} include carries no
   * pivot: the {@code classes} include on employees (where Wonde is known to send {@code
   * meta.is_main_teacher}), then the previous snapshot.
   */
  @FunctionalInterface
  interface RoleHint {
    @Nullable MembershipRole role(String groupId, String employeeId);
  }

  /**
   * Main-teacher flags from employees' {@code classes} include, keyed {@code classId|employeeId};
   * unreadable pivots are reported and skipped.
   */
  java.util.Map<String, MembershipRole> rolesFromEmployees(List<Employee> employees) {
    java.util.Map<String, MembershipRole> out = new java.util.HashMap<>();
    for (Employee em : employees) {
      String eid = id(EntityType.MEMBERSHIP, em::id, em.jsonPath());
      if (eid == null) {
        continue;
      }
      List<SchoolClass> classes = issues.read(EntityType.MEMBERSHIP, eid, "classes", em::classes);
      if (classes == null) {
        continue;
      }
      for (SchoolClass c : classes) {
        String cid = id(EntityType.MEMBERSHIP, c::id, c.jsonPath());
        TeachingPivot pivot = issues.read(EntityType.MEMBERSHIP, eid, "classes.meta", c::pivot);
        if (cid == null || pivot == null) {
          continue;
        }
        Boolean main =
            issues.read(EntityType.MEMBERSHIP, eid, "is_main_teacher", pivot::isMainTeacher);
        if (main != null) {
          out.put(cid + "|" + eid, main ? MembershipRole.MAIN_TEACHER : MembershipRole.TEACHER);
        }
      }
    }
    return out;
  }

  /**
   * Facts Wonde does not send on the record itself, worked out from the whole snapshot:
   *
   * <ul>
   *   <li><b>A member of staff who is also a contact</b> has the same {@code upi} on their employee
   *       and contact records (different ids): the contact is given {@link Contact#staffId()}, so
   *       the planner sees one person with two roles and the guardian links are kept.
   *   <li><b>A class's year group</b>: real Wonde classes carry no {@code year_group} (SIMS only);
   *       a class read in this fetch without one, and every class carried over from a previous
   *       snapshot, takes the year of most of its pupils (more than half of those whose year is
   *       known), and none when they are split, so a class follows its pupils when they move up.
   * </ul>
   *
   * Returns {@code s} itself when nothing changes.
   */
  MisSnapshot derive(MisSnapshot s) {
    return derive(s, true);
  }

  /**
   * As {@link #derive(MisSnapshot)}; when {@code pupilsComplete} is false (this read of pupils or
   * memberships fell short), a class without a year on the wire is left out of the snapshot with
   * its memberships instead of being given a year worked out from some of its pupils, which could
   * be wrong (the caller marks groups and memberships PARTIAL, so nobody leaves them for that).
   */
  MisSnapshot derive(MisSnapshot s, boolean pupilsComplete) {
    Map<String, String> staffByUpi = new java.util.HashMap<>();
    java.util.Set<String> repeated = new java.util.HashSet<>();
    for (StaffMember m : s.staff()) {
      String upi = m.upi().orElse(null);
      if (upi != null && staffByUpi.putIfAbsent(upi, m.id()) != null) {
        repeated.add(upi); // two staff records share it: no one to name
      }
    }
    repeated.forEach(staffByUpi::remove);
    MisSnapshot.Builder b = null;
    for (Contact c : s.contacts()) {
      String upi = c.upi().orElse(null);
      String staffId = upi == null ? null : staffByUpi.get(upi);
      if (!java.util.Objects.equals(staffId, c.staffId().orElse(null))) {
        b = b == null ? s.toBuilder() : b;
        b.put(c.toBuilder().staffId(staffId).build());
      }
    }
    java.util.Set<String> leftOut = new java.util.HashSet<>();
    for (Group g : s.groups()) {
      if (g.kind() != GroupKind.CLASS || wireYears.contains(g.id())) {
        continue;
      }
      if (!pupilsComplete) {
        b = b == null ? s.toBuilder() : b;
        b.removeGroup(g.id());
        leftOut.add(g.id());
        continue;
      }
      String year = pupilsYear(s, g.id());
      if (!java.util.Objects.equals(year, g.yearGroup().orElse(null))) {
        b = b == null ? s.toBuilder() : b;
        b.putGroup(g.toBuilder().yearGroup(year).build());
      }
    }
    if (b != null && !leftOut.isEmpty()) {
      b.removeMembershipsIf(m -> leftOut.contains(m.groupId()));
    }
    return b == null ? s : b.build();
  }

  /**
   * Whether this fetch mapped a class without a year on the wire, whose year {@link #derive} then
   * works out from its pupils.
   */
  boolean derivesClassYears() {
    return classWithoutWireYear.get();
  }

  /** The year group of more than half of a group's pupils whose year is known, or null. */
  private static @Nullable String pupilsYear(MisSnapshot s, String groupId) {
    Map<String, Integer> years = new java.util.HashMap<>();
    int known = 0;
    for (Membership m : s.membersOf(groupId)) {
      if (m.personType() != EntityType.STUDENT) {
        continue;
      }
      String y = s.student(m.personId()).flatMap(Student::yearGroup).orElse(null);
      if (y != null) {
        years.merge(y, 1, Integer::sum);
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
}
