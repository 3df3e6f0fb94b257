package io.missync.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.missync.core.model.Contact;
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
import io.missync.csv.internal.Out;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SDS files are read line by line by SDS tooling: a line break in a name must not split a row. */
class SdsLineBreaksTest {
  @TempDir Path tmp;

  static MisSnapshot withLineBreaks(CsvFormat f) {
    return MisSnapshot.builder(
            new SourceInfo("URN1", f.id(), null, Instant.parse("2026-11-22T10:00:00Z")))
        .allComplete()
        .addGroup(Group.builder().id("G1").kind(GroupKind.CLASS).name("7\nMaths").build())
        .addStudent(
            Student.builder().id("S1").legalName("Marie\r\nClaire", "O'Brien\n\nSmith").build())
        .addStaff(
            StaffMember.builder().id("T1").legalName("Tess\rAnn", "One").teaching(true).build())
        .addContact(
            Contact.builder()
                .id("C1")
                .legalName("Ann\u2028Lee", "Adams")
                .email("c1@home.example")
                .build())
        .addGuardianLink(
            GuardianLink.builder("C1", "S1").relationship(Relationship.GUARDIAN).build())
        .addMembership(Membership.of("G1", PersonRef.student("S1"), MembershipRole.MEMBER))
        .addMembership(Membership.of("G1", PersonRef.staff("T1"), MembershipRole.TEACHER))
        .build();
  }

  @Test
  void sdsFilesHaveOneRecordPerLineAndNamesReadBackWithSpaces() throws IOException {
    for (CsvFormat f :
        List.of(CsvFormat.SDS_CLASSIC_UK, CsvFormat.SDS_CLASSIC_US, CsvFormat.SDS_V2_1)) {
      Path dir = tmp.resolve(f.id());
      Files.createDirectories(dir);
      CsvExporter.write(withLineBreaks(f), f, dir);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          String text = Files.readString(file);
          // every CR and LF is part of a record's CRLF terminator
          String body = text.replace("\r\n", "");
          assertFalse(body.contains("\n") || body.contains("\r"), f + " " + file.getFileName());
          assertFalse(body.contains("\u2028"), f + " " + file.getFileName());
          long records;
          try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(text)) {
            records = r.stream().count();
          }
          assertEquals(text.split("\r\n", -1).length - 1, records, f + " " + file.getFileName());
        }
      }
      ImportResult r = CsvImporter.builder().format(f).build().read(dir);
      assertEquals(0, r.errorCount(), r::report);
      Student s = r.snapshot().student("S1").orElseThrow();
      assertEquals("Marie Claire", s.forename(), f.id());
      assertEquals("O'Brien Smith", s.surname(), f.id());
      assertEquals("Tess Ann", r.snapshot().staffMember("T1").orElseThrow().forename(), f.id());
      assertEquals("7 Maths", r.snapshot().group("G1").orElseThrow().name(), f.id());
    }
  }

  @Test
  void oneRosterKeepsLineBreaksQuoted() throws IOException {
    CsvFormat f = CsvFormat.ONEROSTER_1_1;
    CsvExporter.write(withLineBreaks(f), f, tmp);
    assertEquals(
        "Marie\r\nClaire",
        CsvImporter.builder().build().read(tmp).snapshot().student("S1").orElseThrow().forename());
  }

  @Test
  void eachRunOfLineBreaksBecomesOneSpace() {
    assertEquals("a b", Out.oneLine("a\r\n\r\nb"));
    assertEquals("a b c", Out.oneLine("a\u0085b\u2029c"));
    assertEquals(" x ", Out.oneLine("\nx\r"));
    String plain = "no breaks";
    assertEquals(plain, Out.oneLine(plain));
  }
}
