package io.missync.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.MisSnapshot;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 item 6: SDS v2.0 (roles in users.csv, no roles.csv) is detected and imported. */
class SdsV20Test {
  @TempDir Path tmp;

  Path export() {
    return new Exports(tmp.resolve("v20"))
        .file("orgs.csv", "sourcedId,name,type", "o-1,Hill School,school")
        .file(
            "users.csv",
            "sourcedId,username,givenName,familyName,email,role,grade",
            "p-1,ava@hill.example,Ava,Lane,,student,04",
            "t-1,leo@hill.example,Leo,Lane,leo@hill.example,teacher,")
        .file("classes.csv", "sourcedId,orgSourcedId,title", "k-1,o-1,Maths")
        .file(
            "enrollments.csv",
            "classSourcedId,userSourcedId,role",
            "k-1,p-1,student",
            "k-1,t-1,teacher")
        .dir();
  }

  @Test
  void detectedByName() {
    assertEquals(CsvFormat.SDS_V2_0, CsvImporter.detect(export()).orElseThrow());
    assertEquals(CsvFormat.SDS_V2_0, CsvFormat.parse("sds-v2.0").orElseThrow());
  }

  @Test
  void importedWithEachUsersRoleFromUsersCsv() {
    ImportResult r = CsvImporter.builder().build().read(export());
    MisSnapshot s = r.snapshot();
    assertEquals(CsvFormat.SDS_V2_0, r.format());
    assertEquals(0, r.errorCount(), r.report());
    assertEquals("04", s.student("p-1").orElseThrow().yearGroup().orElseThrow());
    assertTrue(s.staffMember("t-1").orElseThrow().teaching());
    assertEquals(2, s.count(EntityType.MEMBERSHIP));
    assertEquals(Completeness.COMPLETE, s.completeness(EntityType.STUDENT));
    assertEquals("sds-v2.0", s.source().sourceKind());
    assertTrue(r.report().startsWith("format: sds-v2.0"), r.report());
  }
}
