package io.missync.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.MisSnapshot;
import io.missync.csv.CsvProblem.Kind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 items 2 and 3: minimal SDS classic files import with a fallback name; problems that
 * follow from another are worded as what happened and grouped under their cause (text and JSON); a
 * row the format says to drop does not make a type PARTIAL.
 */
class TruthfulProblemsTest {
  @TempDir Path tmp;

  static final String SECTION = "ID,School DfE Number,Section Name";

  Path minimalSdsClassic() {
    return new Exports(tmp.resolve("minimal"))
        .file("School.csv", "DfE Number,Name", "10001,Hill School")
        .file("Section.csv", SECTION, "k-1,10001,Maths")
        .file(
            "Student.csv",
            "ID,School DfE Number,Username,Secondary Email",
            "s-1,10001,okl,",
            "s-2,10001,,bo@hill.example",
            "s-3,10001,,")
        .file("Teacher.csv", "ID,School DfE Number,Username", "t-1,10001,cbe")
        .file("StudentEnrollment.csv", "Section ID,ID", "k-1,s-1", "k-1,s-2", "k-1,s-3")
        .file("TeacherRoster.csv", "Section ID,ID", "k-1,t-1")
        .dir();
  }

  @Test
  void sdsClassicWithoutNameColumnsImportsWithAFallbackName() {
    ImportResult r = CsvImporter.builder().build().read(minimalSdsClassic());
    MisSnapshot s = r.snapshot();
    assertEquals(CsvFormat.SDS_CLASSIC_UK, r.format());
    assertEquals("okl", s.student("s-1").orElseThrow().forename());
    assertEquals("bo@hill.example", s.student("s-2").orElseThrow().forename());
    assertEquals("cbe", s.staffMember("t-1").orElseThrow().forename());
    List<CsvProblem> named =
        r.problems().stream()
            .filter(p -> p.kind() == Kind.MISSING_VALUE && !p.isError())
            .collect(Collectors.toList());
    assertEquals(3, named.size(), r.report());
    for (CsvProblem p : named) {
      assertFalse(p.message().contains("okl") || p.message().contains("bo@"), p.message());
    }
    // s-3 has no name, username or email: its row is the one error
    assertEquals(1, r.problems().stream().filter(p -> p.isError() && !p.isFollowOn()).count());
  }

  @Test
  void anEnrollmentOfARejectedStudentSaysSoUnderItsCause() {
    ImportResult r = CsvImporter.builder().build().read(minimalSdsClassic());
    CsvProblem cause =
        r.problems().stream()
            .filter(p -> p.isError() && p.file().equals("Student.csv"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(r.report()));
    CsvProblem follow =
        r.problems().stream()
            .filter(p -> p.file().equals("StudentEnrollment.csv"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(r.report()));
    assertEquals("Student.csv:4", cause.row().orElseThrow());
    assertEquals("Student.csv:4", follow.cause());
    assertTrue(follow.isError());
    assertTrue(follow.message().contains("was rejected"), follow.message());
    assertFalse(follow.message().contains("is not in"), follow.message());
    String report = r.report();
    int at = report.indexOf("Student.csv:4");
    int under = report.indexOf("and so StudentEnrollment.csv:4");
    assertTrue(at >= 0 && under > at, report);
    assertEquals(Completeness.PARTIAL, r.snapshot().completeness(EntityType.MEMBERSHIP));
  }

  @Test
  void theValidatorsJsonNestsFollowOnsUnderTheirCause() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        CsvValidator.run(
            new String[] {"--json", minimalSdsClassic().toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    JsonNode root = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    JsonNode cause = null;
    for (JsonNode p : root.get("problems")) {
      assertFalse(p.get("file").asText().equals("StudentEnrollment.csv"), "not at the top: " + p);
      if (p.get("file").asText().equals("Student.csv")
          && p.get("severity").asText().equals("ERROR")) {
        cause = p;
      }
    }
    assertNotNull(cause, root.toString());
    JsonNode f = cause.get("followOns");
    assertEquals(1, f.size(), root.toString());
    assertEquals("StudentEnrollment.csv", f.get(0).get("file").asText());
    assertEquals("Student.csv:4", f.get(0).get("cause").asText());
  }

  @Test
  void anEnrollmentInAClassMarkedToBeDeletedIsDroppedWithItNotPartial() {
    Path dir =
        new Exports(tmp.resolve("or"))
            .file(
                "manifest.csv",
                Exports.manifest12("orgs", "users", "roles", "classes", "enrollments"))
            .file("orgs.csv", Exports.OR_ORGS, "s-1,,,Hill School,school,URN1,")
            .file(
                "users.csv",
                Exports.OR12_USERS,
                "u-1,,,true,ava,,Ava,Lane,,P1,,,,,04,,,,,,,s-1,",
                "u-2,tobedeleted,,true,bo,,Bo,Lane,,P2,,,,,04,,,,,,,s-1,")
            .file(
                "roles.csv",
                Exports.OR_ROLES,
                "r-1,,,u-1,primary,student,,,s-1,",
                "r-2,,,u-2,primary,student,,,s-1,")
            .file(
                "classes.csv",
                Exports.OR_CLASSES,
                "k-1,,,Maths,04,,MA,scheduled,,s-1,,,,",
                "k-2,tobedeleted,,Art,04,,AR,scheduled,,s-1,,,,")
            .file(
                "enrollments.csv",
                Exports.OR_ENROLLMENTS,
                "e-1,,,k-1,s-1,u-1,student,false,,",
                "e-2,,,k-2,s-1,u-1,student,false,,",
                "e-3,,,k-1,s-1,u-2,student,false,,")
            .dir();
    ImportResult r = CsvImporter.builder().build().read(dir);
    MisSnapshot s = r.snapshot();
    assertEquals(0, r.errorCount(), r.report());
    assertEquals(1, s.count(EntityType.MEMBERSHIP));
    assertEquals(Completeness.COMPLETE, s.completeness(EntityType.MEMBERSHIP), r.report());
    assertEquals(Completeness.COMPLETE, s.completeness(EntityType.GROUP));
    CsvProblem cls = OneRosterFixturesTest.at(r, Kind.UNKNOWN_REFERENCE, "enrollments.csv", 3);
    assertEquals("classes.csv:3", cls.cause());
    assertTrue(cls.message().contains("tobedeleted"), cls.message());
    assertFalse(cls.message().contains("is not in"), cls.message());
    CsvProblem usr = OneRosterFixturesTest.at(r, Kind.UNKNOWN_REFERENCE, "enrollments.csv", 4);
    assertEquals("users.csv:3", usr.cause());
    assertTrue(r.report().contains("and so enrollments.csv:3"), r.report());
  }
}
