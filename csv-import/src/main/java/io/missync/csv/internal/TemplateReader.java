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
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.model.SourceInfo;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import io.missync.csv.CsvFormat;
import io.missync.csv.CsvProblem.Kind;
import io.missync.csv.DateOrder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the simple school template: a students file, a staff file and a contacts file, each with a
 * header the school may word its own way (aliases, plus any configured). A student's year group and
 * class become a YEAR and a REGISTRATION group; a member of staff's class makes them its teacher;
 * each contact row links the contact to one student.
 */
public final class TemplateReader {
  public static final String YEAR_PREFIX = "year:";
  public static final String CLASS_PREFIX = "class:";

  static final String[] PERSON = {
    "ID|MIS ID|Admission Number|Person ID",
    "Full Name|Name|Student Name|Pupil Name|Staff Name|Contact Name",
    "Forename|First Name|Given Name|Legal Forename",
    "Surname|Last Name|Family Name|Legal Surname",
    "Username|User Name|Login",
    "Gender|Sex",
    "Email|Email Address|E-mail",
  };
  public static final Schema STUDENTS =
      Schema.of(
          "students.csv",
          concat(
              PERSON,
              "Year Group|Year|NC Year",
              "Class|Form|Reg Group|Registration Group|Tutor Group",
              "UPN",
              "Date of Birth|DOB|Birth Date|Birthdate",
              "Pupil Premium|PP",
              "SEND|SEN|SEN Status",
              "EAL",
              "Ethnicity Code|Ethnicity|Ethnic Code"));
  public static final Schema STAFF =
      Schema.of(
          "staff.csv",
          concat(
              PERSON,
              "Class|Form|Reg Group|Tutor Group",
              "Job Title|Role",
              "Staff Code|Initials",
              "Teaching|Teacher"));
  public static final Schema CONTACTS =
      Schema.of(
          "contacts.csv",
          concat(
              PERSON,
              "Phone|Telephone|Mobile|Phone Number",
              "Student|Student ID|Student Username|Pupil|Child",
              "Relationship|Relation",
              "Parental Responsibility|PR",
              "Priority|Contact Priority",
              "Lives With Pupil|Lives With"));

  private static final int ID = 0;
  private static final int FULL = 1;
  private static final int FORE = 2;
  private static final int SUR = 3;
  private static final int USER = 4;
  private static final int GENDER = 5;
  private static final int EMAIL = 6;

  private final Input in;
  private final Options opts;
  private final Problems problems;
  private final Assembly asm;
  private final Map<String, String> studentKey = new HashMap<>(); // id or username -> id
  private final Set<String> groups = new HashSet<>();

  public TemplateReader(Input in, Options opts, Problems problems) {
    this.in = in;
    this.opts = opts;
    this.problems = problems;
    this.asm =
        Assembly.fresh(
            new SourceInfo(
                opts.schoolId() == null ? "school" : opts.schoolId(),
                CsvFormat.SCHOOL_TEMPLATE.id(),
                null,
                opts.capturedAt()),
            problems);
  }

  static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private Schema configured(Schema s) {
    Schema out = s;
    for (Map.Entry<String, List<String>> e : opts.templateAliases().entrySet()) {
      for (int i = 0; i < s.size(); i++) {
        if (s.name(i).equalsIgnoreCase(e.getKey())) {
          out = out.withAliases(s.name(i), e.getValue());
        }
      }
    }
    return out;
  }

  private Optional<String> find(String... words) {
    for (String n : in.names()) {
      String l = n.toLowerCase(Locale.ROOT);
      if (!l.endsWith(".csv") && !l.endsWith(".txt")) {
        continue;
      }
      for (String w : words) {
        if (l.contains(w)) {
          return Optional.of(n);
        }
      }
    }
    return Optional.empty();
  }

  public MisSnapshot read() {
    boolean students = readStudents();
    boolean staff = readStaff();
    readContacts();
    Completeness derived =
        students && staff
            ? Completeness.COMPLETE
            : students || staff ? Completeness.PARTIAL : Completeness.ABSENT;
    asm.completeness(EntityType.GROUP, derived);
    asm.completeness(EntityType.MEMBERSHIP, derived);
    return asm.build();
  }

  private @Nullable Table open(Schema s, EntityType type, String... words) {
    Optional<String> f = find(words);
    if (f.isEmpty()) {
      problems.error(
          Kind.MISSING_FILE,
          s.file(),
          0,
          null,
          type,
          "no "
              + words[0]
              + " file (a .csv whose name contains '"
              + words[0]
              + "'): "
              + type.name().toLowerCase(Locale.ROOT)
              + " records are ABSENT (not treated as having left)");
      asm.completeness(type, Completeness.ABSENT);
      return null;
    }
    Table t =
        Table.open(
            in, f.get(), configured(s), type, problems, opts.dateOrder(), DateOrder.DAY_FIRST);
    if (t == null) {
      asm.completeness(type, Completeness.PARTIAL);
      return null;
    }
    if (!t.has(ID) && !t.has(USER) && type != EntityType.CONTACT) {
      t.close();
      problems.error(
          Kind.MISSING_COLUMN,
          f.get(),
          1,
          "ID",
          type,
          "needs an 'ID' or a 'Username' column to identify people; no row of this file was read");
      asm.completeness(type, Completeness.PARTIAL);
      return null;
    }
    if (!t.has(FULL) && !t.has(FORE) && !t.has(SUR)) {
      t.close();
      problems.error(
          Kind.MISSING_COLUMN,
          f.get(),
          1,
          "Full Name",
          type,
          "needs 'Full Name' or 'Forename' and 'Surname' columns; no row of this file was read");
      asm.completeness(type, Completeness.PARTIAL);
      return null;
    }
    return t;
  }

  /** Sets id, names, gender, email and username; false (row reported) when there is no id. */
  private boolean common(Table t, Person.Builder<?, ?> b, String id) {
    String fore = t.opt(FORE);
    String sur = t.opt(SUR);
    if (fore == null && sur == null) {
      String full = t.get(FULL);
      int comma = full.indexOf(',');
      if (comma >= 0) {
        sur = Text.emptyToNull(full.substring(0, comma).strip());
        fore = Text.emptyToNull(full.substring(comma + 1).strip());
      } else {
        int sp = full.lastIndexOf(' ');
        if (sp > 0) {
          fore = full.substring(0, sp).strip();
          sur = full.substring(sp + 1).strip();
        } else {
          fore = Text.emptyToNull(full);
        }
      }
    }
    b.id(id)
        .legalName(fore, sur)
        .gender(Assembly.gender(t, GENDER))
        .email(Assembly.email(t, EMAIL));
    b.attribute("username", t.opt(USER));
    return true;
  }

  private @Nullable String idOf(Table t) {
    String id = t.opt(ID);
    if (id == null) {
      id = t.opt(USER);
    }
    if (id == null) {
      t.error(Kind.MISSING_VALUE, t.has(ID) ? ID : USER, "no ID or Username; row not imported");
    }
    return id;
  }

  private void group(Table t, GroupKind kind, String value) {
    String id = (kind == GroupKind.YEAR ? YEAR_PREFIX : CLASS_PREFIX) + value;
    if (groups.add(id)) {
      String name =
          kind == GroupKind.YEAR && value.chars().allMatch(Character::isDigit)
              ? "Year " + value
              : value;
      asm.addGroup(
          t,
          -1,
          () ->
              Group.builder()
                  .id(id)
                  .kind(kind)
                  .name(name)
                  .yearGroup(kind == GroupKind.YEAR ? value : null)
                  .build());
    }
  }

  private boolean readStudents() {
    Table t = open(configured(STUDENTS), EntityType.STUDENT, "student", "pupil");
    if (t == null) {
      return false;
    }
    Schema s = STUDENTS;
    int year = s.idx("Year Group");
    int cls = s.idx("Class");
    int upn = s.idx("UPN");
    int dob = s.idx("Date of Birth");
    int pp = s.idx("Pupil Premium");
    int send = s.idx("SEND");
    int eal = s.idx("EAL");
    int eth = s.idx("Ethnicity Code");
    try (t) {
      while (t.next()) {
        String id = idOf(t);
        if (id == null) {
          continue;
        }
        Student.Builder b = Student.builder();
        common(t, b, id);
        String y = t.opt(year);
        String c = t.opt(cls);
        b.yearGroup(y)
            .upn(Assembly.upn(t, upn))
            .dateOfBirth(t.date(dob))
            .attribute("pupilPremium", t.opt(pp))
            .attribute("send", t.opt(send))
            .attribute("eal", t.opt(eal))
            .attribute("ethnicityCode", t.opt(eth));
        if (!asm.addPerson(t, t.opt(ID) != null ? ID : USER, t.opt(ID) != null, b::build)) {
          continue;
        }
        studentKey.put(id, id);
        String un = t.opt(USER);
        if (un != null) {
          studentKey.putIfAbsent(un.toLowerCase(Locale.ROOT), id);
        }
        if (y != null) {
          group(t, GroupKind.YEAR, y);
          asm.builder()
              .addMembership(
                  Membership.of(YEAR_PREFIX + y, PersonRef.student(id), MembershipRole.MEMBER));
        }
        if (c != null) {
          group(t, GroupKind.REGISTRATION, c);
          asm.builder()
              .addMembership(
                  Membership.of(CLASS_PREFIX + c, PersonRef.student(id), MembershipRole.MEMBER));
        }
      }
      asm.completeness(
          EntityType.STUDENT, t.failed() ? Completeness.PARTIAL : Completeness.COMPLETE);
    }
    return true;
  }

  private boolean readStaff() {
    Table t = open(configured(STAFF), EntityType.STAFF, "staff", "teacher");
    if (t == null) {
      return false;
    }
    int cls = STAFF.idx("Class");
    int job = STAFF.idx("Job Title");
    int code = STAFF.idx("Staff Code");
    int teaching = STAFF.idx("Teaching");
    try (t) {
      while (t.next()) {
        String id = idOf(t);
        if (id == null) {
          continue;
        }
        StaffMember.Builder b = StaffMember.builder();
        common(t, b, id);
        Boolean teach = Text.bool(t.get(teaching));
        if (!t.get(teaching).isEmpty() && teach == null) {
          t.warn(Kind.INVALID_VALUE, teaching, "must be Y or N; read as Y");
        }
        String c = t.opt(cls);
        b.jobTitle(t.opt(job)).staffCode(t.opt(code)).teaching(teach == null || teach);
        if (!asm.addPerson(t, t.opt(ID) != null ? ID : USER, t.opt(ID) != null, b::build)) {
          continue;
        }
        if (c != null) {
          for (String one : Text.list(c)) {
            group(t, GroupKind.REGISTRATION, one);
            asm.builder()
                .addMembership(
                    Membership.of(CLASS_PREFIX + one, PersonRef.staff(id), MembershipRole.TEACHER));
          }
        }
      }
      asm.completeness(EntityType.STAFF, t.failed() ? Completeness.PARTIAL : Completeness.COMPLETE);
    }
    return true;
  }

  private void readContacts() {
    Table t = open(configured(CONTACTS), EntityType.CONTACT, "contact", "parent", "guardian");
    if (t == null) {
      asm.completeness(EntityType.GUARDIAN_LINK, Completeness.ABSENT);
      return;
    }
    Schema s = CONTACTS;
    int phone = s.idx("Phone");
    int student = s.idx("Student");
    int rel = s.idx("Relationship");
    int pr = s.idx("Parental Responsibility");
    int prio = s.idx("Priority");
    int lives = s.idx("Lives With Pupil");
    Set<String> contacts = new HashSet<>();
    try (t) {
      while (t.next()) {
        String id = t.opt(ID);
        if (id == null) {
          String e = Assembly.email(t, EMAIL);
          id = e == null ? null : e.toLowerCase(Locale.ROOT);
        }
        if (id == null) {
          t.error(
              Kind.MISSING_VALUE, ID, "no ID or email to identify the contact; row not imported");
          continue;
        }
        String sref = t.get(student);
        String sid = studentKey.get(sref);
        if (sid == null) {
          sid = studentKey.get(sref.toLowerCase(Locale.ROOT));
        }
        if (sid == null) {
          t.error(
              Kind.UNKNOWN_REFERENCE,
              student,
              sref.isEmpty()
                  ? "no student given; row not imported"
                  : "the student named is not in the students file (by ID or username); row not"
                      + " imported");
          problems.markRejected(EntityType.GUARDIAN_LINK);
          continue;
        }
        if (contacts.add(id)) {
          Contact.Builder b = Contact.builder();
          common(t, b, id);
          b.phone(t.opt(phone));
          if (!asm.addPerson(t, ID, t.opt(ID) != null, b::build)) {
            contacts.remove(id);
            continue;
          }
        }
        String relation = t.get(rel);
        Integer priority = null;
        if (!t.get(prio).isEmpty()) {
          try {
            priority = Integer.valueOf(t.get(prio));
            if (priority < 1) {
              t.warn(Kind.INVALID_VALUE, prio, "priority must be 1 or more; value dropped");
              priority = null;
            }
          } catch (NumberFormatException e) {
            t.warn(Kind.INVALID_VALUE, prio, "priority is not a number; value dropped");
          }
        }
        Boolean parental = Text.bool(t.get(pr));
        Boolean livesWith = Text.bool(t.get(lives));
        String cid = id;
        String fsid = sid;
        Integer fp = priority;
        GuardianLink l =
            asm.link(
                t,
                () ->
                    GuardianLink.builder(cid, fsid)
                        .relationship(relation.isEmpty() ? null : Relationship.of(relation))
                        .parentalResponsibility(Boolean.TRUE.equals(parental))
                        .priority(fp)
                        .livesWithPupil(livesWith)
                        .build());
        if (l != null) {
          asm.builder().addGuardianLink(l);
        }
      }
      Completeness c = t.failed() ? Completeness.PARTIAL : Completeness.COMPLETE;
      asm.completeness(EntityType.CONTACT, c);
      asm.completeness(EntityType.GUARDIAN_LINK, c);
    }
  }
}
