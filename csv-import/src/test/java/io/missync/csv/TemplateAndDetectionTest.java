package io.missync.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.GroupKind;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateAndDetectionTest {
  @TempDir Path tmp;

  @Test
  void theExampleTemplateReadsCleanly() {
    SchoolTemplate.writeExample(tmp);
    assertEquals(CsvFormat.SCHOOL_TEMPLATE, CsvImporter.detect(tmp).orElseThrow());
    ImportResult r = CsvImporter.builder().schoolId("URN1").build().read(tmp);
    assertEquals(0, r.errorCount() + r.warningCount(), r.report());
    MisSnapshot s = r.snapshot();
    assertEquals(3, s.count(EntityType.STUDENT));
    assertEquals(3, s.count(EntityType.STAFF));
    assertEquals(2, s.count(EntityType.CONTACT));
    assertEquals(3, s.count(EntityType.GUARDIAN_LINK));
    // years 7 and 8, classes 7A 7B 8A
    assertEquals(5, s.count(EntityType.GROUP));
    assertEquals(GroupKind.YEAR, s.group("year:7").orElseThrow().kind());
    assertEquals("Year 7", s.group("year:7").orElseThrow().name());
    assertEquals(GroupKind.REGISTRATION, s.group("class:7B").orElseThrow().kind());
    // S1: year 7 + 7A; T02 tutors 7B and 8A
    assertEquals(2, s.membershipsOf(PersonRef.student("S1001")).size());
    assertEquals(2, s.membershipsOf(PersonRef.staff("T02")).size());
    assertEquals(MembershipRole.TEACHER, s.membershipsOf(PersonRef.staff("T01")).get(0).role());
    assertTrue(!s.staffMember("T03").orElseThrow().teaching());
    assertEquals(
        LocalDate.of(2013, 9, 14), s.student("S1001").orElseThrow().dateOfBirth().orElseThrow());
    assertEquals("Y", s.student("S1001").orElseThrow().attributes().get("pupilPremium"));
    assertEquals(Relationship.CARER, s.guardiansOf("S1003").get(0).relationship());
    assertEquals(2, s.linksOfContact("C02").size());
    for (EntityType t : EntityType.values()) {
      assertEquals(Completeness.COMPLETE, s.completeness(t), t.name());
    }
    assertEquals("URN1", s.source().schoolId());
  }

  @Test
  void configuredAliasesAndFullNames() throws Exception {
    Files.writeString(
        tmp.resolve("Pupils export.csv"),
        "Identifiant,Nom complet,Année\r\nP1,\"Martin, Léa\",7\r\nP2,Jean Paul Dubois,8\r\n",
        StandardCharsets.UTF_8);
    Files.writeString(tmp.resolve("staff.csv"), "ID,Full Name\r\nT1,Sam Tutor\r\n");
    Files.writeString(tmp.resolve("contacts.csv"), "ID,Full Name,Student\r\n");
    ImportResult r =
        CsvImporter.builder()
            .templateAlias("ID", "Identifiant")
            .templateAlias("Full Name", "Nom complet")
            .templateAlias("Year Group", "Année")
            .build()
            .read(tmp);
    assertEquals(0, r.errorCount() + r.warningCount(), r.report());
    MisSnapshot s = r.snapshot();
    assertEquals("Léa", s.student("P1").orElseThrow().forename());
    assertEquals("Martin", s.student("P1").orElseThrow().surname());
    assertEquals("Jean Paul", s.student("P2").orElseThrow().forename());
    assertEquals("Dubois", s.student("P2").orElseThrow().surname());
    assertEquals("8", s.student("P2").orElseThrow().yearGroup().orElseThrow());
  }

  @Test
  void usernamesStandingInForIdsAreNotQuotedInProblems() throws Exception {
    Files.writeString(
        tmp.resolve("students.csv"),
        "Username,Forename,Surname\r\namy.adams,Amy,Adams\r\namy.adams,Amy,Other\r\n");
    Files.writeString(tmp.resolve("staff.csv"), "ID,Full Name\r\n");
    Files.writeString(
        tmp.resolve("contacts.csv"),
        "Email,Full Name,Student\r\npat@home.example,Pat Adams,ben.brown\r\n");
    ImportResult r = CsvImporter.builder().build().read(tmp);
    assertEquals(2, r.errorCount(), r.report());
    assertEquals(1, r.snapshot().count(EntityType.STUDENT));
    for (CsvProblem p : r.problems()) {
      assertTrue(
          !p.message().contains("amy.adams")
              && !p.message().contains("ben.brown")
              && !p.message().contains("pat@"),
          p::toString);
    }
  }

  @Test
  void detectsEachFormat() throws Exception {
    assertEquals(
        CsvFormat.ONEROSTER_1_1,
        CsvImporter.detect(Path.of(getClass().getResource("/oneroster/1.1-bulk").toURI()))
            .orElseThrow());
    assertEquals(
        CsvFormat.ONEROSTER_1_2,
        CsvImporter.detect(Path.of(getClass().getResource("/oneroster/1.2-delta").toURI()))
            .orElseThrow());
    assertEquals(
        CsvFormat.SDS_CLASSIC_UK, CsvImporter.detect(Samples.dir("sds-uk-25-users")).orElseThrow());
    assertEquals(CsvFormat.SDS_V2_1, CsvImporter.detect(Samples.dir("sds-v2.1")).orElseThrow());
    Files.writeString(tmp.resolve("readme.txt"), "hello");
    assertTrue(CsvImporter.detect(tmp).isEmpty());
  }
}
