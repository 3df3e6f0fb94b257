package io.missync.testkit.wonde.internal;

import io.missync.testkit.wonde.internal.Model.Employee;
import io.missync.testkit.wonde.internal.Model.Group;
import io.missync.testkit.wonde.internal.Model.GuardianLink;
import io.missync.testkit.wonde.internal.Model.Status;
import io.missync.testkit.wonde.internal.Model.Student;
import io.missync.testkit.wonde.internal.Model.Subject;
import io.missync.testkit.wonde.internal.Model.TeacherRole;
import io.missync.testkit.wonde.internal.Model.TeachingClass;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Populates a school from the world's seeded randomness. */
public final class Generator {
  private Generator() {}

  private static final String[][] SECONDARY_SUBJECTS = {
    {"Ma", "Mathematics"},
    {"En", "English"},
    {"Sc", "Science"},
    {"Hi", "History"},
    {"Gg", "Geography"},
    {"Fr", "French"},
    {"Ar", "Art"},
    {"Cp", "Computing"},
    {"PE", "Physical Education"},
    {"Mu", "Music"}
  };
  private static final String[][] PRIMARY_SUBJECTS = {{"Ma", "Mathematics"}, {"En", "English"}};
  private static final String[] HOUSES = {"Austen", "Brunel", "Curie", "Darwin"};
  private static final String[] SUPPORT_ROLES = {
    "Teaching Assistant", "Administrator", "Site Manager", "Librarian", "Technician"
  };

  /** What to generate. */
  public static final class Params {
    final String regionCode;
    final String phase;
    final boolean sixthForm;
    final int students;
    final int staff;
    final boolean publishClasses;

    public Params(
        String regionCode,
        String phase,
        boolean sixthForm,
        int students,
        int staff,
        boolean publishClasses) {
      this.regionCode = regionCode;
      this.phase = phase;
      this.sixthForm = sixthForm;
      this.students = students;
      this.staff = staff;
      this.publishClasses = publishClasses;
    }
  }

  public static SchoolData generate(WorldIds ids, Params p, Instant start) {
    SplittableRandom rng = ids.rng();
    Stamps st = new Stamps(rng, start);
    Instant schoolCreated = start.minus(Duration.ofDays(800 + rng.nextInt(400)));
    SchoolData sd =
        new SchoolData(
            ids, p.regionCode, p.phase, p.sixthForm, schoolCreated, st.updated(schoolCreated));
    int nYears = sd.years.size();
    int perYear = Math.max(1, p.students / nYears);
    int formsPerYear = Math.max(1, (int) Math.ceil(perYear / 28.0));

    // groups
    for (String y : sd.years) {
      Instant c = st.created();
      Group yg =
          sd.newGroup(
              "R".equals(y) ? "Reception" : "Year " + y, y, SchoolData.YEAR, c, st.updated(c));
      yg.yearCode = y;
      for (int f = 0; f < formsPerYear; f++) {
        String code = y + (char) ('A' + f);
        Instant fc = st.created();
        Group form = sd.newGroup(code, code, SchoolData.REGISTRATION, fc, st.updated(fc));
        form.yearCode = y;
      }
    }
    for (String h : HOUSES) {
      Instant c = st.created();
      Group g = sd.newGroup(h, h.substring(0, 1), SchoolData.HOUSE, c, st.updated(c));
      g.description = h + " House";
    }

    // subjects
    List<Subject> subjects = new ArrayList<>();
    if (p.publishClasses) {
      for (String[] s : "PRIMARY".equals(p.phase) ? PRIMARY_SUBJECTS : SECONDARY_SUBJECTS) {
        Instant c = st.created();
        subjects.add(sd.newSubject(s[0], s[1], c, st.updated(c)));
      }
    }

    // staff
    int teachers = Math.max(1, Math.round(p.staff * 0.8f));
    List<Employee> teaching = new ArrayList<>();
    List<List<Employee>> bySubject = new ArrayList<>();
    for (int i = 0; i < Math.max(1, subjects.size()); i++) {
      bySubject.add(new ArrayList<>());
    }
    for (int i = 0; i < p.staff; i++) {
      Instant c = st.created();
      boolean isTeacher = i < teachers;
      Employee e =
          sd.newEmployee(
              isTeacher,
              isTeacher ? "Teacher" : SUPPORT_ROLES[rng.nextInt(SUPPORT_ROLES.length)],
              c,
              st.updated(c));
      if (isTeacher) {
        teaching.add(e);
        bySubject.get(i % bySubject.size()).add(e);
      }
    }
    if (!subjects.isEmpty()) {
      for (int i = 0; i < subjects.size(); i++) {
        Instant c = st.created();
        Group dept =
            sd.newGroup(
                subjects.get(i).name + " Department",
                subjects.get(i).code + "DEP",
                SchoolData.DEPARTMENT,
                c,
                st.updated(c));
        dept.employees.addAll(bySubject.get(i));
      }
    }
    if (!teaching.isEmpty()) {
      int t = 0;
      for (Group g : sd.groups.values()) {
        if (SchoolData.REGISTRATION.equals(g.type) || SchoolData.YEAR.equals(g.type)) {
          g.employees.add(teaching.get(t++ % teaching.size()));
        }
      }
    }

    // classes
    for (String y : sd.years) {
      for (int si = 0; si < subjects.size(); si++) {
        Subject subj = subjects.get(si);
        List<Employee> subjTeachers = bySubject.get(si).isEmpty() ? teaching : bySubject.get(si);
        for (int set = 1; set <= formsPerYear; set++) {
          char band = set <= (formsPerYear + 1) / 2 ? 'x' : 'y';
          String name = y + band + "/" + subj.code + set;
          Instant c = st.created();
          TeachingClass tc =
              sd.newClass(
                  name, subj, y, set, SchoolData.academicYearStart(start), c, st.updated(c));
          if (!subjTeachers.isEmpty()) {
            Employee main = subjTeachers.get(rng.nextInt(subjTeachers.size()));
            tc.teachers.put(main, new TeacherRole(true, "Main Class Teacher"));
            if (rng.nextInt(10) == 0 && subjTeachers.size() > 1) {
              Employee other = subjTeachers.get(rng.nextInt(subjTeachers.size()));
              if (other != main) {
                tc.teachers.put(other, new TeacherRole(false, "Class Teacher"));
              }
            }
          }
        }
      }
    }

    // students and contacts
    Map<String, List<TeachingClass>> classIndex = sd.classesBySubject();
    List<Student> placed = new ArrayList<>();
    for (int yi = 0; yi < nYears; yi++) {
      String y = sd.years.get(yi);
      int count = perYear + (yi < p.students - perYear * nYears ? 1 : 0);
      if (p.students < nYears) {
        count = yi < p.students ? 1 : 0;
      }
      for (int i = 0; i < count; i++) {
        Instant c = st.created();
        Instant u = st.updated(c);
        Student s = sd.newStudent(y, Status.CURRENT, start, c, u);
        sd.place(s, classIndex);
        if (!placed.isEmpty() && rng.nextInt(100) < 15) {
          Student sibling = placed.get(rng.nextInt(placed.size()));
          s.surname = sibling.surname;
          s.legalSurname = sibling.surname;
          for (GuardianLink l : new ArrayList<>(sibling.guardians)) {
            SchoolData.link(
                s,
                l.contact,
                l.relationship,
                l.parentalResponsibility,
                l.priority,
                l.livesWithPupil,
                l.billPayer);
          }
        } else {
          sd.addGuardians(s, c, u);
        }
        placed.add(s);
      }
    }

    // a small MISC group of students
    if (!placed.isEmpty()) {
      Instant c = st.created();
      Group trip = sd.newGroup("Duke of Edinburgh", "DofE", SchoolData.MISC, c, st.updated(c));
      for (int i = 0; i < Math.min(20, placed.size()); i++) {
        SchoolData.join(placed.get(rng.nextInt(placed.size())), trip);
      }
    }
    return sd;
  }

  /** Random created/updated instants strictly before the world's start. */
  private static final class Stamps {
    private final SplittableRandom rng;
    private final Instant start;

    Stamps(SplittableRandom rng, Instant start) {
      this.rng = rng;
      this.start = start;
    }

    Instant created() {
      return start.minusSeconds(30L * 86400 + rng.nextLong(700L * 86400));
    }

    Instant updated(Instant created) {
      long span = Duration.between(created, start).toSeconds() - 3600;
      return span <= 0 ? created : created.plusSeconds(rng.nextLong(span));
    }
  }
}
