package io.missync.csv.internal;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.Group;
import io.missync.core.model.GroupKind;
import io.missync.core.model.Membership;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.model.SourceInfo;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import io.missync.csv.CsvFormat;
import io.missync.csv.CsvProblem.Kind;
import io.missync.csv.DateOrder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads Microsoft School Data Sync classic CSV (School, Section, Student, Teacher,
 * StudentEnrollment, TeacherRoster), US (keyed by SIS ID) or UK (keyed by DfE number). Sections
 * become CLASS groups; enrollments MEMBER and rosters TEACHER memberships. The classic format has
 * no guardians, so contacts and guardian links are ABSENT.
 */
public final class SdsClassicReader {
  private final Input in;
  private final Options opts;
  private final Problems problems;
  private final boolean uk;
  private final Assembly asm;
  private final Set<String> schools = new LinkedHashSet<>();
  private final Set<String> groupIds = new HashSet<>();
  private final Map<String, String> students = new HashMap<>();
  private final Map<String, String> teachers = new HashMap<>();

  /** Rows not imported, by id -> {@code file:line}: follow-on problems are reported under them. */
  private final Map<String, String> rejectedStudents = new HashMap<>();

  private final Map<String, String> rejectedTeachers = new HashMap<>();
  private final Map<String, String> rejectedSections = new HashMap<>();

  /** Sections and people of schools other than the one picked: left out without a problem. */
  private final Set<String> otherSchool = new HashSet<>();

  public SdsClassicReader(Input in, Options opts, Problems problems, boolean uk) {
    this.in = in;
    this.opts = opts;
    this.problems = problems;
    this.uk = uk;
    this.asm =
        Assembly.fresh(new SourceInfo("unknown", format().id(), null, opts.capturedAt()), problems);
  }

  private CsvFormat format() {
    return uk ? CsvFormat.SDS_CLASSIC_UK : CsvFormat.SDS_CLASSIC_US;
  }

  /** Column names: the variant's own first, the other's as an alias. */
  static String key(boolean uk, String ukName, String usName) {
    return uk ? ukName + "|" + usName : usName + "|" + ukName;
  }

  static Schema school(boolean uk) {
    return Schema.of("School.csv", key(uk, "DfE Number", "SIS ID") + "*", "Name");
  }

  static Schema section(boolean uk) {
    return Schema.of(
        "Section.csv",
        key(uk, "ID", "SIS ID") + "*",
        key(uk, "School DfE Number", "School SIS ID"),
        "Section Name*",
        "Section Number",
        "Term SIS ID",
        "Term Name",
        "Term StartDate",
        "Term EndDate",
        "Course SIS ID",
        "Course Name",
        "Course Number",
        "Course Description",
        "Course Subject",
        "Periods",
        "Status");
  }

  static Schema student(boolean uk) {
    return Schema.of(
        "Student.csv",
        key(uk, "ID", "SIS ID") + "*",
        key(uk, "School DfE Number", "School SIS ID"),
        "First Name",
        "Last Name",
        "Username",
        "Password",
        "State ID",
        "Secondary Email",
        "Student Number",
        "Middle Name",
        "Grade",
        "Status",
        "Birthdate",
        "Graduation Year");
  }

  static Schema teacher(boolean uk) {
    return Schema.of(
        "Teacher.csv",
        key(uk, "ID", "SIS ID") + "*",
        key(uk, "School DfE Number", "School SIS ID"),
        "First Name",
        "Last Name",
        "Username",
        "Password",
        "State ID|State Teacher ID",
        "Teacher Number",
        "Status",
        "Middle Name",
        "Secondary Email",
        "Title",
        "Qualification");
  }

  static Schema roster(boolean uk, String file) {
    return Schema.of(
        file, key(uk, "Section ID", "Section SIS ID") + "*", key(uk, "ID", "SIS ID") + "*");
  }

  public MisSnapshot read() {
    readSchools();
    readSections();
    readStudents();
    readTeachers();
    boolean se = readRoster("StudentEnrollment.csv", true);
    boolean tr = readRoster("TeacherRoster.csv", false);
    readGuardians();
    asm.completeness(
        EntityType.MEMBERSHIP,
        se && tr ? Completeness.COMPLETE : se || tr ? Completeness.PARTIAL : Completeness.ABSENT);
    String school =
        schools.isEmpty() && opts.pickSchool() == null
            ? "unknown"
            : opts.schoolOf(new java.util.ArrayList<>(schools), "School.csv", problems, "unknown");
    asm.builder().source(new SourceInfo(school, format().id(), null, opts.capturedAt()));
    return asm.build();
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
            file
                + " is missing: "
                + type.name().toLowerCase(java.util.Locale.ROOT)
                + " records are ABSENT (not treated as having left)");
      }
      return null;
    }
    return Table.open(in, f.get(), s, type, problems, opts.dateOrder(), DateOrder.MONTH_FIRST);
  }

  private void readSchools() {
    Table t = open("School.csv", school(uk), EntityType.GROUP, false);
    if (t == null) {
      problems.warn(Kind.MISSING_FILE, "School.csv", 0, null, null, "School.csv is missing");
      return;
    }
    try (t) {
      while (t.next()) {
        String id = t.get(0);
        if (id.isEmpty()) {
          t.error(Kind.MISSING_VALUE, 0, "school id is empty; row not imported");
        } else if (!schools.add(id)) {
          t.error(Kind.DUPLICATE_ID, 0, "school '" + id + "' is listed twice");
        }
      }
    }
  }

  private void checkSchool(Table t, int c) {
    String s = t.get(c);
    if (!schools.isEmpty() && !s.isEmpty() && !schools.contains(s)) {
      t.warn(Kind.UNKNOWN_REFERENCE, c, "school '" + s + "' is not in School.csv");
    }
  }

  private void readSections() {
    Schema s = section(uk);
    Table t = open("Section.csv", s, EntityType.GROUP, true);
    if (t == null) {
      asm.completeness(EntityType.GROUP, Completeness.ABSENT);
      return;
    }
    int name = s.idx("Section Name");
    int number = s.idx("Section Number");
    int subject = s.idx("Course Subject");
    int courseName = s.idx("Course Name");
    try (t) {
      while (t.next()) {
        checkSchool(t, 1);
        String id = t.get(0);
        if (opts.otherSchool(t.get(1))) {
          otherSchool.add(id);
          continue;
        }
        String subj = t.opt(subject);
        if (subj == null) {
          subj = t.opt(courseName);
        }
        final String fs = subj;
        if (asm.addGroup(
            t,
            0,
            () ->
                Group.builder()
                    .id(id)
                    .kind(GroupKind.CLASS)
                    .name(t.get(name))
                    .code(t.opt(number))
                    .subject(fs)
                    .build())) {
          groupIds.add(id);
        } else {
          rejectedSections.putIfAbsent(id, t.here());
        }
      }
      asm.completeness(EntityType.GROUP, t.failed() ? Completeness.PARTIAL : Completeness.COMPLETE);
    }
  }

  private void readStudents() {
    Schema s = student(uk);
    Table t = open("Student.csv", s, EntityType.STUDENT, true);
    if (t == null) {
      asm.completeness(EntityType.STUDENT, Completeness.ABSENT);
      return;
    }
    int first = s.idx("First Name");
    int last = s.idx("Last Name");
    int user = s.idx("Username");
    int email = s.idx("Secondary Email");
    int number = s.idx("Student Number");
    int middle = s.idx("Middle Name");
    int grade = s.idx("Grade");
    int birth = s.idx("Birthdate");
    try (t) {
      while (t.next()) {
        checkSchool(t, 1);
        String id = t.get(0);
        if (opts.otherSchool(t.get(1))) {
          otherSchool.add(id);
          continue;
        }
        Student.Builder b =
            Student.builder()
                .id(id)
                .legalName(t.opt(first), t.opt(last))
                .middleNames(t.opt(middle))
                .email(Assembly.email(t, email))
                .admissionNumber(t.opt(number))
                .yearGroup(t.opt(grade))
                .dateOfBirth(t.date(birth))
                .attribute("username", t.opt(user));
        Assembly.fallbackName(t, first, last, b, t.opt(user), t.opt(email));
        if (asm.addPerson(t, 0, b::build)) {
          students.put(id, id);
        } else {
          rejectedStudents.putIfAbsent(id, t.here());
        }
      }
      asm.completeness(
          EntityType.STUDENT, t.failed() ? Completeness.PARTIAL : Completeness.COMPLETE);
    }
  }

  private void readTeachers() {
    Schema s = teacher(uk);
    Table t = open("Teacher.csv", s, EntityType.STAFF, true);
    if (t == null) {
      asm.completeness(EntityType.STAFF, Completeness.ABSENT);
      return;
    }
    int first = s.idx("First Name");
    int last = s.idx("Last Name");
    int user = s.idx("Username");
    int email = s.idx("Secondary Email");
    int number = s.idx("Teacher Number");
    int middle = s.idx("Middle Name");
    int title = s.idx("Title");
    try (t) {
      while (t.next()) {
        checkSchool(t, 1);
        String id = t.get(0);
        if (opts.otherSchool(t.get(1))) {
          otherSchool.add(id);
          continue;
        }
        StaffMember.Builder b =
            StaffMember.builder()
                .id(id)
                .teaching(true)
                .legalName(t.opt(first), t.opt(last))
                .middleNames(t.opt(middle))
                .email(Assembly.email(t, email))
                .staffCode(t.opt(number))
                .jobTitle(t.opt(title))
                .attribute("username", t.opt(user));
        Assembly.fallbackName(t, first, last, b, t.opt(user), t.opt(email));
        if (asm.addPerson(t, 0, b::build)) {
          teachers.put(id, id);
        } else {
          rejectedTeachers.putIfAbsent(id, t.here());
        }
      }
      asm.completeness(EntityType.STAFF, t.failed() ? Completeness.PARTIAL : Completeness.COMPLETE);
    }
  }

  static final Schema USER =
      Schema.of("User.csv", "Email*", "First Name", "Last Name", "Phone", "SIS ID|ID");
  static final Schema GUARDIAN_RELATIONSHIP =
      Schema.of("GuardianRelationship.csv", "SIS ID|ID*", "Email*", "Role");

  /**
   * The parent and guardian files of SDS classic (User.csv and GuardianRelationship.csv, keyed by
   * the contact's email); both optional: without them contacts and links are ABSENT.
   */
  private void readGuardians() {
    if (in.find("User.csv").isEmpty() && in.find("GuardianRelationship.csv").isEmpty()) {
      asm.completeness(EntityType.CONTACT, Completeness.ABSENT);
      asm.completeness(EntityType.GUARDIAN_LINK, Completeness.ABSENT);
      return;
    }
    Map<String, String> byEmail = new HashMap<>();
    Table u = open("User.csv", USER, EntityType.CONTACT, true);
    if (u == null) {
      asm.completeness(EntityType.CONTACT, Completeness.ABSENT);
    } else {
      try (u) {
        while (u.next()) {
          String email = Assembly.email(u, 0);
          if (email == null) {
            u.error(Kind.MISSING_VALUE, 0, "a guardian needs a valid email; row not imported");
            continue;
          }
          String key = email.toLowerCase(java.util.Locale.ROOT);
          String id = u.opt(4) != null ? u.get(4) : key;
          io.missync.core.model.Contact.Builder b =
              io.missync.core.model.Contact.builder()
                  .id(id)
                  .legalName(u.opt(1), u.opt(2))
                  .email(email)
                  .phone(u.opt(3));
          if (asm.addPerson(u, 4, b::build)) {
            if (byEmail.putIfAbsent(key, id) != null) {
              u.error(
                  Kind.DUPLICATE_ID, 0, "email used by an earlier guardian; links go to the first");
            }
          }
        }
        asm.completeness(
            EntityType.CONTACT, u.failed() ? Completeness.PARTIAL : Completeness.COMPLETE);
      }
    }
    Table g =
        open("GuardianRelationship.csv", GUARDIAN_RELATIONSHIP, EntityType.GUARDIAN_LINK, true);
    if (g == null) {
      asm.completeness(EntityType.GUARDIAN_LINK, Completeness.ABSENT);
      return;
    }
    try (g) {
      while (g.next()) {
        String student = students.get(g.get(0));
        String contact = byEmail.get(g.get(1).toLowerCase(java.util.Locale.ROOT));
        String rejected = student == null ? rejectedStudents.get(g.get(0)) : null;
        if (rejected != null) {
          g.errorBecause(
              Kind.UNKNOWN_REFERENCE,
              0,
              "student '"
                  + g.get(0)
                  + "', whose row in Student.csv was rejected; link not imported",
              rejected);
          continue;
        }
        if (student == null || contact == null) {
          g.error(
              Kind.UNKNOWN_REFERENCE,
              student == null ? 0 : 1,
              student == null
                  ? "student '" + g.get(0) + "' is not in Student.csv; link not imported"
                  : "no guardian with this email in User.csv; link not imported");
          continue;
        }
        String role = g.get(2);
        io.missync.core.model.GuardianLink l =
            asm.link(
                g,
                () ->
                    io.missync.core.model.GuardianLink.builder(contact, student)
                        .relationship(role.isEmpty() ? null : SdsV21Reader.relationship(role))
                        .build());
        if (l != null) {
          asm.builder().addGuardianLink(l);
        }
      }
      asm.completeness(
          EntityType.GUARDIAN_LINK, g.failed() ? Completeness.PARTIAL : Completeness.COMPLETE);
    }
  }

  private boolean readRoster(String file, boolean forStudents) {
    Table t = open(file, roster(uk, file), EntityType.MEMBERSHIP, true);
    if (t == null) {
      return false;
    }
    Map<String, String> people = forStudents ? students : teachers;
    try (t) {
      while (t.next()) {
        String g = t.get(0);
        String p = t.get(1);
        if (otherSchool.contains(g) || otherSchool.contains(p)) {
          continue; // of a school not picked
        }
        if (!groupIds.contains(g)) {
          String cause = rejectedSections.get(g);
          if (cause != null) {
            t.errorBecause(
                Kind.UNKNOWN_REFERENCE,
                0,
                "names section '"
                    + g
                    + "', whose row in Section.csv was rejected; row not imported",
                cause);
          } else {
            t.error(
                Kind.UNKNOWN_REFERENCE,
                0,
                "names section '" + g + "' which is not in Section.csv; row not imported");
          }
          continue;
        }
        String canon = people.get(p);
        String cause =
            canon != null ? null : (forStudents ? rejectedStudents : rejectedTeachers).get(p);
        if (cause != null) {
          t.errorBecause(
              Kind.UNKNOWN_REFERENCE,
              1,
              "names "
                  + (forStudents ? "student" : "teacher")
                  + " '"
                  + p
                  + "', whose row in "
                  + (forStudents ? "Student.csv" : "Teacher.csv")
                  + " was rejected; row not imported",
              cause);
          continue;
        }
        if (canon == null) {
          t.error(
              Kind.UNKNOWN_REFERENCE,
              1,
              "names "
                  + (forStudents ? "student" : "teacher")
                  + " '"
                  + p
                  + "' who is not in "
                  + (forStudents ? "Student.csv" : "Teacher.csv")
                  + "; row not imported");
          continue;
        }
        PersonRef ref = forStudents ? PersonRef.student(canon) : PersonRef.staff(canon);
        MembershipRole role = forStudents ? MembershipRole.MEMBER : MembershipRole.TEACHER;
        Membership m = asm.membership(t, () -> Membership.of(g, ref, role));
        if (m != null) {
          asm.builder().addMembership(m);
        }
      }
      if (t.failed()) {
        problems.markRejected(EntityType.MEMBERSHIP);
      }
    }
    return true;
  }
}
