package io.missync.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.MisSnapshot;
import io.missync.core.spi.SnapshotUnavailableException;
import io.missync.csv.CsvProblem.Kind;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 items 4, 5, 7 and 8, each on a small export of its own. */
class RealExportShapesTest {
  @TempDir Path tmp;

  static List<CsvProblem> of(ImportResult r, Kind k) {
    return r.problems().stream().filter(p -> p.kind() == k).collect(Collectors.toList());
  }

  /** A OneRoster 1.1 bulk export: two schools, two students, a teacher, classes in each school. */
  Exports oneRoster11(String name) {
    return new Exports(tmp.resolve(name))
        .file(
            "manifest.csv",
            "propertyName,value",
            "manifest.version,1.0",
            "oneroster.version,1.1",
            "file.orgs,bulk",
            "file.users,bulk",
            "file.classes,bulk",
            "file.enrollments,bulk",
            "file.demographics,bulk")
        .file(
            "orgs.csv",
            Exports.OR_ORGS,
            "s-1,,,Hill School,school,URN1,d-1",
            "s-2,,,Dale School,school,URN2,d-1",
            "d-1,,,Trust,district,,")
        .file(
            "users.csv",
            "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
                + "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,"
                + "password",
            "u-1,,,true,s-1,student,ava,,Ava,Lane,,,,,,,04,",
            "u-2,,,true,s-2,student,bo,,Bo,Dale,,,,,,,05,",
            "u-3,,,true,s-1,teacher,mr.l,,Leo,Lane,,,,,,,,")
        .file(
            "classes.csv",
            Exports.OR_CLASSES,
            "k-1,,,Maths,04,c-1,MA,scheduled,,s-1,,,,",
            "k-2,,,Art,05,c-2,AR,scheduled,,s-2,,,,")
        .file(
            "enrollments.csv",
            Exports.OR_ENROLLMENTS,
            "e-1,,,k-1,s-1,u-1,student,false,,",
            "e-2,,,k-2,s-2,u-2,student,false,,",
            "e-3,,,k-1,s-1,u-3,teacher,true,,",
            "e-4,,,k-1,s-1,u-1,teacher,false,,")
        // item 5: an empty demographics file with a OneRoster 1.0 header (no sourcedId column)
        .file("demographics.csv", "userSourcedId,status,dateLastModified,birthdate,sex");
  }

  @Test
  void aStudentEnrolledAsATeacherIsWarnedAsTheReverseIs() {
    ImportResult r = CsvImporter.builder().build().read(oneRoster11("roles").dir());
    List<CsvProblem> m = of(r, Kind.ROLE_MISMATCH);
    assertEquals(1, m.size(), r.report());
    assertEquals("enrollments.csv", m.get(0).file());
    assertEquals(5, m.get(0).line());
    assertTrue(m.get(0).message().contains("who is a student"), m.get(0).message());
    Path dir =
        oneRoster11("reverse")
            .file("enrollments.csv", Exports.OR_ENROLLMENTS, "e-1,,,k-1,s-1,u-3,student,false,,")
            .dir();
    List<CsvProblem> reverse = of(CsvImporter.builder().build().read(dir), Kind.ROLE_MISMATCH);
    assertEquals(1, reverse.size());
    assertTrue(reverse.get(0).message().contains("not a student"));
  }

  @Test
  void anEmptyOptionalFileWithAnOlderHeaderLosesNothing() {
    ImportResult r = CsvImporter.builder().build().read(oneRoster11("empty").dir());
    assertEquals(0, r.errorCount(), r.report());
    MisSnapshot s = r.snapshot();
    assertEquals(Completeness.COMPLETE, s.completeness(EntityType.STUDENT), r.report());
    CsvProblem w =
        r.problems().stream()
            .filter(p -> p.file().equals("demographics.csv") && p.kind() == Kind.MISSING_COLUMN)
            .findFirst()
            .orElseThrow();
    assertFalse(w.isError());
    assertTrue(w.message().contains("no rows"), w.message());
    assertEquals(
        0,
        CsvValidator.run(
            new String[] {oneRoster11("cli").dir().toString()},
            new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
            new java.io.PrintStream(new java.io.ByteArrayOutputStream())));
  }

  @Test
  void severalSchoolsAreWarnedInOneRosterAndOneCanBePicked() {
    ImportResult all = CsvImporter.builder().build().read(oneRoster11("all").dir());
    assertEquals("s-1", all.snapshot().source().schoolId());
    assertEquals(2, all.snapshot().count(EntityType.STUDENT));
    assertTrue(
        of(all, Kind.FORMAT).stream().anyMatch(p -> p.message().contains("2 schools")),
        all.report());

    ImportResult dale = CsvImporter.builder().school("s-2").build().read(oneRoster11("dale").dir());
    MisSnapshot s = dale.snapshot();
    assertEquals("s-2", s.source().schoolId());
    assertEquals(List.of("u-2"), s.students().stream().map(p -> p.id()).toList());
    assertEquals(0, s.count(EntityType.STAFF));
    assertEquals(1, s.count(EntityType.GROUP));
    assertEquals(1, s.count(EntityType.MEMBERSHIP));
    assertEquals(0, dale.errorCount(), dale.report());
    assertTrue(of(dale, Kind.FORMAT).isEmpty(), dale.report());
    assertEquals(Completeness.COMPLETE, s.completeness(EntityType.MEMBERSHIP));
    assertThrows(
        SnapshotUnavailableException.class,
        () -> CsvImporter.builder().school("d-9").build().read(oneRoster11("none").dir()));
  }

  @Test
  void severalSchoolsAreWarnedInSdsV21AndSdsClassicAndOneCanBePicked() {
    Path v21 =
        new Exports(tmp.resolve("v21"))
            .file(
                "orgs.csv",
                "sourcedId,name,type",
                "o-1,Hill School,school",
                "o-2,Dale School,school")
            .file(
                "users.csv",
                "sourcedId,username,givenName,familyName",
                "p-1,ava,Ava,Lane",
                "p-2,bo,Bo,Dale")
            .file(
                "roles.csv",
                "userSourcedId,orgSourcedId,role,isPrimary",
                "p-1,o-1,student,TRUE",
                "p-2,o-2,student,TRUE")
            .file("classes.csv", "sourcedId,orgSourcedId,title", "k-1,o-1,Maths", "k-2,o-2,Art")
            .file(
                "enrollments.csv",
                "classSourcedId,userSourcedId,role",
                "k-1,p-1,student",
                "k-2,p-2,student")
            .dir();
    ImportResult all = CsvImporter.builder().build().read(v21);
    assertTrue(
        of(all, Kind.FORMAT).stream().anyMatch(p -> p.message().contains("2 schools")),
        all.report());
    ImportResult dale = CsvImporter.builder().school("o-2").build().read(v21);
    assertEquals("o-2", dale.snapshot().source().schoolId());
    assertEquals(1, dale.snapshot().count(EntityType.STUDENT));
    assertEquals(1, dale.snapshot().count(EntityType.MEMBERSHIP));
    assertEquals(0, dale.errorCount(), dale.report());

    Path classic =
        new Exports(tmp.resolve("classic"))
            .file("School.csv", "DfE Number,Name", "10001,Hill", "10002,Dale")
            .file(
                "Section.csv",
                "ID,School DfE Number,Section Name",
                "k-1,10001,Maths",
                "k-2,10002,Art")
            .file(
                "Student.csv",
                "ID,School DfE Number,First Name,Last Name",
                "p-1,10001,Ava,Lane",
                "p-2,10002,Bo,Dale")
            .file("Teacher.csv", "ID,School DfE Number,First Name,Last Name", "t-1,10001,Leo,Lane")
            .file("StudentEnrollment.csv", "Section ID,ID", "k-1,p-1", "k-2,p-2")
            .file("TeacherRoster.csv", "Section ID,ID", "k-1,t-1")
            .dir();
    ImportResult hill = CsvImporter.builder().school("10001").build().read(classic);
    assertEquals("10001", hill.snapshot().source().schoolId());
    assertEquals(1, hill.snapshot().count(EntityType.STUDENT));
    assertEquals(2, hill.snapshot().count(EntityType.MEMBERSHIP));
    assertEquals(0, hill.errorCount() + hill.warningCount(), hill.report());
  }

  @Test
  void aBlankCourseSourcedIdIsReported() {
    Path dir =
        oneRoster11("course")
            .file("classes.csv", Exports.OR_CLASSES, "k-1,,,Maths,04,,MA,scheduled,,s-1,,,,")
            .dir();
    ImportResult r = CsvImporter.builder().build().read(dir);
    CsvProblem p = OneRosterFixturesTest.at(r, Kind.MISSING_VALUE, "classes.csv", 2);
    assertEquals("courseSourcedId", p.column());
    assertFalse(p.isError());
  }

  @Test
  void aForcedDateOrderContradictedByTheColumnIsWarned() {
    Path dir =
        new Exports(tmp.resolve("dates"))
            .file("School.csv", "DfE Number,Name", "10001,Hill")
            .file("Section.csv", "ID,School DfE Number,Section Name", "k-1,10001,Maths")
            .file(
                "Student.csv",
                "ID,School DfE Number,First Name,Last Name,Birthdate",
                "p-1,10001,Ava,Lane,03/04/2012",
                "p-2,10001,Bo,Dale,12/25/2011")
            .file("Teacher.csv", "ID,School DfE Number,First Name,Last Name", "t-1,10001,Leo,Lane")
            .file("StudentEnrollment.csv", "Section ID,ID", "k-1,p-1")
            .file("TeacherRoster.csv", "Section ID,ID", "k-1,t-1")
            .dir();
    ImportResult r = CsvImporter.builder().dateOrder(DateOrder.DAY_FIRST).build().read(dir);
    List<CsvProblem> w = of(r, Kind.AMBIGUOUS_DATE);
    assertEquals(1, w.size(), r.report());
    assertEquals("Student.csv", w.get(0).file());
    assertEquals(3, w.get(0).line());
    assertEquals("Birthdate", w.get(0).column());
    assertTrue(w.get(0).message().contains("MONTH_FIRST"), w.get(0).message());
    assertFalse(w.get(0).message().contains("12/25"), "no values quoted");
    // the forced order is still what the caller asked for
    assertEquals(
        LocalDate.of(2012, 4, 3),
        r.snapshot().student("p-1").orElseThrow().dateOfBirth().orElseThrow());
  }

  @Test
  void theValidatorPicksASchoolToo() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int code =
        CsvValidator.run(
            new String[] {"--school", "s-2", oneRoster11("cli-school").dir().toString()},
            new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
            new java.io.PrintStream(new java.io.ByteArrayOutputStream()));
    String o = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, code, o);
    assertTrue(o.contains("school: s-2"), o);
    assertFalse(o.contains("2 schools"), o);
  }
}
