package io.missync.testkit.wonde.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The simulator's mutable world model. Relations are held as object references on both sides so
 * that a MIS migration (every id changes) needs no remapping. Not thread-safe: callers hold the
 * world lock.
 */
public final class Model {
  private Model() {}

  /** Lifecycle state of a record as the simulator serves it. */
  public enum Status {
    /** Served by the main list endpoint. */
    CURRENT,
    /** Student who left: served by {@code /students-leaver}. */
    LEAVER,
    /** Student not yet admitted: served by {@code /students-pre-admission}. */
    PRE_ADMISSION,
    /** Gone from every endpoint; an entry exists in {@code /deletions}. */
    DELETED
  }

  /** Fields every Wonde record shares. */
  public abstract static class Entity {
    public String id;
    public String misId;
    public Instant createdAt;
    public Instant updatedAt;
    public @Nullable Instant restoredAt;
    public Status status = Status.CURRENT;

    Entity(String id, String misId, Instant createdAt, Instant updatedAt) {
      this.id = id;
      this.misId = misId;
      this.createdAt = createdAt;
      this.updatedAt = updatedAt;
    }

    /** Marks the record as changed at {@code now}. */
    public void touch(Instant now) {
      this.updatedAt = now;
    }

    public boolean isCurrent() {
      return status == Status.CURRENT;
    }

    /** The lower-case type used in {@code /deletions}. */
    public abstract String deletionType();
  }

  /** A person record: student, employee or contact. */
  public abstract static class Person extends Entity {
    public String upi;
    public @Nullable String title;
    public String forename;
    public @Nullable String middleNames;
    public String surname;
    public String legalForename;
    public String legalSurname;
    public @Nullable String gender;
    public @Nullable LocalDate dateOfBirth;
    public @Nullable String email;
    public @Nullable String mobile;
    public @Nullable String homePhone;
    public @Nullable String houseNumber;
    public @Nullable String street;
    public @Nullable String town;
    public @Nullable String postcode;

    Person(
        String id,
        String misId,
        String upi,
        String forename,
        String surname,
        Instant createdAt,
        Instant updatedAt) {
      super(id, misId, createdAt, updatedAt);
      this.upi = upi;
      this.forename = forename;
      this.surname = surname;
      this.legalForename = forename;
      this.legalSurname = surname;
    }

    public String initials() {
      StringBuilder sb = new StringBuilder();
      if (!forename.isEmpty()) {
        sb.append(forename.charAt(0));
      }
      if (!surname.isEmpty()) {
        sb.append(surname.charAt(0));
      }
      return sb.toString();
    }
  }

  /** A pupil. */
  public static final class Student extends Person {
    public @Nullable String upn;
    public @Nullable String formerUpn;
    public String admissionNumber;
    public String ncYear;
    public @Nullable LocalDate admissionDate;
    public @Nullable LocalDate leavingDate;
    public @Nullable String senStatus;
    public boolean freeSchoolMeals;
    public final Set<Group> groups = new LinkedHashSet<>();
    public final Set<TeachingClass> classes = new LinkedHashSet<>();
    public final List<GuardianLink> guardians = new ArrayList<>();

    public Student(
        String id,
        String misId,
        String upi,
        String forename,
        String surname,
        String admissionNumber,
        String ncYear,
        Instant createdAt,
        Instant updatedAt) {
      super(id, misId, upi, forename, surname, createdAt, updatedAt);
      this.admissionNumber = admissionNumber;
      this.ncYear = ncYear;
    }

    /** The first group of this type, if any. */
    public Optional<Group> group(String type) {
      for (Group g : groups) {
        if (g.type.equals(type)) {
          return Optional.of(g);
        }
      }
      return Optional.empty();
    }

    public Optional<GuardianLink> link(Contact c) {
      for (GuardianLink l : guardians) {
        if (l.contact == c) {
          return Optional.of(l);
        }
      }
      return Optional.empty();
    }

    @Override
    public String deletionType() {
      return "student";
    }
  }

  /** A member of staff. */
  public static final class Employee extends Person {
    public @Nullable String staffCode;
    public boolean teachingStaff;
    public String roleText;
    public @Nullable LocalDate employmentStart;
    public @Nullable LocalDate employmentEnd;

    public Employee(
        String id,
        String misId,
        String upi,
        String forename,
        String surname,
        String roleText,
        Instant createdAt,
        Instant updatedAt) {
      super(id, misId, upi, forename, surname, createdAt, updatedAt);
      this.roleText = roleText;
    }

    @Override
    public String deletionType() {
      return "employee";
    }
  }

  /** A guardian or other contact of one or more students. */
  public static final class Contact extends Person {
    /** Students this contact is linked to (reverse side of {@link Student#guardians}). */
    public final Set<Student> students = new LinkedHashSet<>();

    public Contact(
        String id,
        String misId,
        String upi,
        String forename,
        String surname,
        Instant createdAt,
        Instant updatedAt) {
      super(id, misId, upi, forename, surname, createdAt, updatedAt);
    }

    @Override
    public String deletionType() {
      return "contact";
    }
  }

  /** A student-to-contact link with its relationship facts. */
  public static final class GuardianLink {
    public final Student student;
    public final Contact contact;
    public String relationship;
    public boolean parentalResponsibility;
    public int priority;
    public boolean livesWithPupil;
    public boolean billPayer;

    /** A court order restricts this contact's access to the student ({@code court_order}). */
    public boolean courtOrder;

    public GuardianLink(
        Student student,
        Contact contact,
        String relationship,
        boolean parentalResponsibility,
        int priority,
        boolean livesWithPupil,
        boolean billPayer) {
      this.student = student;
      this.contact = contact;
      this.relationship = relationship;
      this.parentalResponsibility = parentalResponsibility;
      this.priority = priority;
      this.livesWithPupil = livesWithPupil;
      this.billPayer = billPayer;
    }
  }

  /** A Wonde group (YEAR, REGISTRATION, HOUSE, DEPARTMENT, MISC, ...). */
  public static final class Group extends Entity {
    public String name;
    public @Nullable String code;
    public String type;
    public @Nullable String description;

    /** For YEAR and REGISTRATION groups: the NC year they belong to. */
    public @Nullable String yearCode;

    public final Set<Student> students = new LinkedHashSet<>();
    public final Set<Employee> employees = new LinkedHashSet<>();

    public Group(
        String id,
        String misId,
        String name,
        @Nullable String code,
        String type,
        Instant createdAt,
        Instant updatedAt) {
      super(id, misId, createdAt, updatedAt);
      this.name = name;
      this.code = code;
      this.type = type;
    }

    @Override
    public String deletionType() {
      return "group";
    }
  }

  /** A teacher's role in a class (the pivot {@code meta} of {@code employees?include=classes}). */
  public static final class TeacherRole {
    public final boolean mainTeacher;
    public final String role;

    public TeacherRole(boolean mainTeacher, String role) {
      this.mainTeacher = mainTeacher;
      this.role = role;
    }
  }

  /** A teaching group. */
  public static final class TeachingClass extends Entity {
    public String name;
    public @Nullable String code;
    public @Nullable String description;
    public Subject subject;
    public @Nullable String yearGroup;

    /** 1-based set number within (year, subject); used to map classes across a rollover. */
    public int set;

    /** The academic year (its starting calendar year) the class was set up for. */
    public int academicYear;

    public final Set<Student> students = new LinkedHashSet<>();
    public final Map<Employee, TeacherRole> teachers = new LinkedHashMap<>();

    public TeachingClass(
        String id,
        String misId,
        String name,
        Subject subject,
        Instant createdAt,
        Instant updatedAt) {
      super(id, misId, createdAt, updatedAt);
      this.name = name;
      this.subject = subject;
    }

    @Override
    public String deletionType() {
      return "class";
    }
  }

  /** A subject. */
  public static final class Subject extends Entity {
    public String code;
    public String name;
    public @Nullable Boolean active = Boolean.TRUE;

    public Subject(
        String id, String misId, String code, String name, Instant createdAt, Instant updatedAt) {
      super(id, misId, createdAt, updatedAt);
      this.code = code;
      this.name = name;
    }

    @Override
    public String deletionType() {
      return "subject";
    }
  }

  /** An entry of {@code /deletions}. */
  public static final class Deletion {
    public final String type;
    public final String id;
    public final String misId;
    public final Instant deletedAt;
    public @Nullable Instant restoredAt;

    /** A student who left (rather than one removed outright): its wire type is a variant. */
    public boolean leaver;

    public Deletion(String type, String id, String misId, Instant deletedAt) {
      this.type = type;
      this.id = id;
      this.misId = misId;
      this.deletedAt = deletedAt;
    }

    /** The type as served under the given leaver type. */
    public String wireType(String leaverType) {
      return leaver ? leaverType : type;
    }

    /** The later of deleted_at and restored_at; what {@code updated_after} filters on. */
    public Instant changedAt() {
      Instant r = restoredAt;
      return r != null && r.isAfter(deletedAt) ? r : deletedAt;
    }
  }
}
