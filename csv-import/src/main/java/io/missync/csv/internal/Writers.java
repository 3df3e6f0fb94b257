package io.missync.csv.internal;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.Contact;
import io.missync.core.model.Group;
import io.missync.core.model.GroupKind;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.Membership;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.Person;
import io.missync.core.model.Relationship;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Writes a snapshot in each format. What a format cannot carry is listed on each method. */
public final class Writers {
  private Writers() {}

  private static String role(Person p) {
    if (p instanceof Student) {
      return "student";
    }
    if (p instanceof StaffMember s) {
      String r = s.attributes().get("role");
      return r != null ? r : s.teaching() ? "teacher" : "administrator";
    }
    Contact c = (Contact) p;
    return contactRole(c, null);
  }

  private static String contactRole(Contact c, @Nullable MisSnapshot s) {
    if (s == null) {
      return "parent";
    }
    List<GuardianLink> links = s.linksOfContact(c.id());
    if (links.isEmpty()) {
      return "parent";
    }
    Relationship r = links.get(0).relationship();
    if (r.equals(Relationship.GUARDIAN)) {
      return "guardian";
    }
    if (r.key().equals("RELATIVE")) {
      return "relative";
    }
    return "parent";
  }

  private static String mode(MisSnapshot s, EntityType... types) {
    boolean allComplete = true;
    boolean allAbsent = true;
    for (EntityType t : types) {
      Completeness c = s.completeness(t);
      allComplete &= c == Completeness.COMPLETE;
      allAbsent &= c == Completeness.ABSENT && s.count(t) == 0;
    }
    return allComplete ? "bulk" : allAbsent ? "absent" : "delta";
  }

  /**
   * OneRoster 1.1 or 1.2 bulk (delta where a type is PARTIAL, absent where ABSENT). Lost: staff job
   * title and staff code, UPNs, admission numbers and dates, titles, UPIs, per-link relationship
   * facts (the contact's role is taken from its first link), group kinds other than CLASS
   * (scheduled) and REGISTRATION (homeroom), staff or contact MEMBER roles. 1.1 also loses
   * preferred names.
   *
   * <p>Group effective dates travel as academic sessions: a group with both dates gets a term
   * session spanning them (shared by groups with the same dates; the school year's own session when
   * they are the school year's dates). A group with one or no effective date is written in the
   * school year session, as every class must name a term, so it reads back with the school year's
   * dates. Guardian links are written on both sides (the student's and the contact's
   * agentSourcedIds); the {@code agentSourcedIds} attribute the reader records is not written
   * separately.
   */
  public static void oneRoster(MisSnapshot s, Path dir, boolean v12) {
    String school = s.source().schoolId();
    String now = s.source().capturedAt().toString();
    LocalDate today = LocalDate.ofInstant(s.source().capturedAt(), ZoneOffset.UTC);
    int startYear = today.getMonthValue() >= 9 ? today.getYear() : today.getYear() - 1;
    String users = mode(s, EntityType.STUDENT, EntityType.STAFF, EntityType.CONTACT);
    String classes = mode(s, EntityType.GROUP);
    String enrollments = mode(s, EntityType.MEMBERSHIP);
    try (Out m = Out.create(dir.resolve("manifest.csv"), "propertyName", "value")) {
      m.row("manifest.version", "1.0");
      m.row("oneroster.version", v12 ? "1.2" : "1.1");
      m.row("file.academicSessions", "bulk");
      m.row("file.categories", "absent");
      m.row("file.classes", classes);
      m.row("file.classResources", "absent");
      m.row("file.courses", classes.equals("absent") ? "absent" : "bulk");
      m.row("file.courseResources", "absent");
      m.row("file.demographics", users.equals("absent") ? "absent" : users);
      m.row("file.enrollments", enrollments);
      m.row("file.lineItems", "absent");
      m.row("file.orgs", "bulk");
      m.row("file.resources", "absent");
      m.row("file.results", "absent");
      m.row("file.users", users);
      if (v12) {
        m.row("file.roles", users.equals("absent") ? "absent" : users);
        m.row("file.userProfiles", "absent");
      }
      s.source().mis().ifPresent(n -> m.row("source.systemName", n));
    }
    try (Out o =
        Out.create(
            dir.resolve("orgs.csv"),
            "sourcedId",
            "status",
            "dateLastModified",
            "name",
            "type",
            "identifier",
            "parentSourcedId")) {
      o.row(school, "", "", "School " + school, "school", "", "");
    }
    String session = "session-" + startYear;
    LocalDate yearStart = LocalDate.of(startYear, 9, 1);
    LocalDate yearEnd = LocalDate.of(startYear + 1, 8, 31);
    Map<String, LocalDate[]> terms = new LinkedHashMap<>();
    for (Group g : s.groups()) {
      String term = termOf(g, session, yearStart, yearEnd);
      LocalDate from = g.effectiveFrom().orElse(null);
      LocalDate to = g.effectiveTo().orElse(null);
      if (!term.equals(session) && from != null && to != null) {
        terms.put(term, new LocalDate[] {from, to});
      }
    }
    try (Out o =
        Out.create(
            dir.resolve("academicSessions.csv"),
            "sourcedId",
            "status",
            "dateLastModified",
            "title",
            "type",
            "startDate",
            "endDate",
            "parentSourcedId",
            "schoolYear")) {
      o.row(
          session,
          "",
          "",
          startYear + "/" + (startYear + 1),
          "schoolYear",
          startYear + "-09-01",
          yearEnd.toString(),
          "",
          Integer.toString(startYear + 1));
      for (Map.Entry<String, LocalDate[]> t : terms.entrySet()) {
        LocalDate[] d = t.getValue();
        o.row(
            t.getKey(),
            "",
            "",
            d[0] + " to " + d[1],
            "term",
            d[0].toString(),
            d[1].toString(),
            session,
            Integer.toString(startYear + 1));
      }
    }
    String status = "";
    String modified = "";
    if (!classes.equals("absent")) {
      String st = classes.equals("delta") ? "active" : "";
      String mod = classes.equals("delta") ? now : "";
      try (Out c =
              Out.create(
                  dir.resolve("courses.csv"),
                  "sourcedId",
                  "status",
                  "dateLastModified",
                  "schoolYearSourcedId",
                  "title",
                  "courseCode",
                  "grades",
                  "orgSourcedId",
                  "subjects",
                  "subjectCodes");
          Out k =
              Out.create(
                  dir.resolve("classes.csv"),
                  "sourcedId",
                  "status",
                  "dateLastModified",
                  "title",
                  "grades",
                  "courseSourcedId",
                  "classCode",
                  "classType",
                  "location",
                  "schoolSourcedId",
                  "termSourcedIds",
                  "subjects",
                  "subjectCodes",
                  "periods")) {
        for (Group g : s.groups()) {
          String course = "course-" + g.id();
          c.row(course, "", "", session, g.name(), "", "", school, "", "");
          String type =
              g.sourceType()
                  .orElse(
                      g.kind() == GroupKind.REGISTRATION
                          ? "homeroom"
                          : g.kind() == GroupKind.CLASS ? "scheduled" : "other");
          k.row(
              g.id(),
              st,
              mod,
              g.name(),
              Out.s(g.yearGroup()),
              course,
              Out.s(g.code()),
              type,
              "",
              school,
              termOf(g, session, yearStart, yearEnd),
              Out.s(g.subject()),
              "",
              "");
        }
      }
    }
    if (!users.equals("absent")) {
      status = users.equals("delta") ? "active" : "";
      modified = users.equals("delta") ? now : "";
      List<String> header =
          new ArrayList<>(
              List.of(
                  "sourcedId",
                  "status",
                  "dateLastModified",
                  "enabledUser",
                  "orgSourcedIds",
                  "role",
                  "username",
                  "userIds",
                  "givenName",
                  "familyName",
                  "middleName",
                  "identifier",
                  "email",
                  "sms",
                  "phone",
                  "agentSourcedIds",
                  "grades",
                  "password"));
      if (v12) {
        header.remove("orgSourcedIds");
        header.remove("role");
        header.addAll(
            List.of(
                "userMasterIdentifier",
                "resourceSourcedIds",
                "preferredGivenName",
                "preferredMiddleName",
                "preferredFamilyName",
                "primaryOrgSourcedId",
                "pronouns"));
      }
      try (Out u = Out.create(dir.resolve("users.csv"), header.toArray(new String[0]));
          Out d =
              Out.create(
                  dir.resolve("demographics.csv"),
                  "sourcedId",
                  "status",
                  "dateLastModified",
                  "birthDate",
                  "sex");
          Out r =
              v12
                  ? Out.create(
                      dir.resolve("roles.csv"),
                      "sourcedId",
                      "status",
                      "dateLastModified",
                      "userSourcedId",
                      "roleType",
                      "role",
                      "beginDate",
                      "endDate",
                      "orgSourcedId",
                      "userProfileSourcedId")
                  : null) {
        for (Person p : s.people()) {
          String role = p instanceof Contact c ? contactRole(c, s) : role(p);
          StringJoiner agents = new StringJoiner(",");
          if (p instanceof Student) {
            for (GuardianLink l : s.guardiansOf(p.id())) {
              agents.add(l.contactId());
            }
          } else if (p instanceof Contact) {
            for (GuardianLink l : s.linksOfContact(p.id())) {
              agents.add(l.studentId());
            }
          }
          StringJoiner ids = new StringJoiner(",");
          for (Map.Entry<String, String> e : p.attributes().entrySet()) {
            if (e.getKey().startsWith("userId:")) {
              ids.add("{" + e.getKey().substring(7) + ":" + e.getValue() + "}");
            }
          }
          String enabled = "false".equals(p.attributes().get("enabledUser")) ? "false" : "true";
          String grades = p instanceof Student st ? Out.s(st.yearGroup()) : "";
          String phone = p instanceof Contact c ? Out.s(c.phone()) : "";
          String username = p.attributes().getOrDefault("username", "");
          if (v12) {
            u.row(
                p.id(),
                status,
                modified,
                enabled,
                username,
                ids.toString(),
                Out.s(p.legalForename()),
                Out.s(p.legalSurname()),
                Out.s(p.middleNames()),
                Out.s(p.misId()),
                Out.s(p.email()),
                "",
                phone,
                agents.toString(),
                grades,
                "",
                "",
                "",
                Out.s(p.preferredForename()),
                "",
                Out.s(p.preferredSurname()),
                school,
                "");
            if (r != null) {
              r.row(
                  "role-" + p.id(), status, modified, p.id(), "primary", role, "", "", school, "");
            }
          } else {
            u.row(
                p.id(),
                status,
                modified,
                enabled,
                school,
                role,
                username,
                ids.toString(),
                Out.s(p.legalForename()),
                Out.s(p.legalSurname()),
                Out.s(p.middleNames()),
                Out.s(p.misId()),
                Out.s(p.email()),
                "",
                phone,
                agents.toString(),
                grades,
                "");
          }
          if (p.gender().isPresent() || p.dateOfBirth().isPresent()) {
            d.row(
                p.id(),
                status,
                modified,
                Out.d(p.dateOfBirth()),
                p.gender().map(Assembly::genderWord).orElse(""));
          }
        }
      }
    }
    if (!enrollments.equals("absent")) {
      String st = enrollments.equals("delta") ? "active" : "";
      String mod = enrollments.equals("delta") ? now : "";
      try (Out e =
          Out.create(
              dir.resolve("enrollments.csv"),
              "sourcedId",
              "status",
              "dateLastModified",
              "classSourcedId",
              "schoolSourcedId",
              "userSourcedId",
              "role",
              "primary",
              "beginDate",
              "endDate")) {
        int n = 0;
        for (Membership m : s.memberships()) {
          String role;
          String primary;
          if (m.role() == MembershipRole.MEMBER) {
            role = m.personType() == EntityType.STUDENT ? "student" : "aide";
            primary = "false";
          } else {
            role = "teacher";
            primary = m.role() == MembershipRole.MAIN_TEACHER ? "true" : "false";
          }
          e.row(
              "enr-" + (++n),
              st,
              mod,
              m.groupId(),
              school,
              m.personId(),
              role,
              primary,
              Out.d(m.effectiveFrom()),
              Out.d(m.effectiveTo()));
        }
      }
    }
  }

  /** The academic session a group is written in (see {@link #oneRoster}). */
  private static String termOf(Group g, String year, LocalDate yearStart, LocalDate yearEnd) {
    LocalDate from = g.effectiveFrom().orElse(null);
    LocalDate to = g.effectiveTo().orElse(null);
    if (from == null || to == null || (from.equals(yearStart) && to.equals(yearEnd))) {
      return year;
    }
    return "term-" + from + "-" + to;
  }

  /**
   * SDS classic (UK keyed by DfE number, US by SIS ID), with the parent files (User.csv,
   * GuardianRelationship.csv) when there are contacts. Lost: contacts without an email, contact
   * genders and middle names, link facts other than the relationship, groups other than classes
   * (every group becomes a section), roles other than member and teacher, the teaching flag (all
   * are teachers), UPNs, genders, emails other than the secondary email, preferred names,
   * attributes other than username.
   *
   * <p>Line breaks in any cell (a name pasted with a newline) are replaced by one space: SDS
   * tooling and the scripts schools run on these files read them line by line, and a name is never
   * meant to span lines. Cells are still quoted as RFC 4180 says.
   */
  public static void sdsClassic(MisSnapshot s, Path dir, boolean uk) {
    String id = uk ? "ID" : "SIS ID";
    String schoolCol = uk ? "School DfE Number" : "School SIS ID";
    String school = s.source().schoolId();
    try (Out o =
        Out.createOneLine(dir.resolve("School.csv"), uk ? "DfE Number" : "SIS ID", "Name")) {
      o.row(school, "School " + school);
    }
    try (Out o =
        Out.createOneLine(
            dir.resolve("Section.csv"),
            id,
            schoolCol,
            "Section Name",
            "Section Number",
            "Course Subject")) {
      for (Group g : s.groups()) {
        o.row(g.id(), school, g.name(), Out.s(g.code()), Out.s(g.subject()));
      }
    }
    try (Out o =
        Out.createOneLine(
            dir.resolve("Student.csv"),
            id,
            schoolCol,
            "First Name",
            "Last Name",
            "Username",
            "Secondary Email",
            "Student Number",
            "Middle Name",
            "Grade",
            "Birthdate")) {
      for (Student p : s.students()) {
        o.row(
            p.id(),
            school,
            Out.s(p.legalForename()),
            Out.s(p.legalSurname()),
            p.attributes().get("username"),
            Out.s(p.email()),
            Out.s(p.admissionNumber()),
            Out.s(p.middleNames()),
            Out.s(p.yearGroup()),
            Out.d(p.dateOfBirth()));
      }
    }
    try (Out o =
        Out.createOneLine(
            dir.resolve("Teacher.csv"),
            id,
            schoolCol,
            "First Name",
            "Last Name",
            "Username",
            "Teacher Number",
            "Middle Name",
            "Secondary Email",
            "Title")) {
      for (StaffMember p : s.staff()) {
        o.row(
            p.id(),
            school,
            Out.s(p.legalForename()),
            Out.s(p.legalSurname()),
            p.attributes().get("username"),
            Out.s(p.staffCode()),
            Out.s(p.middleNames()),
            Out.s(p.email()),
            Out.s(p.jobTitle()));
      }
    }
    if (!s.contacts().isEmpty() || s.completeness(EntityType.CONTACT) != Completeness.ABSENT) {
      try (Out o =
              Out.createOneLine(
                  dir.resolve("User.csv"), "Email", "First Name", "Last Name", "Phone", "SIS ID");
          Out g =
              Out.createOneLine(
                  dir.resolve("GuardianRelationship.csv"), "SIS ID", "Email", "Role")) {
        for (Contact c : s.contacts()) {
          o.row(
              Out.s(c.email()),
              Out.s(c.legalForename()),
              Out.s(c.legalSurname()),
              Out.s(c.phone()),
              c.id());
        }
        for (GuardianLink l : s.guardianLinks()) {
          String email = s.contact(l.contactId()).flatMap(Person::email).orElse("");
          g.row(
              l.studentId(),
              email,
              l.relationship().equals(Relationship.UNKNOWN) ? "" : l.relationship().value());
        }
      }
    }
    String sec = uk ? "Section ID" : "Section SIS ID";
    try (Out se = Out.createOneLine(dir.resolve("StudentEnrollment.csv"), sec, id);
        Out tr = Out.createOneLine(dir.resolve("TeacherRoster.csv"), sec, id)) {
      for (Membership m : s.memberships()) {
        if (m.personType() == EntityType.STUDENT) {
          se.row(m.groupId(), m.personId());
        } else if (m.personType() == EntityType.STAFF) {
          tr.row(m.groupId(), m.personId());
        }
      }
    }
  }

  /**
   * SDS v2.1. Lost: middle and preferred names, MIS ids, main-teacher roles (teacher), group kinds
   * (all are classes), group codes are kept but year groups of groups are not, contacts without a
   * link, link facts other than the relationship, line breaks in cells (each run becomes one space,
   * as for {@link #sdsClassic}).
   */
  public static void sdsV21(MisSnapshot s, Path dir) {
    String school = s.source().schoolId();
    try (Out o =
        Out.createOneLine(
            dir.resolve("orgs.csv"), "sourcedId", "name", "type", "parentSourcedId")) {
      o.row(school, "School " + school, "school", "");
    }
    try (Out u =
            Out.createOneLine(
                dir.resolve("users.csv"),
                "sourcedId",
                "username",
                "givenName",
                "familyName",
                "password",
                "activeDirectoryMatchId",
                "email",
                "phone",
                "sms");
        Out r =
            Out.createOneLine(
                dir.resolve("roles.csv"),
                "userSourcedId",
                "orgSourcedId",
                "role",
                "sessionSourcedId",
                "grade",
                "isPrimary",
                "roleStartDate",
                "roleEndDate");
        Out d =
            Out.createOneLine(
                dir.resolve("demographics.csv"),
                "userSourcedId",
                "sex",
                "birthDate",
                "birthCity",
                "birthState",
                "birthCountry",
                "ethnicityCodes",
                "raceCodes");
        Out f = Out.createOneLine(dir.resolve("userFlags.csv"), "userSourcedId", "flag")) {
      for (Person p : s.people()) {
        String phone = p instanceof Contact c ? Out.s(c.phone()) : "";
        u.row(
            p.id(),
            p.attributes().getOrDefault("username", ""),
            Out.s(p.legalForename()),
            Out.s(p.legalSurname()),
            "",
            "",
            Out.s(p.email()),
            phone,
            "");
        if (!(p instanceof Contact)) {
          String grade = p instanceof Student st ? Out.s(st.yearGroup()) : "";
          r.row(p.id(), school, role(p), "", grade, "TRUE", "", "");
        }
        String eth = p.attributes().get("ethnicityCodes");
        String race = p.attributes().get("raceCodes");
        if (p.gender().isPresent() || p.dateOfBirth().isPresent() || eth != null || race != null) {
          d.row(
              p.id(),
              p.gender().map(Assembly::genderWord).orElse(""),
              Out.d(p.dateOfBirth()),
              "",
              "",
              "",
              eth,
              race);
        }
        String flags = p.attributes().get("flags");
        if (flags != null) {
          for (String one : Text.list(flags)) {
            f.row(p.id(), one);
          }
        }
      }
    }
    try (Out c =
            Out.createOneLine(
                dir.resolve("classes.csv"),
                "sourcedId",
                "orgSourcedId",
                "title",
                "sessionSourcedIds",
                "courseSourcedId",
                "code");
        Out k =
            Out.createOneLine(
                dir.resolve("courses.csv"),
                "sourcedId",
                "orgSourcedId",
                "title",
                "code",
                "schoolYearSourcedId",
                "subject",
                "grade")) {
      for (Group g : s.groups()) {
        String course = "";
        if (g.subject().isPresent()) {
          course = "course-" + g.id();
          k.row(course, school, g.name(), "", "", g.subject().get(), "");
        }
        c.row(g.id(), school, g.name(), "", course, Out.s(g.code()));
      }
    }
    try (Out e =
        Out.createOneLine(
            dir.resolve("enrollments.csv"), "classSourcedId", "userSourcedId", "role")) {
      for (Membership m : s.memberships()) {
        e.row(
            m.groupId(),
            m.personId(),
            m.personType() == EntityType.STUDENT ? "student" : "teacher");
      }
    }
    try (Out r =
        Out.createOneLine(
            dir.resolve("relationships.csv"),
            "userSourcedId",
            "relationshipUserSourcedId",
            "relationshipRole")) {
      for (GuardianLink l : s.guardianLinks()) {
        r.row(
            l.studentId(),
            l.contactId(),
            l.relationship().equals(Relationship.UNKNOWN)
                ? ""
                : l.relationship().value().toLowerCase(Locale.ROOT));
      }
    }
  }

  /**
   * The school template. Lost: groups other than year groups (from the student's year group) and
   * registration groups (a student's first, a teacher's all), membership dates, ids of such groups
   * (rebuilt as {@code year:<year>} and {@code class:<name>}), MIS ids, UPIs, titles, middle and
   * preferred names, former UPNs, admission details, contacts without a link, attributes other than
   * username, pupil premium, SEND, EAL and ethnicity code.
   */
  public static void template(MisSnapshot s, Path dir) {
    try (Out o =
        Out.create(
            dir.resolve("students.csv"),
            "ID",
            "Forename",
            "Surname",
            "Username",
            "Year Group",
            "Class",
            "Gender",
            "Email",
            "UPN",
            "Date of Birth",
            "Pupil Premium",
            "SEND",
            "EAL",
            "Ethnicity Code")) {
      for (Student p : s.students()) {
        String cls =
            s.membershipsOf(p.ref()).stream()
                .map(m -> s.group(m.groupId()).orElse(null))
                .filter(g -> g != null && g.kind() == GroupKind.REGISTRATION)
                .map(g -> g.name())
                .findFirst()
                .orElse("");
        Map<String, String> a = p.attributes();
        o.row(
            p.id(),
            Out.s(p.legalForename()),
            Out.s(p.legalSurname()),
            a.get("username"),
            Out.s(p.yearGroup()),
            cls,
            p.gender().map(Assembly::genderWord).orElse(""),
            Out.s(p.email()),
            Out.s(p.upn()),
            Out.d(p.dateOfBirth()),
            a.get("pupilPremium"),
            a.get("send"),
            a.get("eal"),
            a.get("ethnicityCode"));
      }
    }
    try (Out o =
        Out.create(
            dir.resolve("staff.csv"),
            "ID",
            "Forename",
            "Surname",
            "Username",
            "Class",
            "Gender",
            "Email",
            "Job Title",
            "Staff Code",
            "Teaching")) {
      for (StaffMember p : s.staff()) {
        String cls =
            s.membershipsOf(p.ref()).stream()
                .map(m -> s.group(m.groupId()).orElse(null))
                .filter(g -> g != null && g.kind() == GroupKind.REGISTRATION)
                .map(g -> g.name())
                .collect(Collectors.joining(","));
        o.row(
            p.id(),
            Out.s(p.legalForename()),
            Out.s(p.legalSurname()),
            p.attributes().get("username"),
            cls,
            p.gender().map(Assembly::genderWord).orElse(""),
            Out.s(p.email()),
            Out.s(p.jobTitle()),
            Out.s(p.staffCode()),
            p.teaching() ? "Y" : "N");
      }
    }
    try (Out o =
        Out.create(
            dir.resolve("contacts.csv"),
            "ID",
            "Forename",
            "Surname",
            "Email",
            "Phone",
            "Student",
            "Relationship",
            "Parental Responsibility",
            "Priority",
            "Lives With Pupil")) {
      Map<String, Contact> byId = new LinkedHashMap<>();
      for (Contact c : s.contacts()) {
        byId.put(c.id(), c);
      }
      for (GuardianLink l : s.guardianLinks()) {
        Contact c = byId.get(l.contactId());
        if (c == null) {
          continue;
        }
        o.row(
            c.id(),
            Out.s(c.legalForename()),
            Out.s(c.legalSurname()),
            Out.s(c.email()),
            Out.s(c.phone()),
            l.studentId(),
            l.relationship().equals(Relationship.UNKNOWN) ? "" : l.relationship().value(),
            l.parentalResponsibility() ? "Y" : "N",
            l.priority().isPresent() ? Integer.toString(l.priority().getAsInt()) : "",
            l.livesWithPupil().map(b -> b ? "Y" : "N").orElse(""));
      }
    }
  }
}
