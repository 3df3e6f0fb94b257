package io.missync.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.Gender;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.Student;
import io.missync.csv.CsvProblem.Kind;
import io.missync.csv.CsvProblem.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One malformed export per robustness problem (src/test/resources/malformed): each yields its
 * documented problem at the right file, line and column, and loses no valid row.
 */
class MalformedCorpusTest {
  @TempDir Path tmp;

  static ImportResult read(String name) {
    return read(name, CsvFormat.SCHOOL_TEMPLATE);
  }

  static ImportResult read(String name, CsvFormat f) {
    try {
      Path p = Path.of(MalformedCorpusTest.class.getResource("/malformed/" + name).toURI());
      return CsvImporter.builder().format(f).build().read(p);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Problems in the given file (the corpus leaves out staff and contacts files on purpose). */
  static List<CsvProblem> in(ImportResult r, String file) {
    return r.problems().stream().filter(p -> p.file().equals(file)).collect(Collectors.toList());
  }

  static void assertProblem(
      CsvProblem p, Severity sev, Kind kind, String file, long line, String column) {
    assertEquals(sev, p.severity(), p::toString);
    assertEquals(kind, p.kind(), p::toString);
    assertEquals(file, p.file(), p::toString);
    assertEquals(line, p.line(), p::toString);
    assertEquals(column, p.column(), p::toString);
  }

  static List<String> ids(MisSnapshot s) {
    return s.students().stream().map(Student::id).sorted().collect(Collectors.toList());
  }

  @Test
  void utf8WithBom() {
    ImportResult r = read("bom-utf8");
    assertEquals(List.of(), in(r, "students.csv"));
    assertEquals("Zoë", r.snapshot().student("S1").orElseThrow().forename());
    assertEquals("Åsa", r.snapshot().student("S2").orElseThrow().forename());
  }

  @Test
  void utf16FromExcelUnicodeText() {
    ImportResult r = read("utf16-excel-unicode-text");
    assertEquals(List.of(), in(r, "students.txt"));
    assertEquals(List.of("S1", "S2"), ids(r.snapshot()));
    assertEquals("Łukasz", r.snapshot().student("S2").orElseThrow().forename());
  }

  @Test
  void windows1252IsDetectedAndDecoded() {
    ImportResult r = read("windows-1252");
    List<CsvProblem> ps = in(r, "students.csv");
    assertEquals(1, ps.size(), ps::toString);
    assertProblem(ps.get(0), Severity.WARNING, Kind.ENCODING, "students.csv", 0, null);
    assertEquals("Zoë", r.snapshot().student("S1").orElseThrow().forename());
    assertEquals("O\u2019Neill", r.snapshot().student("S1").orElseThrow().surname());
    assertEquals("Dupré", r.snapshot().student("S2").orElseThrow().surname());
  }

  @Test
  void semicolonSeparated() {
    ImportResult r = read("semicolon");
    assertEquals(List.of(), in(r, "students.csv"));
    assertEquals(List.of("S1", "S2", "S3"), ids(r.snapshot()));
    assertEquals("Smith, Jr", r.snapshot().student("S1").orElseThrow().surname());
    assertEquals("Quote;d", r.snapshot().student("S2").orElseThrow().surname());
  }

  @Test
  void tabSeparated() {
    ImportResult r = read("tab");
    assertEquals(List.of(), in(r, "students.txt"));
    assertEquals(List.of("S1", "S2"), ids(r.snapshot()));
    assertEquals("8", r.snapshot().student("S2").orElseThrow().yearGroup().orElseThrow());
  }

  @Test
  void quotedLineBreaksKeepLineNumbersRight() {
    ImportResult r = read("multiline");
    assertEquals(List.of("S1", "S2", "S3"), ids(r.snapshot()));
    assertEquals("Anne\r\nMarie", r.snapshot().student("S1").orElseThrow().forename());
    assertEquals("Lee, \"BJ\"", r.snapshot().student("S2").orElseThrow().surname());
    List<CsvProblem> ps = in(r, "students.csv");
    assertEquals(1, ps.size(), ps::toString);
    // S3 starts on physical line 5 because S1's name spans lines 2-3
    assertProblem(ps.get(0), Severity.WARNING, Kind.INVALID_VALUE, "students.csv", 5, "UPN");
    assertTrue(r.snapshot().student("S3").orElseThrow().upn().isEmpty());
    assertFalse(ps.get(0).message().contains("NOT-A-UPN"));
  }

  @Test
  void trailingEmptyColumnsAreIgnoredAndStrayCellsWarned() {
    ImportResult r = read("trailing-columns");
    assertEquals(List.of("S1", "S2", "S3"), ids(r.snapshot()));
    List<CsvProblem> ps = in(r, "students.csv");
    assertEquals(1, ps.size(), ps::toString);
    assertProblem(ps.get(0), Severity.WARNING, Kind.CELL_COUNT, "students.csv", 4, null);
    assertEquals("9", r.snapshot().student("S3").orElseThrow().yearGroup().orElseThrow());
  }

  @Test
  void headerCaseSpacingAndTyposAreMatchedWithWarnings() {
    ImportResult r = read("header-typos");
    assertEquals(List.of("S1", "S2"), ids(r.snapshot()));
    List<CsvProblem> ps = in(r, "students.csv");
    assertTrue(
        ps.stream().allMatch(p -> p.kind() == Kind.HEADER_GUESSED && p.line() == 1), ps::toString);
    assertEquals(
        List.of("Date of Birth", "Forename", "ID", "Surname", "Year Group"),
        ps.stream().map(CsvProblem::column).sorted().collect(Collectors.toList()));
    Student s1 = r.snapshot().student("S1").orElseThrow();
    assertEquals("Al", s1.forename());
    assertEquals("Bee", s1.surname());
    assertEquals("7", s1.yearGroup().orElseThrow());
    assertEquals(LocalDate.of(2013, 9, 1), s1.dateOfBirth().orElseThrow());
  }

  @Test
  void ukDatesAreDetectedFromTheColumn() {
    ImportResult r = read("dates-uk");
    assertEquals(List.of(), in(r, "students.csv"));
    assertEquals(LocalDate.of(2014, 4, 3), r.snapshot().student("S2").get().dateOfBirth().get());
  }

  @Test
  void usDatesAreDetectedFromTheColumn() {
    ImportResult r = read("dates-us");
    assertEquals(List.of(), in(r, "students.csv"));
    assertEquals(LocalDate.of(2014, 3, 4), r.snapshot().student("S2").get().dateOfBirth().get());
  }

  @Test
  void anExplicitDateOrderOverridesDetection() throws Exception {
    Path p = Path.of(getClass().getResource("/malformed/dates-ambiguous").toURI());
    ImportResult r =
        CsvImporter.builder()
            .format(CsvFormat.SCHOOL_TEMPLATE)
            .dateOrder(DateOrder.MONTH_FIRST)
            .build()
            .read(p);
    assertEquals(List.of(), in(r, "students.csv"));
    assertEquals(LocalDate.of(2014, 3, 4), r.snapshot().student("S1").get().dateOfBirth().get());
  }

  @Test
  void anAllAmbiguousColumnIsReadByConventionAndReported() {
    ImportResult r = read("dates-ambiguous");
    List<CsvProblem> ps = in(r, "students.csv");
    assertEquals(1, ps.size(), ps::toString);
    assertProblem(
        ps.get(0), Severity.WARNING, Kind.AMBIGUOUS_DATE, "students.csv", 0, "Date of Birth");
    assertEquals(LocalDate.of(2014, 4, 3), r.snapshot().student("S1").get().dateOfBirth().get());
  }

  @Test
  void aMixedColumnDropsOnlyTheAmbiguousAndInvalidValues() {
    ImportResult r = read("dates-mixed");
    assertEquals(List.of("S1", "S2", "S3", "S4", "S5"), ids(r.snapshot()));
    List<CsvProblem> ps = in(r, "students.csv");
    assertEquals(3, ps.size(), ps::toString);
    assertProblem(
        ps.get(0), Severity.WARNING, Kind.AMBIGUOUS_DATE, "students.csv", 0, "Date of Birth");
    assertProblem(
        ps.get(1), Severity.WARNING, Kind.AMBIGUOUS_DATE, "students.csv", 4, "Date of Birth");
    assertProblem(
        ps.get(2), Severity.WARNING, Kind.INVALID_VALUE, "students.csv", 6, "Date of Birth");
    MisSnapshot s = r.snapshot();
    assertEquals(LocalDate.of(2013, 12, 25), s.student("S1").get().dateOfBirth().get());
    assertEquals(LocalDate.of(2013, 12, 25), s.student("S2").get().dateOfBirth().get());
    assertTrue(s.student("S3").get().dateOfBirth().isEmpty());
    assertEquals(LocalDate.of(2014, 5, 6), s.student("S4").get().dateOfBirth().get());
    assertTrue(s.student("S5").get().dateOfBirth().isEmpty());
  }

  @Test
  void multiValuedCells() {
    ImportResult r = read("multi-valued", CsvFormat.ONEROSTER_1_1);
    MisSnapshot s = r.snapshot();
    assertEquals(0, r.errorCount(), r.report());
    assertEquals(List.of("u1", "u2"), ids(s));
    Student u1 = s.student("u1").orElseThrow();
    assertEquals("a1", u1.attributes().get("userId:LDAP"));
    assertEquals("b1", u1.attributes().get("userId:Fed"));
    assertEquals("09", u1.yearGroup().orElseThrow());
    assertEquals(2, s.guardiansOf("u1").size()); // agentSourcedIds "p1,p2"
    assertEquals(1, s.guardiansOf("u2").size());
    List<CsvProblem> ps = in(r, "users.csv");
    assertEquals(3, ps.size(), ps::toString);
    assertProblem(ps.get(0), Severity.WARNING, Kind.INVALID_VALUE, "users.csv", 2, "grades");
    assertProblem(ps.get(1), Severity.WARNING, Kind.INVALID_VALUE, "users.csv", 3, "userIds");
    assertProblem(
        ps.get(2), Severity.WARNING, Kind.UNKNOWN_REFERENCE, "users.csv", 5, "orgSourcedIds");
    assertTrue(
        s.student("u2").orElseThrow().attributes().keySet().stream()
            .noneMatch(k -> k.startsWith("userId:")));
  }

  @Test
  void duplicateIdsAreReportedNotThrown() {
    ImportResult r = read("duplicate-ids");
    List<CsvProblem> ps = in(r, "students.csv");
    assertEquals(1, ps.size(), ps::toString);
    assertProblem(ps.get(0), Severity.ERROR, Kind.DUPLICATE_ID, "students.csv", 4, "ID");
    assertEquals("Al", r.snapshot().student("S1").orElseThrow().forename()); // the first is kept
    assertEquals(List.of("S1", "S2"), ids(r.snapshot()));
    // a lost row means the students can no longer be treated as complete
    assertEquals(Completeness.PARTIAL, r.snapshot().completeness(EntityType.STUDENT));
    assertEquals(
        1,
        r.rejectedRows().stream()
            .filter(x -> x.location().equals("students.csv:4 [ID]"))
            .filter(x -> x.type().orElseThrow() == EntityType.STUDENT)
            .count());
  }

  @Test
  void danglingReferencesAreReportedNotThrown() {
    ImportResult r = read("dangling-reference");
    List<CsvProblem> ps = in(r, "contacts.csv");
    assertEquals(1, ps.size(), ps::toString);
    assertProblem(ps.get(0), Severity.ERROR, Kind.UNKNOWN_REFERENCE, "contacts.csv", 3, "Student");
    MisSnapshot s = r.snapshot();
    assertEquals(1, s.count(EntityType.CONTACT)); // C1 once, linked to two students
    assertEquals(2, s.count(EntityType.GUARDIAN_LINK));
    assertEquals(Completeness.PARTIAL, s.completeness(EntityType.GUARDIAN_LINK));
    assertEquals(Completeness.COMPLETE, s.completeness(EntityType.STUDENT));
  }

  @Test
  void aMissingFileMakesItsTypeAbsentNeverEmpty() {
    ImportResult r = read("missing-file");
    CsvProblem p =
        r.problems().stream().filter(x -> x.kind() == Kind.MISSING_FILE).findFirst().orElseThrow();
    assertTrue(p.isError());
    MisSnapshot s = r.snapshot();
    assertEquals(Completeness.COMPLETE, s.completeness(EntityType.STUDENT));
    assertEquals(Completeness.ABSENT, s.completeness(EntityType.STAFF));
    assertEquals(Completeness.ABSENT, s.completeness(EntityType.CONTACT));
    assertEquals(Completeness.PARTIAL, s.completeness(EntityType.MEMBERSHIP));
  }

  @Test
  void aMissingRequiredColumnNeverLooksLikeEveryoneLeft() {
    ImportResult r = read("missing-column", CsvFormat.ONEROSTER_1_1);
    CsvProblem p = r.errors().get(0);
    assertProblem(p, Severity.ERROR, Kind.MISSING_COLUMN, "users.csv", 1, "sourcedId");
    for (EntityType t :
        List.of(
            EntityType.STUDENT, EntityType.STAFF, EntityType.CONTACT, EntityType.GUARDIAN_LINK)) {
      assertFalse(r.snapshot().isComplete(t), t.name());
    }
  }

  @Test
  void badValuesDropTheValueAndMissingNamesDropTheRow() {
    ImportResult r = read("bad-values");
    List<CsvProblem> ps = in(r, "students.csv");
    assertEquals(3, ps.size(), ps::toString);
    assertProblem(ps.get(0), Severity.WARNING, Kind.INVALID_VALUE, "students.csv", 3, "Email");
    assertProblem(ps.get(1), Severity.WARNING, Kind.INVALID_VALUE, "students.csv", 3, "UPN");
    assertProblem(ps.get(2), Severity.ERROR, Kind.INVALID_VALUE, "students.csv", 4, null);
    assertEquals(List.of("S1", "S2"), ids(r.snapshot()));
    Student s2 = r.snapshot().student("S2").orElseThrow();
    assertTrue(s2.email().isEmpty());
    assertEquals(Gender.MALE, s2.gender().orElseThrow());
    assertEquals("A123456789012", r.snapshot().student("S1").get().upn().get());
  }

  @Test
  void undecodableBytesAfterTheSniffedStartStopTheFileAndKeepItPartial() throws IOException {
    Path dir = tmp.resolve("late");
    Files.createDirectories(dir);
    int rows = 200_000; // about 6 MB: past the 4 MiB encoding sniff window
    try (OutputStream o = Files.newOutputStream(dir.resolve("students.csv"))) {
      o.write("ID,Forename,Surname\n".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < rows; i++) {
        o.write(("S" + i + ",Forename" + i + ",Surname\n").getBytes(StandardCharsets.US_ASCII));
      }
      o.write(new byte[] {'X', ',', 'R', (byte) 0xE9, 'n', 'e', 'e', ',', 'Z', '\n'});
      o.write("Y,After,Row\n".getBytes(StandardCharsets.US_ASCII));
    }
    ImportResult r = CsvImporter.builder().format(CsvFormat.SCHOOL_TEMPLATE).build().read(dir);
    List<CsvProblem> ps = in(r, "students.csv");
    assertEquals(1, ps.size(), ps::toString);
    assertEquals(Kind.MALFORMED_CSV, ps.get(0).kind());
    assertTrue(ps.get(0).isError());
    assertTrue(ps.get(0).line() > rows - 2000, ps.get(0)::toString);
    assertTrue(r.snapshot().count(EntityType.STUDENT) > rows - 2000);
    assertEquals(Completeness.PARTIAL, r.snapshot().completeness(EntityType.STUDENT));
  }
}
