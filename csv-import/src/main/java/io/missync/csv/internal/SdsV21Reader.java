package io.missync.csv.internal;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.Contact;
import io.missync.core.model.Gender;
import io.missync.core.model.Group;
import io.missync.core.model.GroupKind;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.Membership;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.Person;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.model.SourceInfo;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import io.missync.csv.CsvFormat;
import io.missync.csv.CsvProblem.Kind;
import io.missync.csv.DateOrder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads Microsoft School Data Sync v2.1 CSV: orgs, users, roles, classes, courses, enrollments,
 * relationships (guardians), academicSessions, demographics and userFlags. A user's primary role
 * makes them a student or staff; a user with no role who is named as a guardian in
 * relationships.csv is a contact. A member of staff who is named as a guardian in relationships.csv
 * is one person with two roles: a staff member and a contact naming it.
 *
 * <p>SDS v2.0 (the role and grade in users.csv, no roles.csv) is read the same way, each user's
 * role taken from their own row.
 */
public final class SdsV21Reader {
  static final Schema ORGS =
      Schema.of("orgs.csv", "sourcedId*", "name", "type", "parentSourcedId", "identifier");
  static final Schema USERS =
      Schema.of(
          "users.csv",
          "sourcedId*",
          "username",
          "givenName",
          "familyName",
          "middleName",
          "password",
          "activeDirectoryMatchId",
          "email",
          "phone",
          "sms",
          "preferredGivenName",
          "preferredFamilyName",
          "identifier",
          "role",
          "grade");
  static final Schema ROLES =
      Schema.of(
          "roles.csv",
          "userSourcedId*",
          "orgSourcedId",
          "role*",
          "sessionSourcedId",
          "grade",
          "isPrimary",
          "roleStartDate",
          "roleEndDate");
  static final Schema CLASSES =
      Schema.of(
          "classes.csv",
          "sourcedId*",
          "orgSourcedId",
          "title*",
          "sessionSourcedIds",
          "courseSourcedId",
          "code",
          "subject");
  static final Schema COURSES =
      Schema.of(
          "courses.csv",
          "sourcedId*",
          "orgSourcedId",
          "title",
          "code",
          "schoolYearSourcedId",
          "subject",
          "grade");
  static final Schema ENROLLMENTS =
      Schema.of("enrollments.csv", "classSourcedId*", "userSourcedId*", "role*");
  static final Schema RELATIONSHIPS =
      Schema.of(
          "relationships.csv", "userSourcedId*", "relationshipUserSourcedId*", "relationshipRole*");
  static final Schema SESSIONS =
      Schema.of(
          "academicSessions.csv",
          "sourcedId*",
          "title",
          "type",
          "schoolYear",
          "startDate",
          "endDate");
  static final Schema DEMOGRAPHICS =
      Schema.of(
          "demographics.csv",
          "userSourcedId*",
          "sex",
          "birthDate",
          "birthCity",
          "birthState",
          "birthCountry",
          "ethnicityCodes",
          "raceCodes");
  static final Schema FLAGS = Schema.of("userFlags.csv", "userSourcedId*", "flag*");
  private static final int ROLE = USERS.idx("role");
  private static final int GRADE = USERS.idx("grade");

  private final Input in;
  private final Options opts;
  private final Problems problems;
  private final Assembly asm;
  private final Set<String> orgIds = new HashSet<>();
  private @Nullable String schoolId;
  private @Nullable String firstOrg;
  private final Set<String> sessionIds = new HashSet<>();
  private final Map<String, String> courseSubject = new HashMap<>();
  private final Set<String> groupIds = new HashSet<>();
  private final Map<String, String[]> roleOf = new HashMap<>(); // user -> {role, grade}
  private final Map<String, String> guardianRole = new HashMap<>(); // contact -> first role
  private final List<String[]> relationships = new ArrayList<>(); // {student, contact, role, line}
  private final Map<String, Object[]> demo = new HashMap<>(); // {Gender, LocalDate, eth, race}
  private final Map<String, String> flags = new LinkedHashMap<>();
  private boolean relationshipsRead;
  private final CsvFormat format;

  /** Classes and users of schools other than the one picked: left out without a problem. */
  private final Set<String> otherSchool = new HashSet<>();

  /** With a school picked: the users holding a role in it. */
  private final Set<String> inPicked = new HashSet<>();

  /** Users whose rows were not imported, by id -> {@code users.csv:line}. */
  private final Map<String, String> rejectedUsers = new HashMap<>();

  public SdsV21Reader(Input in, Options opts, Problems problems) {
    this(in, opts, problems, CsvFormat.SDS_V2_1);
  }

  /** A reader for {@link CsvFormat#SDS_V2_1} or {@link CsvFormat#SDS_V2_0}. */
  public SdsV21Reader(Input in, Options opts, Problems problems, CsvFormat format) {
    this.in = in;
    this.opts = opts;
    this.problems = problems;
    this.format = format;
    this.asm =
        Assembly.fresh(new SourceInfo("unknown", format.id(), null, opts.capturedAt()), problems);
  }

  private boolean v20() {
    return format == CsvFormat.SDS_V2_0;
  }

  private @Nullable Table open(String file, Schema s, EntityType type, boolean required) {
    Optional<String> f = in.find(file);
    if (f.isEmpty()) {
      if (required) {
        problems.error(
            Kind.MISSING_FILE,
            file,
            0,
            null,
            type,
            file + " is missing: its records are ABSENT (not treated as having left)");
      }
      return null;
    }
    return Table.open(in, f.get(), s, type, problems, opts.dateOrder(), DateOrder.MONTH_FIRST);
  }

  public MisSnapshot read() {
    readOrgs();
    readSessions();
    readCourses();
    readClasses();
    if (!v20()) {
      readRoles();
    }
    readRelationships();
    readDemographics();
    readFlags();
    readUsers();
    readEnrollments();
    link();
    String school = schoolId != null ? schoolId : firstOrg != null ? firstOrg : "unknown";
    asm.builder().source(new SourceInfo(school, format.id(), null, opts.capturedAt()));
    return asm.build();
  }

  private void readOrgs() {
    Table t = open("orgs.csv", ORGS, EntityType.GROUP, true);
    if (t == null) {
      return;
    }
    List<String> schools = new ArrayList<>();
    try (t) {
      while (t.next()) {
        String id = t.get(0);
        orgIds.add(id);
        if (firstOrg == null) {
          firstOrg = id;
        }
        if (t.get(2).equalsIgnoreCase("school") && !schools.contains(id)) {
          schools.add(id);
        }
      }
    }
    if (!schools.isEmpty() || opts.pickSchool() != null) {
      schoolId = opts.schoolOf(schools, t.file(), problems, "unknown");
    }
  }

  private void readSessions() {
    Table t = open("academicSessions.csv", SESSIONS, EntityType.GROUP, false);
    if (t == null) {
      return;
    }
    try (t) {
      while (t.next()) {
        sessionIds.add(t.get(0));
        t.date(4);
        t.date(5);
      }
    }
  }

  private void readCourses() {
    Table t = open("courses.csv", COURSES, EntityType.GROUP, false);
    if (t == null) {
      return;
    }
    try (t) {
      while (t.next()) {
        courseSubject.put(t.get(0), t.get(5));
      }
    }
  }

  private void readClasses() {
    Table t = open("classes.csv", CLASSES, EntityType.GROUP, true);
    if (t == null) {
      asm.completeness(EntityType.GROUP, Completeness.ABSENT);
      return;
    }
    try (t) {
      while (t.next()) {
        String id = t.get(0);
        String org = t.get(1);
        if (opts.otherSchool(org)) {
          otherSchool.add(id);
          continue;
        }
        if (!org.isEmpty() && !orgIds.isEmpty() && !orgIds.contains(org)) {
          t.warn(Kind.UNKNOWN_REFERENCE, 1, "org '" + org + "' is not in orgs.csv");
        }
        for (String s : Text.list(t.get(3))) {
          if (!sessionIds.isEmpty() && !sessionIds.contains(s)) {
            t.warn(Kind.UNKNOWN_REFERENCE, 3, "academic session '" + s + "' is not in the export");
          }
        }
        String course = t.get(4);
        String subject = t.opt(6);
        if (subject == null && !course.isEmpty()) {
          String cs = courseSubject.get(course);
          if (cs == null && !courseSubject.isEmpty()) {
            t.warn(Kind.UNKNOWN_REFERENCE, 4, "course '" + course + "' is not in courses.csv");
          }
          subject = cs == null || cs.isEmpty() ? null : cs;
        }
        String fs = subject;
        if (asm.addGroup(
            t,
            0,
            () ->
                Group.builder()
                    .id(id)
                    .kind(GroupKind.CLASS)
                    .name(t.get(2))
                    .code(t.opt(5))
                    .subject(fs)
                    .build())) {
          groupIds.add(id);
        }
      }
      asm.completeness(EntityType.GROUP, t.failed() ? Completeness.PARTIAL : Completeness.COMPLETE);
    }
  }

  private void readRoles() {
    Table t = open("roles.csv", ROLES, EntityType.STUDENT, true);
    if (t == null) {
      return;
    }
    try (t) {
      while (t.next()) {
        String u = t.get(0);
        String role = t.get(2).toLowerCase(Locale.ROOT);
        boolean primary = Boolean.TRUE.equals(Text.bool(t.get(5)));
        if (!t.get(5).isEmpty() && Text.bool(t.get(5)) == null) {
          t.warn(Kind.INVALID_VALUE, 5, "isPrimary must be TRUE or FALSE; read as FALSE");
        }
        String org = t.get(1);
        if (!org.isEmpty() && !orgIds.isEmpty() && !orgIds.contains(org)) {
          t.warn(Kind.UNKNOWN_REFERENCE, 1, "org '" + org + "' is not in orgs.csv");
        }
        if (opts.pickSchool() != null && !opts.otherSchool(org)) {
          inPicked.add(u);
        }
        t.date(6);
        t.date(7);
        if (primary || !roleOf.containsKey(u)) {
          roleOf.put(u, new String[] {role, t.get(4)});
        }
      }
    }
  }

  private void readRelationships() {
    Table t = open("relationships.csv", RELATIONSHIPS, EntityType.GUARDIAN_LINK, false);
    if (t == null) {
      return;
    }
    relationshipsRead = true;
    try (t) {
      while (t.next()) {
        String student = t.get(0);
        String contact = t.get(1);
        String role = t.get(2);
        if (student.isEmpty() || contact.isEmpty()) {
          t.error(Kind.MISSING_VALUE, student.isEmpty() ? 0 : 1, "both ids are required");
          continue;
        }
        relationships.add(new String[] {student, contact, role, Long.toString(t.line())});
        guardianRole.putIfAbsent(contact, role.toLowerCase(Locale.ROOT));
      }
      if (t.failed()) {
        problems.markRejected(EntityType.GUARDIAN_LINK);
      }
    }
  }

  private void readDemographics() {
    Table t = open("demographics.csv", DEMOGRAPHICS, EntityType.STUDENT, false);
    if (t == null) {
      return;
    }
    try (t) {
      while (t.next()) {
        demo.put(t.get(0), new Object[] {Assembly.gender(t, 1), t.date(2), t.get(6), t.get(7)});
      }
    }
  }

  private void readFlags() {
    Table t = open("userFlags.csv", FLAGS, EntityType.STUDENT, false);
    if (t == null) {
      return;
    }
    try (t) {
      while (t.next()) {
        String f = t.get(1);
        if (!f.isEmpty()) {
          flags.merge(t.get(0), f, (a, b) -> a + "," + b);
        }
      }
    }
  }

  private void readUsers() {
    Table t = open("users.csv", USERS, EntityType.STUDENT, true);
    if (t == null) {
      for (EntityType e :
          new EntityType[] {EntityType.STUDENT, EntityType.STAFF, EntityType.CONTACT}) {
        asm.completeness(e, Completeness.ABSENT);
      }
      return;
    }
    Set<String> seen = new HashSet<>();
    try (t) {
      while (t.next()) {
        String id = t.get(0);
        if (opts.pickSchool() != null && roleOf.containsKey(id) && !inPicked.contains(id)) {
          otherSchool.add(id);
          continue;
        }
        String[] role = roleOf.get(id);
        if (v20() && !t.get(ROLE).isEmpty()) {
          role = new String[] {t.get(ROLE).toLowerCase(Locale.ROOT), t.get(GRADE)};
          roleOf.put(id, role);
        }
        EntityType type;
        String r;
        if (role != null) {
          r = role[0];
          type = OneRosterReader.typeOfRole(r);
          if (type == null) {
            type = EntityType.STAFF;
          }
        } else if (guardianRole.containsKey(id)) {
          r = "guardian";
          type = EntityType.CONTACT;
        } else {
          t.error(
              Kind.UNKNOWN_REFERENCE,
              0,
              "user '"
                  + id
                  + "' has no role in "
                  + (v20() ? "users.csv" : "roles.csv")
                  + " and is no one's guardian in relationships.csv; row not imported");
          problems.markRejected(EntityType.STAFF);
          problems.markRejected(EntityType.CONTACT);
          rejectedUsers.putIfAbsent(id, t.here());
          continue;
        }
        Object[] d = demo.get(id);
        Person.Builder<?, ?> b;
        switch (type) {
          case STUDENT:
            b = Student.builder().yearGroup(role == null ? null : Text.emptyToNull(role[1]));
            break;
          case STAFF:
            {
              StaffMember.Builder s =
                  StaffMember.builder().teaching(r.equals("teacher") || r.equals("professor"));
              if (!r.equals("teacher") && !r.equals("administrator")) {
                s.attribute("role", r);
              }
              b = s;
              break;
            }
          default:
            b = Contact.builder().phone(t.opt(8));
        }
        b.id(id)
            .legalName(t.opt(2), t.opt(3))
            .middleNames(t.opt(4))
            .preferredName(t.opt(10), t.opt(11))
            .misId(t.opt(12))
            .email(Assembly.email(t, 7))
            .attribute("username", t.opt(1))
            .attribute("flags", flags.get(id));
        if (d != null) {
          b.gender((Gender) d[0]).dateOfBirth((LocalDate) d[1]);
          b.attribute("ethnicityCodes", (String) d[2]).attribute("raceCodes", (String) d[3]);
        }
        Assembly.fallbackName(t, 2, 3, b, t.opt(1), t.opt(7));
        if (!asm.addPerson(t, 0, b::build)) {
          rejectedUsers.putIfAbsent(id, t.here());
        } else {
          seen.add(id);
          if (type == EntityType.STAFF && guardianRole.containsKey(id)) {
            alsoContact(t, id, r);
          }
        }
      }
      Completeness c = t.failed() ? Completeness.PARTIAL : Completeness.COMPLETE;
      asm.completeness(EntityType.STUDENT, c);
      asm.completeness(EntityType.STAFF, c);
      asm.completeness(EntityType.CONTACT, relationshipsRead ? c : Completeness.ABSENT);
    }
    for (String u : roleOf.keySet()) {
      if (!seen.contains(u) && asm.user(u) == null) {
        problems.warn(
            Kind.UNKNOWN_REFERENCE,
            "roles.csv",
            0,
            "userSourcedId",
            EntityType.STUDENT,
            "role for user '" + u + "' who is not in users.csv; ignored");
      }
    }
  }

  /**
   * A member of staff who is also someone's guardian in relationships.csv (a teacher who is a
   * parent): the same person gets a contact record naming the staff record, so the links are kept
   * and the planner's policy decides whether they get one account or two.
   */
  private void alsoContact(Table t, String id, String staffRole) {
    Person p = asm.builder().person(PersonRef.staff(id)).orElseThrow();
    Contact.Builder c = Contact.builder().staffId(id).phone(t.opt(8));
    Assembly.copyIdentity(p, c);
    if (asm.addPerson(t, 0, c::build)) {
      t.warn(
          Kind.TWO_ROLES,
          -1,
          "user '"
              + id
              + "' is staff ("
              + staffRole
              + ") and a guardian in relationships.csv: imported as a member of staff and as a"
              + " contact, the same person, so their guardian links are kept");
    }
  }

  private void readEnrollments() {
    Table t = open("enrollments.csv", ENROLLMENTS, EntityType.MEMBERSHIP, true);
    if (t == null) {
      asm.completeness(EntityType.MEMBERSHIP, Completeness.ABSENT);
      return;
    }
    try (t) {
      while (t.next()) {
        String g = t.get(0);
        String u = t.get(1);
        String r = t.get(2).toLowerCase(Locale.ROOT);
        if (otherSchool.contains(g) || otherSchool.contains(u)) {
          continue; // of a school not picked
        }
        if (!groupIds.contains(g)) {
          t.error(
              Kind.UNKNOWN_REFERENCE,
              0,
              "enrollment names class '" + g + "' which is not in classes.csv; row not imported");
          continue;
        }
        Known k = asm.user(u);
        if (k == null && rejectedUsers.containsKey(u)) {
          t.errorBecause(
              Kind.UNKNOWN_REFERENCE,
              1,
              "enrollment of user '"
                  + u
                  + "', whose row in users.csv was rejected; row not imported",
              rejectedUsers.get(u));
          continue;
        }
        if (k == null) {
          t.error(
              Kind.UNKNOWN_REFERENCE,
              1,
              "enrollment names user '" + u + "' who is not in users.csv; row not imported");
          continue;
        }
        MembershipRole mr = r.equals("student") ? MembershipRole.MEMBER : MembershipRole.TEACHER;
        if ((mr == MembershipRole.MEMBER) != (k.type() == EntityType.STUDENT)) {
          t.warn(
              Kind.ROLE_MISMATCH,
              2,
              "role '"
                  + r
                  + "' for user '"
                  + u
                  + "', who is "
                  + (k.type() == EntityType.STUDENT ? "a student" : "not a student")
                  + "; imported as given");
        }
        PersonRef ref = new PersonRef(k.type(), k.id());
        Membership m = asm.membership(t, () -> Membership.of(g, ref, mr));
        if (m != null) {
          asm.builder().addMembership(m);
        }
      }
      asm.completeness(
          EntityType.MEMBERSHIP, t.failed() ? Completeness.PARTIAL : Completeness.COMPLETE);
    }
  }

  private void link() {
    if (!relationshipsRead) {
      asm.completeness(EntityType.GUARDIAN_LINK, Completeness.ABSENT);
      return;
    }
    for (String[] r : relationships) {
      long line = Long.parseLong(r[3]);
      if (otherSchool.contains(r[0]) || otherSchool.contains(r[1])) {
        continue; // of a school not picked
      }
      Known s = asm.user(r[0]);
      Known c = asm.user(r[1]);
      if (c != null
          && c.type() == EntityType.STAFF
          && asm.builder().contains(PersonRef.contact(c.id()))) {
        c = new Known(c.id(), EntityType.CONTACT); // a member of staff who is also a guardian
      }
      if (s == null
          || s.type() != EntityType.STUDENT
          || c == null
          || c.type() != EntityType.CONTACT) {
        boolean studentBad = s == null || s.type() != EntityType.STUDENT;
        String who = studentBad ? r[0] : r[1];
        String cause = (studentBad ? s : c) == null ? rejectedUsers.get(who) : null;
        if (cause != null) {
          problems.errorBecause(
              Kind.UNKNOWN_REFERENCE,
              "relationships.csv",
              line,
              studentBad ? "userSourcedId" : "relationshipUserSourcedId",
              EntityType.GUARDIAN_LINK,
              "user '" + who + "', whose row in users.csv was rejected; link not imported",
              cause);
          continue;
        }
        problems.error(
            Kind.UNKNOWN_REFERENCE,
            "relationships.csv",
            line,
            studentBad ? "userSourcedId" : "relationshipUserSourcedId",
            EntityType.GUARDIAN_LINK,
            studentBad
                ? "user '" + r[0] + "' is not a student in users.csv; link not imported"
                : "user '" + r[1] + "' is not a guardian in users.csv; link not imported");
        continue;
      }
      GuardianLink l =
          GuardianLink.builder(c.id(), s.id()).relationship(relationship(r[2])).build();
      asm.builder().addGuardianLink(l);
    }
    asm.completeness(EntityType.GUARDIAN_LINK, Completeness.COMPLETE);
  }

  static Relationship relationship(String role) {
    switch (role.toLowerCase(Locale.ROOT)) {
      case "":
        return Relationship.UNKNOWN;
      case "parent":
        return Relationship.PARENT;
      case "guardian":
        return Relationship.GUARDIAN;
      case "relative":
        return Relationship.of("Relative");
      default:
        return Relationship.of(role);
    }
  }
}
