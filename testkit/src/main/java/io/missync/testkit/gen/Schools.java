package io.missync.testkit.gen;

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
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.model.SourceInfo;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated schools. A school has students (with valid, unique UPNs, year groups labelled in one of
 * several MIS styles, some preferred names and accents), families of 1 to 3 siblings sharing 1 or 2
 * contacts (mostly with parental responsibility), staff with emails, and groups of every kind
 * (YEAR, REGISTRATION, CLASS with subjects, HOUSE, OTHER) with memberships (students as members,
 * staff as teachers and form tutors). Every type is COMPLETE and the source counts agree.
 *
 * <p>Generation is driven by a {@link SchoolShape}; sizes shrink towards the minimum and the seed
 * drives the details, so a failing property shrinks to a small school.
 */
public final class Schools {
  /** The reference day generated dates are relative to (a school day in term time). */
  public static final LocalDate TODAY = LocalDate.of(2026, 1, 15);

  static final String[] FORENAMES = {
    "Amelia", "Oliver", "Isla", "George", "Ava", "Noah", "Zoë", "Arthur", "Chloé", "Jack",
    "Freya", "Mohammed", "Aoife", "José", "Priya", "Leo", "Siân", "Oscar", "Maja", "Kwame"
  };
  static final String[] SURNAMES = {
    "Smith", "Jones", "Taylor", "Brown", "O'Brien", "Williams", "Müller", "Patel", "Khan",
    "Nowak", "Davies", "Evans", "Lewis-Hall", "Walker", "Ahmed", "Chen", "Wright", "Green"
  };
  static final String[] SUBJECTS = {"Maths", "English", "Science"};
  static final String[] HOUSES = {"Oak", "Ash", "Elm", "Yew"};

  private Schools() {}

  /** Schools of 0 to 40 students, primary or secondary. */
  public static Arbitrary<MisSnapshot> schools() {
    return schools(0, 40);
  }

  /** Schools with between {@code minStudents} and {@code maxStudents} students. */
  public static Arbitrary<MisSnapshot> schools(int minStudents, int maxStudents) {
    return shapes(minStudents, maxStudents).map(Schools::build);
  }

  /** Shapes of schools with between {@code minStudents} and {@code maxStudents} students. */
  public static Arbitrary<SchoolShape> shapes(int minStudents, int maxStudents) {
    return Combinators.combine(
            Arbitraries.of(SchoolShape.Phase.class),
            Arbitraries.integers().between(minStudents, maxStudents),
            Arbitraries.integers().between(1, 8),
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(0, 4),
            Arbitraries.longs())
        .as(SchoolShape::new);
  }

  /** Builds the school a shape describes; equal shapes give equal snapshots. */
  public static MisSnapshot build(SchoolShape shape) {
    Random r = new Random(shape.seed());
    MisSnapshot.Builder b =
        MisSnapshot.builder(
            new SourceInfo(
                "school-" + Long.toHexString(shape.seed() & 0xffffff),
                "generated",
                "SIMS",
                TODAY.atStartOfDay().toInstant(ZoneOffset.UTC)));
    SchoolShape.Phase phase = shape.phase();
    List<String> forms = new ArrayList<>();
    for (int y = phase.firstYear; y <= phase.lastYear; y++) {
      b.addGroup(
          Group.builder()
              .id(yearGroupId("", y))
              .kind(GroupKind.YEAR)
              .name(yearLabel(y, shape.labelStyle(), r))
              .yearGroup(yearLabel(y, 0, r))
              .build());
      for (int f = 0; f < shape.formsPerYear(); f++) {
        String id = formId("", y, f);
        forms.add(id);
        b.addGroup(
            Group.builder()
                .id(id)
                .kind(GroupKind.REGISTRATION)
                .name(yearCode(y) + (char) ('A' + f))
                .yearGroup(yearLabel(y, 0, r))
                .build());
      }
      for (String subject : SUBJECTS) {
        b.addGroup(
            Group.builder()
                .id(classId("", y, subject))
                .kind(GroupKind.CLASS)
                .name(yearCode(y) + " " + subject)
                .subject(subject)
                .yearGroup(yearLabel(y, 0, r))
                .build());
      }
    }
    for (int h = 0; h < HOUSES.length; h++) {
      b.addGroup(Group.builder().id("H-" + h).kind(GroupKind.HOUSE).name(HOUSES[h]).build());
    }
    b.addGroup(Group.builder().id("O-choir").kind(GroupKind.OTHER).name("Choir").build());
    int contactSeq = 0;
    int studentSeq = 0;
    while (studentSeq < shape.students()) {
      int siblings = Math.min(1 + r.nextInt(3), shape.students() - studentSeq);
      String surname = pick(SURNAMES, r);
      List<String> children = new ArrayList<>();
      for (int k = 0; k < siblings; k++) {
        int year = phase.firstYear + r.nextInt(phase.lastYear - phase.firstYear + 1);
        Student s = student("", studentSeq, year, surname, shape, r);
        studentSeq++;
        b.addStudent(s);
        children.add(s.id());
        addStudentMemberships(b, "", s.id(), year, shape.formsPerYear(), r);
      }
      int parents = 1 + r.nextInt(2);
      for (int p = 0; p < parents; p++) {
        Contact c = contact("", contactSeq++, surname, r);
        b.addContact(c);
        for (String child : children) {
          b.addGuardianLink(
              GuardianLink.builder(c.id(), child)
                  .relationship(p == 0 ? Relationship.MOTHER : Relationship.FATHER)
                  .parentalResponsibility(r.nextInt(10) > 0)
                  .priority(p + 1)
                  .livesWithPupil(true)
                  .build());
        }
      }
    }
    for (int t = 0; t < shape.staff(); t++) {
      StaffMember s = staff("", t, r);
      b.addStaff(s);
      String form = forms.get(t % forms.size());
      b.addMembership(Membership.of(form, s.ref(), MembershipRole.MAIN_TEACHER));
      int y = phase.firstYear + r.nextInt(phase.lastYear - phase.firstYear + 1);
      b.addMembership(
          Membership.of(classId("", y, pick(SUBJECTS, r)), s.ref(), MembershipRole.TEACHER));
    }
    b.allComplete();
    return withCounts(b.build());
  }

  /** The snapshot with its source counts set to what it holds (as a healthy source reports). */
  public static MisSnapshot withCounts(MisSnapshot s) {
    MisSnapshot.Builder b = s.toBuilder();
    for (EntityType t :
        new EntityType[] {EntityType.STUDENT, EntityType.STAFF, EntityType.CONTACT}) {
      if (s.completeness(t) == Completeness.COMPLETE) {
        b.sourceCount(t, s.count(t));
      }
    }
    return b.build();
  }

  static String yearGroupId(String prefix, int y) {
    return prefix + "Y-" + y;
  }

  static String formId(String prefix, int y, int f) {
    return prefix + "F-" + y + "-" + f;
  }

  static String classId(String prefix, int y, String subject) {
    return prefix + "C-" + y + "-" + subject.toLowerCase(Locale.ROOT);
  }

  static String yearCode(int y) {
    return y == 0 ? "R" : Integer.toString(y);
  }

  /** A year label in one of the MIS styles. */
  static String yearLabel(int y, int style, Random r) {
    int s = style == 4 ? r.nextInt(4) : style;
    if (y == 0) {
      return s == 0 ? "Reception" : s == 1 ? "YR" : "R";
    }
    switch (s) {
      case 1:
        return "Y" + y;
      case 2:
        return Integer.toString(y);
      case 3:
        return "Yr" + y;
      default:
        return "Year " + y;
    }
  }

  static String upn(int n, int check) {
    return "A" + String.format(Locale.ROOT, "%011d", n) + (char) ('0' + check % 10);
  }

  static <T> T pick(T[] pool, Random r) {
    return pool[r.nextInt(pool.length)];
  }

  static Student student(
      String prefix, int n, int year, String surname, SchoolShape shape, Random r) {
    String forename = pick(FORENAMES, r);
    Student.Builder sb =
        Student.builder()
            .id(prefix + "S-" + n)
            .legalName(forename, surname)
            .upn(upn(n, (int) (shape.seed() & 7)))
            .yearGroup(yearLabel(year, shape.labelStyle(), r))
            .admissionNumber(Integer.toString(1000 + n))
            .dateOfBirth(LocalDate.of(2021 - year, 1 + r.nextInt(12), 1 + r.nextInt(28)))
            .gender(r.nextBoolean() ? Gender.FEMALE : Gender.MALE)
            .admissionDate(TODAY.minusYears(1 + r.nextInt(3)));
    if (r.nextInt(6) == 0) {
      sb.preferredName(pick(FORENAMES, r), null);
    }
    if (r.nextInt(3) == 0) {
      sb.email(
          (forename.charAt(0) + surname + n).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "")
              + "@pupils.example.org");
    }
    return sb.build();
  }

  static Contact contact(String prefix, int n, String surname, Random r) {
    Contact.Builder cb =
        Contact.builder()
            .id(prefix + "C-" + n)
            .title(r.nextBoolean() ? "Mrs" : "Mr")
            .legalName(pick(FORENAMES, r), surname)
            .phone("07700 900" + String.format(Locale.ROOT, "%03d", n % 1000));
    if (r.nextInt(5) > 0) {
      cb.email("parent" + n + "@home.example.net");
    }
    return cb.build();
  }

  static StaffMember staff(String prefix, int n, Random r) {
    String surname = pick(SURNAMES, r);
    return StaffMember.builder()
        .id(prefix + "T-" + n)
        .title("Ms")
        .legalName(pick(FORENAMES, r), surname)
        .email("staff" + n + "@school.example.org")
        .staffCode("T" + n)
        .teaching(true)
        .jobTitle("Teacher")
        .dateOfBirth(LocalDate.of(1970 + r.nextInt(30), 1 + r.nextInt(12), 1 + r.nextInt(28)))
        .employmentStart(TODAY.minusYears(2))
        .build();
  }

  static void addStudentMemberships(
      MisSnapshot.Builder b, String prefix, String studentId, int year, int forms, Random r) {
    PersonRef ref = PersonRef.student(studentId);
    b.addMembership(Membership.of(yearGroupId(prefix, year), ref, MembershipRole.MEMBER));
    b.addMembership(
        Membership.of(formId(prefix, year, r.nextInt(forms)), ref, MembershipRole.MEMBER));
    for (String subject : SUBJECTS) {
      b.addMembership(Membership.of(classId(prefix, year, subject), ref, MembershipRole.MEMBER));
    }
    b.addMembership(
        Membership.of(prefix + "H-" + r.nextInt(HOUSES.length), ref, MembershipRole.MEMBER));
    if (r.nextInt(4) == 0) {
      b.addMembership(Membership.of(prefix + "O-choir", ref, MembershipRole.MEMBER));
    }
  }
}
