package io.missync.testkit.wonde.internal;

import io.missync.testkit.wonde.SchoolAccess;
import io.missync.testkit.wonde.internal.Model.Contact;
import io.missync.testkit.wonde.internal.Model.Deletion;
import io.missync.testkit.wonde.internal.Model.Employee;
import io.missync.testkit.wonde.internal.Model.Entity;
import io.missync.testkit.wonde.internal.Model.Group;
import io.missync.testkit.wonde.internal.Model.GuardianLink;
import io.missync.testkit.wonde.internal.Model.Person;
import io.missync.testkit.wonde.internal.Model.Status;
import io.missync.testkit.wonde.internal.Model.Student;
import io.missync.testkit.wonde.internal.Model.Subject;
import io.missync.testkit.wonde.internal.Model.TeacherRole;
import io.missync.testkit.wonde.internal.Model.TeachingClass;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * One school's state and every mutation the simulator supports. Not thread-safe: the owning world
 * serialises writers and readers with a read-write lock.
 */
public final class SchoolData {
  public static final String YEAR = "YEAR";
  public static final String REGISTRATION = "REGISTRATION";
  public static final String HOUSE = "HOUSE";
  public static final String DEPARTMENT = "DEPARTMENT";
  public static final String MISC = "MISC";

  private final WorldIds ids;
  private final SplittableRandom rng;
  public final char regionLetter;
  public final String id;
  public String name;
  public final int urn;
  public final String laCode;
  public final String establishmentNumber;
  public final String phase;
  public final boolean sixthForm;
  public String mis;
  public final String addressLine1;
  public final String town;
  public final String postcode;
  public final String emailDomain;
  public SchoolAccess access = SchoolAccess.APPROVED;
  public boolean audited = true;
  public boolean online = true;
  public final String token;
  public final String regionCode;
  public final Instant createdAt;
  public Instant updatedAt;
  public final List<String> years;

  public Map<String, Student> students = new LinkedHashMap<>();
  public Map<String, Employee> employees = new LinkedHashMap<>();
  public Map<String, Contact> contacts = new LinkedHashMap<>();
  public Map<String, Group> groups = new LinkedHashMap<>();
  public Map<String, TeachingClass> classes = new LinkedHashMap<>();
  public Map<String, Subject> subjects = new LinkedHashMap<>();
  public final List<Deletion> deletions = new ArrayList<>();

  private int nextMis;
  private int nextAdmission;
  private int upnSerial;
  private final Set<String> upns = new HashSet<>();
  private final Set<String> emails = new HashSet<>();

  SchoolData(
      WorldIds ids,
      String regionCode,
      String phase,
      boolean sixthForm,
      Instant createdAt,
      Instant updatedAt) {
    this.ids = ids;
    this.rng = ids.rng();
    this.regionCode = regionCode;
    this.regionLetter = "GBR".equals(regionCode) ? 'A' : 'B';
    this.id = ids.wondeId(regionLetter);
    this.token = ids.token();
    this.town = Names.pick(rng, Names.TOWNS);
    this.name = town + " " + (rng.nextBoolean() ? "Academy" : "School");
    this.urn = 100_000 + rng.nextInt(900_000);
    this.laCode = Integer.toString(201 + rng.nextInt(700));
    this.establishmentNumber = Integer.toString(2000 + rng.nextInt(5000));
    this.phase = phase;
    this.sixthForm = sixthForm;
    this.mis = "SIMS";
    this.addressLine1 = (1 + rng.nextInt(200)) + " " + Names.pick(rng, Names.STREETS);
    this.postcode = postcode();
    this.emailDomain = town.toLowerCase(Locale.ROOT) + "-" + urn + ".sch.example";
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
    this.nextMis = 1000 + rng.nextInt(9000);
    this.nextAdmission = 1000 + rng.nextInt(2000);
    List<String> ys = new ArrayList<>();
    if ("PRIMARY".equals(phase)) {
      ys.add("R");
      for (int y = 1; y <= 6; y++) {
        ys.add(Integer.toString(y));
      }
    } else {
      for (int y = 7; y <= (sixthForm ? 13 : 11); y++) {
        ys.add(Integer.toString(y));
      }
    }
    this.years = List.copyOf(ys);
  }

  private String postcode() {
    String letters = "ABCDEFGHJKLMNPRSTUWY";
    return ""
        + letters.charAt(rng.nextInt(letters.length()))
        + letters.charAt(rng.nextInt(letters.length()))
        + (1 + rng.nextInt(20))
        + " "
        + rng.nextInt(10)
        + letters.charAt(rng.nextInt(letters.length()))
        + letters.charAt(rng.nextInt(letters.length()));
  }

  // ---------------------------------------------------------------- factories

  String nextMisId() {
    nextMis += 1 + rng.nextInt(3);
    return Integer.toString(nextMis);
  }

  public static int academicYearStart(Instant now) {
    LocalDate d = LocalDate.ofInstant(now, ZoneOffset.UTC);
    return d.getMonthValue() >= 9 ? d.getYear() : d.getYear() - 1;
  }

  /** The age-based position of an NC year: R is 0, Year n is n. */
  static int yearNumber(String ncYear) {
    return "R".equals(ncYear) ? 0 : Integer.parseInt(ncYear);
  }

  private void fillPerson(Person p, String gender) {
    p.gender = gender;
    p.houseNumber = Integer.toString(1 + rng.nextInt(150));
    p.street = Names.pick(rng, Names.STREETS);
    p.town = town;
    p.postcode = postcode();
  }

  Student newStudent(String ncYear, Status status, Instant asOf, Instant created, Instant updated) {
    boolean girl = rng.nextBoolean();
    String forename = Names.pick(rng, girl ? Names.GIRLS : Names.BOYS);
    String surname = Names.pick(rng, Names.SURNAMES);
    String mis = nextMisId();
    String admission = String.format("%06d", nextAdmission++);
    Student s =
        new Student(
            ids.wondeId(regionLetter),
            mis,
            WorldIds.upi(id, "student", mis),
            forename,
            surname,
            admission,
            ncYear,
            created,
            updated);
    s.status = status;
    fillPerson(s, girl ? "FEMALE" : "MALE");
    if (rng.nextInt(12) == 0) {
      s.middleNames = Names.pick(rng, girl ? Names.GIRLS : Names.BOYS);
    }
    int ay = academicYearStart(asOf);
    int n = yearNumber(ncYear);
    LocalDate earliest = LocalDate.of(ay - n - 5, 9, 1);
    s.dateOfBirth = earliest.plusDays(rng.nextInt(365));
    int entryYears = Math.max(0, n - (years.isEmpty() ? 0 : yearNumber(years.get(0))));
    s.admissionDate = LocalDate.of(ay - entryYears, 9, 1 + rng.nextInt(5));
    s.upn = nextUpn(ay - n + 1);
    if (rng.nextInt(10) == 0) {
      s.senStatus = "K";
    }
    s.freeSchoolMeals = rng.nextInt(5) == 0;
    s.email = null;
    students.put(s.id, s);
    return s;
  }

  private String nextUpn(int allocationYear) {
    while (true) {
      String u = WorldIds.upn(laCode, establishmentNumber, allocationYear, upnSerial++);
      if (upns.add(u)) {
        return u;
      }
    }
  }

  Contact newContact(String surname, boolean female, Instant created, Instant updated) {
    String forename = Names.pick(rng, female ? Names.GIRLS : Names.BOYS);
    String mis = nextMisId();
    Contact c =
        new Contact(
            ids.wondeId(regionLetter),
            mis,
            WorldIds.upi(id, "contact", mis),
            forename,
            surname,
            created,
            updated);
    fillPerson(c, female ? "FEMALE" : "MALE");
    c.title = female ? (rng.nextBoolean() ? "Mrs" : "Ms") : "Mr";
    c.email = uniqueEmail(forename + "." + surname, "example.com");
    c.mobile = String.format("07700 9%05d", rng.nextInt(100_000));
    c.homePhone =
        rng.nextBoolean()
            ? String.format("01%03d %06d", rng.nextInt(1000), rng.nextInt(1_000_000))
            : null;
    contacts.put(c.id, c);
    return c;
  }

  Employee newEmployee(boolean teaching, String roleText, Instant created, Instant updated) {
    boolean female = rng.nextInt(3) > 0;
    String forename = Names.pick(rng, female ? Names.GIRLS : Names.BOYS);
    String surname = Names.pick(rng, Names.SURNAMES);
    String mis = nextMisId();
    Employee e =
        new Employee(
            ids.wondeId(regionLetter),
            mis,
            WorldIds.upi(id, "employee", mis),
            forename,
            surname,
            roleText,
            created,
            updated);
    fillPerson(e, female ? "FEMALE" : "MALE");
    e.title = female ? (rng.nextBoolean() ? "Mrs" : "Ms") : (rng.nextInt(8) == 0 ? "Dr" : "Mr");
    e.teachingStaff = teaching;
    e.staffCode =
        (forename.substring(0, 1) + surname.substring(0, Math.min(2, surname.length())))
            .toUpperCase(Locale.ROOT);
    e.email = uniqueEmail(forename.charAt(0) + "." + surname, emailDomain);
    e.dateOfBirth = LocalDate.of(1960 + rng.nextInt(40), 1 + rng.nextInt(12), 1 + rng.nextInt(28));
    e.employmentStart = LocalDate.ofInstant(created, ZoneOffset.UTC).minusDays(rng.nextInt(30));
    employees.put(e.id, e);
    return e;
  }

  private String uniqueEmail(String local, String domain) {
    String base = local.toLowerCase(Locale.ROOT).replace(' ', '.').replace('\'', '.');
    String candidate = base + "@" + domain;
    int n = 2;
    while (!emails.add(candidate)) {
      candidate = base + n++ + "@" + domain;
    }
    return candidate;
  }

  Group newGroup(
      String name, @Nullable String code, String type, Instant created, Instant updated) {
    Group g = new Group(ids.wondeId(regionLetter), nextMisId(), name, code, type, created, updated);
    groups.put(g.id, g);
    return g;
  }

  Subject newSubject(String code, String name, Instant created, Instant updated) {
    Subject s = new Subject(ids.wondeId(regionLetter), nextMisId(), code, name, created, updated);
    subjects.put(s.id, s);
    return s;
  }

  TeachingClass newClass(
      String name,
      Subject subject,
      String yearGroup,
      int set,
      int academicYear,
      Instant created,
      Instant updated) {
    TeachingClass c =
        new TeachingClass(ids.wondeId(regionLetter), nextMisId(), name, subject, created, updated);
    c.description = name;
    c.yearGroup = yearGroup;
    c.set = set;
    c.academicYear = academicYear;
    classes.put(c.id, c);
    return c;
  }

  // ---------------------------------------------------------------- relations

  static void join(Student s, Group g) {
    s.groups.add(g);
    g.students.add(s);
  }

  static void leave(Student s, Group g) {
    s.groups.remove(g);
    g.students.remove(s);
  }

  static void enrol(Student s, TeachingClass c) {
    s.classes.add(c);
    c.students.add(s);
  }

  static void unenrol(Student s, TeachingClass c) {
    s.classes.remove(c);
    c.students.remove(s);
  }

  static GuardianLink link(
      Student s,
      Contact c,
      String relationship,
      boolean pr,
      int priority,
      boolean livesWith,
      boolean billPayer) {
    GuardianLink l = new GuardianLink(s, c, relationship, pr, priority, livesWith, billPayer);
    s.guardians.add(l);
    c.students.add(s);
    return l;
  }

  static void unlink(Student s, Contact c) {
    s.guardians.removeIf(l -> l.contact == c);
    c.students.remove(s);
  }

  public Optional<Group> yearGroup(String ncYear) {
    for (Group g : groups.values()) {
      if (g.isCurrent() && YEAR.equals(g.type) && ncYear.equals(g.yearCode)) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }

  public List<Group> forms(String ncYear) {
    List<Group> out = new ArrayList<>();
    for (Group g : groups.values()) {
      if (g.isCurrent() && REGISTRATION.equals(g.type) && ncYear.equals(g.yearCode)) {
        out.add(g);
      }
    }
    return out;
  }

  List<Group> groupsOfType(String type) {
    List<Group> out = new ArrayList<>();
    for (Group g : groups.values()) {
      if (g.isCurrent() && type.equals(g.type)) {
        out.add(g);
      }
    }
    return out;
  }

  private static int currentCount(Set<Student> members) {
    int n = 0;
    for (Student s : members) {
      if (s.isCurrent()) {
        n++;
      }
    }
    return n;
  }

  /**
   * Puts a student into the year group, the smallest form of the year, a house and one class per
   * subject taught in the year. Returns what it joined.
   */
  List<Entity> place(Student s, @Nullable Map<String, List<TeachingClass>> classIndex) {
    List<Entity> joined = new ArrayList<>();
    yearGroup(s.ncYear)
        .ifPresent(
            g -> {
              join(s, g);
              joined.add(g);
            });
    Group smallest = null;
    int fewest = Integer.MAX_VALUE;
    for (Group g : forms(s.ncYear)) {
      int n = currentCount(g.students);
      if (n < fewest) {
        fewest = n;
        smallest = g;
      }
    }
    if (smallest != null) {
      join(s, smallest);
      joined.add(smallest);
    }
    List<Group> houses = groupsOfType(HOUSE);
    if (!houses.isEmpty()) {
      Group h = houses.get(rng.nextInt(houses.size()));
      join(s, h);
      joined.add(h);
    }
    Map<String, List<TeachingClass>> idx = classIndex != null ? classIndex : classesBySubject();
    String prefix = s.ncYear + "|";
    for (Map.Entry<String, List<TeachingClass>> e : idx.entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        continue;
      }
      List<TeachingClass> sets = e.getValue();
      TeachingClass c = sets.get(rng.nextInt(sets.size()));
      enrol(s, c);
      joined.add(c);
    }
    return joined;
  }

  /** Current classes keyed by "year|subjectId", in set order. */
  Map<String, List<TeachingClass>> classesBySubject() {
    Map<String, List<TeachingClass>> idx = new LinkedHashMap<>();
    for (TeachingClass c : classes.values()) {
      if (c.isCurrent() && c.yearGroup != null) {
        idx.computeIfAbsent(c.yearGroup + "|" + c.subject.id, k -> new ArrayList<>()).add(c);
      }
    }
    return idx;
  }

  /** Creates one to three contacts (or reuses a sibling's) for a new student. */
  List<Contact> addGuardians(Student s, Instant created, Instant updated) {
    List<Contact> made = new ArrayList<>();
    int roll = rng.nextInt(100);
    int n = roll < 25 ? 1 : roll < 90 ? 2 : 3;
    boolean motherFirst = rng.nextInt(4) > 0;
    for (int i = 0; i < n; i++) {
      boolean female = i == 0 ? motherFirst : i == 1 ? !motherFirst : rng.nextBoolean();
      String rel = i < 2 ? (female ? "Mother" : "Father") : (female ? "Grandmother" : "Uncle");
      String surname = i == 0 || rng.nextInt(4) > 0 ? s.surname : Names.pick(rng, Names.SURNAMES);
      Contact c = newContact(surname, female, created, updated);
      link(s, c, rel, i < 2, i + 1, i == 0 || rng.nextBoolean(), i == 0);
      made.add(c);
    }
    return made;
  }

  // ---------------------------------------------------------------- lookups

  public Optional<Entity> find(String anyId) {
    Entity e = students.get(anyId);
    if (e == null) {
      e = employees.get(anyId);
    }
    if (e == null) {
      e = contacts.get(anyId);
    }
    if (e == null) {
      e = groups.get(anyId);
    }
    if (e == null) {
      e = classes.get(anyId);
    }
    if (e == null) {
      e = subjects.get(anyId);
    }
    return Optional.ofNullable(e);
  }

  public Student student(String sid) {
    return require(students, sid, "student");
  }

  public Employee employee(String eid) {
    return require(employees, eid, "employee");
  }

  public Contact contact(String cid) {
    return require(contacts, cid, "contact");
  }

  public Group group(String gid) {
    return require(groups, gid, "group");
  }

  public TeachingClass teachingClass(String cid) {
    return require(classes, cid, "class");
  }

  private <T> T require(Map<String, T> byId, String key, String what) {
    T found = byId.get(key);
    if (found == null) {
      throw new IllegalArgumentException("no " + what + " " + key + " in school " + id);
    }
    return found;
  }

  private static void requireStatus(Entity e, Status expected) {
    if (e.status != expected) {
      throw new IllegalStateException(
          e.deletionType() + " " + e.id + " is " + e.status + ", expected " + expected);
    }
  }

  private void delete(Entity e, Instant now) {
    deletions.add(new Deletion(e.deletionType(), e.id, e.misId, now));
  }

  private static void touchAll(List<? extends Entity> es, Instant now) {
    for (Entity e : es) {
      e.touch(now);
    }
  }

  // ---------------------------------------------------------------- mutations

  /** A new starter in the given NC year, with new contacts. */
  public Student addStudent(String ncYear, Instant now) {
    if (!years.contains(ncYear)) {
      throw new IllegalArgumentException("year " + ncYear + " is not taught here: " + years);
    }
    Student s = newStudent(ncYear, Status.CURRENT, now, now, now);
    s.admissionDate = LocalDate.ofInstant(now, ZoneOffset.UTC);
    touchAll(place(s, null), now);
    addGuardians(s, now, now);
    return s;
  }

  /** A new pre-admission record (no groups yet). */
  public Student addPreAdmission(String ncYear, Instant now) {
    Student s = newStudent(ncYear, Status.PRE_ADMISSION, now, now, now);
    s.admissionDate = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(30);
    addGuardians(s, now, now);
    return s;
  }

  /** Admits a pre-admission: same id, placed into groups and classes. */
  public void admit(Student s, Instant now) {
    requireStatus(s, Status.PRE_ADMISSION);
    s.status = Status.CURRENT;
    s.admissionDate = LocalDate.ofInstant(now, ZoneOffset.UTC);
    s.touch(now);
    touchAll(place(s, null), now);
  }

  /**
   * A student leaves: moves to students-leaver with a leaving date, gets a deletion entry, drops
   * out of every group and class; contacts with no other current student are deleted too.
   */
  public void studentLeaves(Student s, Instant now) {
    requireStatus(s, Status.CURRENT);
    s.status = Status.LEAVER;
    s.leavingDate = LocalDate.ofInstant(now, ZoneOffset.UTC);
    s.touch(now);
    touchAll(new ArrayList<>(s.groups), now);
    touchAll(new ArrayList<>(s.classes), now);
    Deletion d = new Deletion(s.deletionType(), s.id, s.misId, now);
    d.leaver = true;
    deletions.add(d);
    for (GuardianLink l : s.guardians) {
      Contact c = l.contact;
      if (c.isCurrent() && c.students.stream().noneMatch(Entity::isCurrent)) {
        deleteContact(c, now);
      }
    }
  }

  /** A member of staff leaves: gone from /employees, deletion entry, employment end date set. */
  public void employeeLeaves(Employee e, Instant now) {
    requireStatus(e, Status.CURRENT);
    e.status = Status.DELETED;
    e.employmentEnd = LocalDate.ofInstant(now, ZoneOffset.UTC);
    e.touch(now);
    delete(e, now);
    for (TeachingClass c : classes.values()) {
      if (c.teachers.containsKey(e)) {
        c.touch(now);
      }
    }
    for (Group g : groups.values()) {
      if (g.employees.contains(e)) {
        g.touch(now);
      }
    }
  }

  /** A new member of staff (teaching staff join no class until assigned). */
  public Employee addEmployee(boolean teaching, Instant now) {
    Employee e = newEmployee(teaching, teaching ? "Teacher" : "Teaching Assistant", now, now);
    e.employmentStart = LocalDate.ofInstant(now, ZoneOffset.UTC);
    return e;
  }

  /** Makes an employee a teacher of a class. */
  public void assignTeacher(TeachingClass c, Employee e, boolean main, Instant now) {
    c.teachers.put(e, new TeacherRole(main, main ? "Main Class Teacher" : "Class Teacher"));
    c.touch(now);
    e.touch(now);
  }

  /** A contact is removed from the MIS altogether. */
  public void deleteContact(Contact c, Instant now) {
    requireStatus(c, Status.CURRENT);
    c.status = Status.DELETED;
    c.touch(now);
    delete(c, now);
    for (Student s : c.students) {
      if (s.isCurrent()) {
        s.touch(now);
      }
    }
  }

  /**
   * A group or class is removed from the MIS: gone from its endpoint and from members' includes,
   * with a {@code group} or {@code class} deletion entry; current members are touched. Memberships
   * are kept so that {@link #restore} brings the group back as it was.
   */
  public void deleteGroupOrClass(Entity e, Instant now) {
    if (!(e instanceof Group) && !(e instanceof TeachingClass)) {
      throw new IllegalArgumentException(e.id + " is not a group or class");
    }
    requireStatus(e, Status.CURRENT);
    e.status = Status.DELETED;
    e.touch(now);
    delete(e, now);
    Set<Student> members = e instanceof Group g ? g.students : ((TeachingClass) e).students;
    for (Student s : members) {
      if (s.isCurrent()) {
        s.touch(now);
      }
    }
  }

  public void moveClass(Student s, TeachingClass from, TeachingClass to, Instant now) {
    requireStatus(s, Status.CURRENT);
    if (!s.classes.contains(from)) {
      throw new IllegalArgumentException("student " + s.id + " is not in class " + from.id);
    }
    unenrol(s, from);
    enrol(s, to);
    s.touch(now);
    from.touch(now);
    to.touch(now);
  }

  public void enrolInClass(Student s, TeachingClass c, Instant now) {
    enrol(s, c);
    s.touch(now);
    c.touch(now);
  }

  public void removeFromClass(Student s, TeachingClass c, Instant now) {
    unenrol(s, c);
    s.touch(now);
    c.touch(now);
  }

  /** Moves a student to another group of the same type (form, house, year). */
  public void moveGroup(Student s, Group to, Instant now) {
    requireStatus(s, Status.CURRENT);
    for (Group g : new ArrayList<>(s.groups)) {
      if (g.type.equals(to.type)) {
        leave(s, g);
        g.touch(now);
      }
    }
    join(s, to);
    if (YEAR.equals(to.type) && to.yearCode != null) {
      s.ncYear = to.yearCode;
    }
    to.touch(now);
    s.touch(now);
  }

  /**
   * A member of staff becomes a contact of a student (a teacher who is a parent): a contact record
   * with its own id and the employee's UPI, names and email, as Wonde serves one person with two
   * roles.
   */
  public Contact staffParent(
      Employee e,
      Student s,
      String relationship,
      boolean parentalResponsibility,
      int priority,
      boolean livesWithPupil,
      boolean billPayer,
      Instant now) {
    requireStatus(s, Status.CURRENT);
    boolean female = "FEMALE".equals(e.gender);
    Contact c = newContact(e.surname, female, now, now);
    c.upi = e.upi;
    c.title = e.title;
    c.forename = e.forename;
    c.legalForename = e.legalForename;
    c.surname = e.surname;
    c.legalSurname = e.legalSurname;
    c.middleNames = e.middleNames;
    c.gender = e.gender;
    c.dateOfBirth = e.dateOfBirth;
    c.email = e.email;
    link(s, c, relationship, parentalResponsibility, priority, livesWithPupil, billPayer);
    s.touch(now);
    return c;
  }

  /** Records (or lifts) a court order on a contact's link to a student. */
  public void setCourtOrder(Student s, Contact c, boolean courtOrder, Instant now) {
    GuardianLink l =
        s.link(c)
            .orElseThrow(() -> new IllegalArgumentException("not linked: " + s.id + " " + c.id));
    l.courtOrder = courtOrder;
    s.touch(now);
    c.touch(now);
  }

  public Contact addGuardian(
      Student s,
      String relationship,
      boolean parentalResponsibility,
      int priority,
      boolean livesWithPupil,
      boolean billPayer,
      Instant now) {
    requireStatus(s, Status.CURRENT);
    boolean female =
        relationship.toLowerCase(Locale.ROOT).matches(".*(mother|aunt|grandmother|sister)");
    Contact c = newContact(s.surname, female, now, now);
    link(s, c, relationship, parentalResponsibility, priority, livesWithPupil, billPayer);
    s.touch(now);
    return c;
  }

  public void linkGuardian(
      Student s,
      Contact c,
      String relationship,
      boolean parentalResponsibility,
      int priority,
      boolean livesWithPupil,
      boolean billPayer,
      Instant now) {
    if (s.link(c).isPresent()) {
      throw new IllegalArgumentException("already linked: " + s.id + " " + c.id);
    }
    link(s, c, relationship, parentalResponsibility, priority, livesWithPupil, billPayer);
    s.touch(now);
    c.touch(now);
  }

  public void changeRelationship(
      Student s,
      Contact c,
      String relationship,
      boolean parentalResponsibility,
      int priority,
      boolean livesWithPupil,
      boolean billPayer,
      Instant now) {
    GuardianLink l =
        s.link(c)
            .orElseThrow(() -> new IllegalArgumentException("not linked: " + s.id + " " + c.id));
    l.relationship = relationship;
    l.parentalResponsibility = parentalResponsibility;
    l.priority = priority;
    l.livesWithPupil = livesWithPupil;
    l.billPayer = billPayer;
    s.touch(now);
    c.touch(now);
  }

  /** Unlinks a guardian; a contact left with no current student is deleted. */
  public void removeGuardian(Student s, Contact c, Instant now) {
    if (s.link(c).isEmpty()) {
      throw new IllegalArgumentException("not linked: " + s.id + " " + c.id);
    }
    unlink(s, c);
    s.touch(now);
    c.touch(now);
    if (c.isCurrent() && c.students.stream().noneMatch(Entity::isCurrent)) {
      deleteContact(c, now);
    }
  }

  public void rename(Person p, String forename, String surname, Instant now) {
    p.forename = forename;
    p.surname = surname;
    p.legalForename = forename;
    p.legalSurname = surname;
    p.touch(now);
  }

  /**
   * A deleted record (or student leaver) reappears with the same id: it is served again with {@code
   * restored_at}, and its latest deletion entry gets {@code restored_at}. A student's contacts
   * deleted with it are restored too.
   */
  public void restore(Entity e, Instant now) {
    if (e instanceof Student s) {
      if (s.status != Status.LEAVER && s.status != Status.DELETED) {
        throw new IllegalStateException("student " + s.id + " is " + s.status);
      }
      s.leavingDate = null;
      reinstate(s, now);
      touchAll(new ArrayList<>(s.groups), now);
      touchAll(new ArrayList<>(s.classes), now);
      for (GuardianLink l : s.guardians) {
        if (l.contact.status == Status.DELETED) {
          reinstate(l.contact, now);
        }
      }
    } else {
      requireStatus(e, Status.DELETED);
      if (e instanceof Employee emp) {
        emp.employmentEnd = null;
      }
      reinstate(e, now);
      // every record whose served JSON changes is touched: the students listing a restored group,
      // class or contact, and the groups and classes listing a restored employee
      Set<Student> members =
          e instanceof Group g
              ? g.students
              : e instanceof TeachingClass c
                  ? c.students
                  : e instanceof Contact k ? k.students : Set.of();
      for (Student s : members) {
        if (s.isCurrent()) {
          s.touch(now);
        }
      }
      if (e instanceof Employee emp) {
        for (TeachingClass c : classes.values()) {
          if (c.isCurrent() && c.teachers.containsKey(emp)) {
            c.touch(now);
          }
        }
        for (Group g : groups.values()) {
          if (g.isCurrent() && g.employees.contains(emp)) {
            g.touch(now);
          }
        }
      }
    }
  }

  private void reinstate(Entity e, Instant now) {
    e.status = Status.CURRENT;
    e.restoredAt = now;
    e.touch(now);
    for (int i = deletions.size() - 1; i >= 0; i--) {
      Deletion d = deletions.get(i);
      if (d.id.equals(e.id)) {
        if (d.restoredAt == null) {
          d.restoredAt = now;
        }
        break;
      }
    }
  }

  /** What a year-end rollover did. */
  public static final class Rollover {
    public final List<String> leavers = new ArrayList<>();
    public final List<String> joiners = new ArrayList<>();
    public int moved;
  }

  /**
   * Year-end rollover: everyone in the last year leaves, everyone else moves up one year (year
   * group, the same-letter form, the same-set class of each subject), and a new first year joins.
   */
  public Rollover rollover(Instant now) {
    Rollover r = new Rollover();
    List<Student> current = new ArrayList<>();
    for (Student s : students.values()) {
      if (s.isCurrent()) {
        current.add(s);
      }
    }
    int intake = years.isEmpty() ? 0 : Math.round((float) current.size() / years.size());
    String last = years.get(years.size() - 1);
    Map<String, List<TeachingClass>> idx = classesBySubject();
    Map<String, Integer> formIndex = new HashMap<>();
    for (String y : years) {
      List<Group> fs = forms(y);
      for (int i = 0; i < fs.size(); i++) {
        formIndex.put(fs.get(i).id, i);
      }
    }
    for (Student s : current) {
      if (s.ncYear.equals(last)) {
        studentLeaves(s, now);
        r.leavers.add(s.id);
      }
    }
    for (Student s : current) {
      if (!s.isCurrent()) {
        continue;
      }
      String from = s.ncYear;
      String to = years.get(years.indexOf(from) + 1);
      for (Group g : new ArrayList<>(s.groups)) {
        if (YEAR.equals(g.type)) {
          leave(s, g);
          g.touch(now);
          yearGroup(to)
              .ifPresent(
                  ng -> {
                    join(s, ng);
                    ng.touch(now);
                  });
        } else if (REGISTRATION.equals(g.type)) {
          leave(s, g);
          g.touch(now);
          List<Group> fs = forms(to);
          if (!fs.isEmpty()) {
            int i = formIndex.getOrDefault(g.id, 0);
            Group ng = fs.get(Math.min(i, fs.size() - 1));
            join(s, ng);
            ng.touch(now);
          }
        }
      }
      for (TeachingClass c : new ArrayList<>(s.classes)) {
        unenrol(s, c);
        c.touch(now);
        List<TeachingClass> sets = idx.get(to + "|" + c.subject.id);
        if (sets != null && !sets.isEmpty()) {
          TeachingClass nc = sets.get(Math.min(Math.max(c.set, 1), sets.size()) - 1);
          enrol(s, nc);
          nc.touch(now);
        }
      }
      s.ncYear = to;
      s.touch(now);
      r.moved++;
    }
    for (int i = 0; i < intake; i++) {
      Student s = newStudent(years.get(0), Status.CURRENT, now, now, now);
      s.admissionDate = LocalDate.ofInstant(now, ZoneOffset.UTC);
      touchAll(place(s, idx), now);
      addGuardians(s, now, now);
      r.joiners.add(s.id);
    }
    return r;
  }

  /**
   * The school moves to another MIS: every record still served gets a new Wonde id, MIS id and UPI
   * (UPNs, names and dates stay), with a deletion entry under its old id. Leavers and deleted
   * records do not come across. Returns old id to new id.
   */
  public Map<String, String> migrate(String newMis, Instant now) {
    Map<String, String> mapping = new LinkedHashMap<>();
    students = rekey(students, "student", now, mapping, true);
    employees = rekey(employees, "employee", now, mapping, true);
    contacts = rekey(contacts, "contact", now, mapping, true);
    groups = rekey(groups, "group", now, mapping, false);
    classes = rekey(classes, "class", now, mapping, false);
    subjects = rekey(subjects, "subject", now, mapping, false);
    mis = newMis;
    updatedAt = now;
    return mapping;
  }

  private <T extends Entity> Map<String, T> rekey(
      Map<String, T> old, String type, Instant now, Map<String, String> mapping, boolean person) {
    Map<String, T> fresh = new LinkedHashMap<>();
    for (T e : old.values()) {
      if (e.status == Status.DELETED || e.status == Status.LEAVER) {
        continue;
      }
      deletions.add(new Deletion(type, e.id, e.misId, now));
      String newId = ids.wondeId(regionLetter);
      mapping.put(e.id, newId);
      e.id = newId;
      e.misId = nextMisId();
      if (person) {
        ((Person) e).upi = WorldIds.upi(id, type, e.misId);
      }
      e.createdAt = now;
      e.updatedAt = now;
      e.restoredAt = null;
      fresh.put(e.id, e);
    }
    return fresh;
  }
}
