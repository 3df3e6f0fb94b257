package io.missync.testkit.wonde;

import io.missync.core.model.MisSnapshot;
import io.missync.testkit.wonde.internal.Model;
import io.missync.testkit.wonde.internal.Model.Entity;
import io.missync.testkit.wonde.internal.Model.Status;
import io.missync.testkit.wonde.internal.SchoolData;
import io.missync.testkit.wonde.internal.SnapshotMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One simulated school: its identity and token, read-only views of its ids, and every mutation a
 * test can drive. Each mutation runs atomically under the world's write lock and stamps {@code
 * updated_at} with the world clock's current instant, on every record whose served JSON changes
 * (for membership changes: the student and both groups or classes). Unknown ids throw {@link
 * IllegalArgumentException}; a record in the wrong state throws {@link IllegalStateException}.
 */
public final class SchoolWorld {
  private final World world;
  private final SchoolData data;

  SchoolWorld(World world, SchoolData data) {
    this.world = world;
    this.data = data;
  }

  SchoolData data() {
    return data;
  }

  private Instant now() {
    return world.clock().now();
  }

  // ---------------------------------------------------------------- identity

  public String id() {
    return data.id;
  }

  /** This school's own token (reads only this school). */
  public String token() {
    return data.token;
  }

  public String name() {
    return data.name;
  }

  public String mis() {
    return world.read(() -> data.mis);
  }

  /** NC years taught, lowest first ({@code R, 1..6} or {@code 7..11/13}). */
  public List<String> years() {
    return data.years;
  }

  public SchoolAccess access() {
    return world.read(() -> data.access);
  }

  public void setAccess(SchoolAccess access) {
    world.write(
        () -> {
          data.access = access;
          data.updatedAt = now();
        });
  }

  public void setOnline(boolean online) {
    world.write(() -> data.online = online);
  }

  public void setAudited(boolean audited) {
    world.write(() -> data.audited = audited);
  }

  // ---------------------------------------------------------------- views

  private <T extends Entity> List<String> ids(Collection<T> es, Predicate<T> p) {
    return world.read(
        () -> {
          List<String> out = new ArrayList<>();
          for (T e : es) {
            if (p.test(e)) {
              out.add(e.id);
            }
          }
          return out;
        });
  }

  /** Ids served by {@code /students}. */
  public List<String> studentIds() {
    return ids(data.students.values(), Entity::isCurrent);
  }

  /** Ids served by {@code /students-leaver}. */
  public List<String> leaverIds() {
    return ids(data.students.values(), s -> s.status == Status.LEAVER);
  }

  /** Ids served by {@code /students-pre-admission}. */
  public List<String> preAdmissionIds() {
    return ids(data.students.values(), s -> s.status == Status.PRE_ADMISSION);
  }

  public List<String> employeeIds() {
    return ids(data.employees.values(), Entity::isCurrent);
  }

  public List<String> contactIds() {
    return ids(data.contacts.values(), Entity::isCurrent);
  }

  public List<String> groupIds() {
    return ids(data.groups.values(), Entity::isCurrent);
  }

  /** Current groups of a type ({@code YEAR}, {@code REGISTRATION}, {@code HOUSE}, ...). */
  public List<String> groupIds(String type) {
    return ids(data.groups.values(), g -> g.isCurrent() && g.type.equals(type));
  }

  public List<String> classIds() {
    return ids(data.classes.values(), Entity::isCurrent);
  }

  public List<String> subjectIds() {
    return ids(data.subjects.values(), Entity::isCurrent);
  }

  /** The current classes of a current student. */
  public List<String> classIdsOf(String studentId) {
    return world.read(
        () -> {
          List<String> out = new ArrayList<>();
          for (Model.TeachingClass c : data.student(studentId).classes) {
            if (c.isCurrent()) {
              out.add(c.id);
            }
          }
          return out;
        });
  }

  /** The current group of a type a student is in (e.g. their REGISTRATION form). */
  public Optional<String> groupIdOf(String studentId, String type) {
    return world.read(() -> data.student(studentId).group(type).map(g -> g.id));
  }

  /** Ids of the current contacts linked to a student. */
  public List<String> guardianIdsOf(String studentId) {
    return world.read(
        () -> {
          List<String> out = new ArrayList<>();
          for (Model.GuardianLink l : data.student(studentId).guardians) {
            if (l.contact.isCurrent()) {
              out.add(l.contact.id);
            }
          }
          return out;
        });
  }

  public String yearOf(String studentId) {
    return world.read(() -> data.student(studentId).ncYear);
  }

  public Optional<String> upnOf(String studentId) {
    return world.read(() -> Optional.ofNullable(data.student(studentId).upn));
  }

  // ---------------------------------------------------------------- ground truth

  /** {@link #toSnapshot(WireVariants)} with the default wire variants. */
  public MisSnapshot toSnapshot() {
    return toSnapshot(WireVariants.defaults());
  }

  /**
   * The snapshot a correct full Wonde fetch of this school must equal ({@link
   * MisSnapshot#sameContentAs}), given the wire variants being served. The full fetch is {@code
   * students?include=education_details,contacts.contact_details}, {@code
   * employees?include=employment_details,contact_details}, {@code
   * groups?include=students,employees} and {@code classes?include=subject,students,employees};
   * every type is declared complete. Conventions:
   *
   * <ul>
   *   <li>People: Wonde {@code id}, {@code mis_id}, {@code upi}, {@code title}, legal names from
   *       {@code legal_forename}/{@code legal_surname}, a preferred name only where {@code
   *       forename}/{@code surname} differ from the legal ones, {@code middle_names}, {@code
   *       gender}, {@code date_of_birth} (absent when the variant serves it as null), email from
   *       {@code contact_details.emails.email}.
   *   <li>Students: {@code education_details} UPN, former UPN, admission number, {@code
   *       current_nc_year} as the year group, admission and leaving dates (absent when the variant
   *       serves them as null).
   *   <li>Staff: {@code employment_details.role_text} as job title, {@code teaching_staff}, start
   *       and end dates; no staff code (Wonde has none).
   *   <li>Contacts: phone from {@code contact_details.phones.primary}.
   *   <li>Groups: YEAR, REGISTRATION and HOUSE keep their kind, every other type is OTHER; the
   *       Wonde type is the source type. Classes are CLASS groups with the subject's name; their
   *       year group is {@code year_group} when the variant serves it, else the NC year of more
   *       than half of their pupils (none when split); no source type (a class has no Wonde group
   *       type).
   *   <li>A contact sharing its UPI with one current employee is that employee's contact record (a
   *       member of staff who is a parent): {@code Contact.staffId} names the employee.
   *   <li>Memberships: students are MEMBER of their groups and classes; staff in YEAR, REGISTRATION
   *       or HOUSE groups are TEACHER (tutors, heads of year), in other groups MEMBER; class
   *       teachers are MAIN_TEACHER when {@code is_main_teacher}, else TEACHER.
   *   <li>Guardian links: one per (contact, current student), relationship as given; parental
   *       responsibility, priority, lives-with-pupil and court order only when relationships are
   *       objects.
   *   <li>Source counts: students, staff and contacts (what {@code /counts} says).
   * </ul>
   */
  public MisSnapshot toSnapshot(WireVariants variants) {
    return world.read(() -> SnapshotMapper.map(data, variants, now()));
  }

  // ---------------------------------------------------------------- mutations

  /** A new starter in {@code ncYear}, placed in year, form, house and classes, with contacts. */
  public String addStudent(String ncYear) {
    return world.write(() -> data.addStudent(ncYear, now()).id);
  }

  public String addPreAdmission(String ncYear) {
    return world.write(() -> data.addPreAdmission(ncYear, now()).id);
  }

  /** A pre-admission is admitted (same id) and placed into groups and classes. */
  public void admit(String studentId) {
    world.write(() -> data.admit(data.student(studentId), now()));
  }

  /**
   * A student leaves: served by {@code /students-leaver} with a leaving date, not by {@code
   * /students}; a {@code student} deletion entry; out of every group and class; contacts with no
   * other current student get deleted too.
   */
  public void studentLeaves(String studentId) {
    world.write(() -> data.studentLeaves(data.student(studentId), now()));
  }

  public String addEmployee(boolean teachingStaff) {
    return world.write(() -> data.addEmployee(teachingStaff, now()).id);
  }

  /** A member of staff leaves: gone from {@code /employees}, with a deletion entry. */
  public void employeeLeaves(String employeeId) {
    world.write(() -> data.employeeLeaves(data.employee(employeeId), now()));
  }

  public void assignTeacher(String classId, String employeeId, boolean mainTeacher) {
    world.write(
        () ->
            data.assignTeacher(
                data.teachingClass(classId), data.employee(employeeId), mainTeacher, now()));
  }

  /** A contact is removed from the MIS ({@code contact} deletion entry). */
  public void contactLeaves(String contactId) {
    world.write(() -> data.deleteContact(data.contact(contactId), now()));
  }

  /**
   * A group or class disappears from the MIS ({@code group} or {@code class} deletion entry);
   * {@link #restore} brings it back with the same id and members.
   */
  public void deleteGroupOrClass(String groupOrClassId) {
    world.write(
        () ->
            data.deleteGroupOrClass(
                data.find(groupOrClassId)
                    .orElseThrow(() -> new IllegalArgumentException("no record " + groupOrClassId)),
                now()));
  }

  public void moveClass(String studentId, String fromClassId, String toClassId) {
    world.write(
        () ->
            data.moveClass(
                data.student(studentId),
                data.teachingClass(fromClassId),
                data.teachingClass(toClassId),
                now()));
  }

  public void enrol(String studentId, String classId) {
    world.write(
        () -> data.enrolInClass(data.student(studentId), data.teachingClass(classId), now()));
  }

  public void unenrol(String studentId, String classId) {
    world.write(
        () -> data.removeFromClass(data.student(studentId), data.teachingClass(classId), now()));
  }

  /**
   * Moves a student into {@code groupId}, leaving their group of the same type (a form move for
   * REGISTRATION; for YEAR the student's NC year changes too).
   */
  public void moveGroup(String studentId, String groupId) {
    world.write(() -> data.moveGroup(data.student(studentId), data.group(groupId), now()));
  }

  /** A new contact linked to the student; returns the contact id. */
  public String addGuardian(String studentId, GuardianRelationship r) {
    return world.write(
        () ->
            data.addGuardian(
                    data.student(studentId),
                    r.relationship(),
                    r.parentalResponsibility(),
                    r.priority(),
                    r.livesWithPupil(),
                    r.billPayer(),
                    now())
                .id);
  }

  /**
   * A member of staff becomes a contact of a student (a teacher who is a parent): Wonde serves a
   * contact record with its own id and the employee's UPI. Returns the contact id.
   */
  public String addStaffParent(String employeeId, String studentId, GuardianRelationship r) {
    return world.write(
        () ->
            data.staffParent(
                    data.employee(employeeId),
                    data.student(studentId),
                    r.relationship(),
                    r.parentalResponsibility(),
                    r.priority(),
                    r.livesWithPupil(),
                    r.billPayer(),
                    now())
                .id);
  }

  /**
   * Records ({@code true}) or lifts a court order on a contact's link to a student, served as the
   * relationship's {@code court_order}.
   */
  public void setCourtOrder(String studentId, String contactId, boolean courtOrder) {
    world.write(
        () ->
            data.setCourtOrder(
                data.student(studentId), data.contact(contactId), courtOrder, now()));
  }

  /** Links an existing contact to another student (e.g. a sibling). */
  public void linkGuardian(String studentId, String contactId, GuardianRelationship r) {
    world.write(
        () ->
            data.linkGuardian(
                data.student(studentId),
                data.contact(contactId),
                r.relationship(),
                r.parentalResponsibility(),
                r.priority(),
                r.livesWithPupil(),
                r.billPayer(),
                now()));
  }

  public void changeRelationship(String studentId, String contactId, GuardianRelationship r) {
    world.write(
        () ->
            data.changeRelationship(
                data.student(studentId),
                data.contact(contactId),
                r.relationship(),
                r.parentalResponsibility(),
                r.priority(),
                r.livesWithPupil(),
                r.billPayer(),
                now()));
  }

  /** Unlinks a contact from a student; a contact left with no current student is deleted. */
  public void removeGuardian(String studentId, String contactId) {
    world.write(() -> data.removeGuardian(data.student(studentId), data.contact(contactId), now()));
  }

  /** Renames a student, employee or contact. */
  public void rename(String personId, String forename, String surname) {
    world.write(
        () -> {
          Entity e =
              data.find(personId)
                  .orElseThrow(() -> new IllegalArgumentException("no record " + personId));
          if (!(e instanceof Model.Person p)) {
            throw new IllegalArgumentException(personId + " is not a person");
          }
          data.rename(p, forename, surname, now());
        });
  }

  /**
   * A deleted record (or a student leaver) comes back with the same id: served again with {@code
   * restored_at}, and its latest deletion entry gets {@code restored_at}.
   */
  public void restore(String id) {
    world.write(
        () ->
            data.restore(
                data.find(id).orElseThrow(() -> new IllegalArgumentException("no record " + id)),
                now()));
  }

  /**
   * Year-end rollover: the final year leaves, everyone else moves up a year (year group, the
   * same-letter form, the same set in each subject), a new first year joins.
   */
  public RolloverResult rollover() {
    return world.write(
        () -> {
          SchoolData.Rollover r = data.rollover(now());
          return new RolloverResult(r.leavers, r.joiners, r.moved);
        });
  }

  /**
   * The school switches MIS: every served record gets a new Wonde id, MIS id and UPI (UPNs, names,
   * dates of birth stay); every old id appears in {@code /deletions}. Leavers and deleted records
   * do not come across. Returns old id to new id.
   */
  public Map<String, String> migrateMis(String newMis) {
    return world.write(() -> Map.copyOf(data.migrate(newMis, now())));
  }
}
