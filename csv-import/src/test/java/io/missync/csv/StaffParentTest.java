package io.missync.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.Contact;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.Relationship;
import io.missync.csv.CsvProblem.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 item 1: a member of staff who is also a parent keeps both roles and every link. */
class StaffParentTest {
  @TempDir Path tmp;

  static List<String> links(MisSnapshot s) {
    return s.guardianLinks().stream().map(GuardianLink::key).sorted().collect(Collectors.toList());
  }

  @Test
  void oneRoster12TeacherWithSecondaryGuardianRoleKeepsTheParentRole() {
    Path dir =
        new Exports(tmp.resolve("or12"))
            .file("manifest.csv", Exports.manifest12("orgs", "users", "roles"))
            .file("orgs.csv", Exports.OR_ORGS, "s-1,,,Hill School,school,URN1,")
            .file(
                "users.csv",
                Exports.OR12_USERS,
                "u-1,,,true,ava,,Ava,Lane,,P1,,,,,04,,,,,,,s-1,",
                "u-4,,,true,ben,,Ben,Lane,,P4,,,,,06,,,,,,,s-1,",
                "u-2,,,true,mr.l,,Leo,Lane,,T1,leo@hill.example,,,\"u-1,u-4\",,,,,,,,s-1,")
            .file(
                "roles.csv",
                Exports.OR_ROLES,
                "r-1,,,u-1,primary,student,,,s-1,",
                "r-4,,,u-4,primary,student,,,s-1,",
                "r-2a,,,u-2,primary,teacher,,,s-1,",
                "r-2b,,,u-2,secondary,guardian,,,s-1,")
            .dir();
    ImportResult r = CsvImporter.builder().build().read(dir);
    MisSnapshot s = r.snapshot();
    assertEquals(1, s.count(EntityType.STAFF), r.report());
    assertEquals(1, s.count(EntityType.CONTACT), r.report());
    Contact leo = s.contact("u-2").orElseThrow();
    assertEquals("u-2", leo.staffId().orElseThrow());
    assertEquals("Leo", leo.forename());
    assertEquals("u-2", s.contactSameAsStaff("u-2").orElseThrow().id());
    assertEquals(List.of("u-2|u-1", "u-2|u-4"), links(s));
    assertEquals(Relationship.GUARDIAN, s.guardiansOf("u-1").get(0).relationship());
    assertEquals(Completeness.COMPLETE, s.completeness(EntityType.GUARDIAN_LINK));
    assertEquals(Completeness.COMPLETE, s.completeness(EntityType.CONTACT));
    // what was done is reported, naming the id only
    CsvProblem note =
        r.problems().stream().filter(p -> p.kind() == Kind.TWO_ROLES).findFirst().orElseThrow();
    assertEquals("users.csv", note.file());
    assertTrue(note.message().contains("'u-2'"), note.message());
    assertTrue(!note.message().contains("Leo"), note.message());
    assertEquals(0, r.errorCount(), r.report());
    assertTrue(r.report().contains("staff who are also contacts: 1"), r.report());
  }

  @Test
  void oneRoster12StudentRowNamingTheTeacherParentLinksToTheContactRecord() {
    Path dir =
        new Exports(tmp.resolve("or12b"))
            .file("manifest.csv", Exports.manifest12("orgs", "users", "roles"))
            .file("orgs.csv", Exports.OR_ORGS, "s-1,,,Hill School,school,URN1,")
            .file(
                "users.csv",
                Exports.OR12_USERS,
                "u-1,,,true,ava,,Ava,Lane,,P1,,,,u-2,04,,,,,,,s-1,",
                "u-2,,,true,mr.l,,Leo,Lane,,T1,,,,,,,,,,,,s-1,")
            .file(
                "roles.csv",
                Exports.OR_ROLES,
                "r-1,,,u-1,primary,student,,,s-1,",
                "r-2b,,,u-2,secondary,parent,,,s-1,",
                "r-2a,,,u-2,primary,teacher,,,s-1,")
            .dir();
    MisSnapshot s = CsvImporter.builder().build().read(dir).snapshot();
    assertEquals(List.of("u-2|u-1"), links(s));
    assertEquals(Relationship.PARENT, s.guardiansOf("u-1").get(0).relationship());
    assertTrue(s.staffMember("u-2").orElseThrow().teaching());
  }

  @Test
  void sdsV21TeacherWithRelationshipsIsAlsoTheirContact() {
    Path dir =
        new Exports(tmp.resolve("v21"))
            .file("orgs.csv", "sourcedId,name,type,parentSourcedId", "o-1,Hill School,school,")
            .file(
                "users.csv",
                "sourcedId,username,givenName,familyName,password,activeDirectoryMatchId,email",
                "p-1,ava@hill.example,Ava,Lane,,,",
                "p-2,ben@hill.example,Ben,Lane,,,",
                "t-1,leo@hill.example,Leo,Lane,,,leo@hill.example")
            .file(
                "roles.csv",
                "userSourcedId,orgSourcedId,role,sessionSourcedId,grade,isPrimary",
                "p-1,o-1,student,,04,TRUE",
                "p-2,o-1,student,,06,TRUE",
                "t-1,o-1,teacher,,,TRUE")
            .file(
                "relationships.csv",
                "userSourcedId,relationshipUserSourcedId,relationshipRole",
                "p-1,t-1,parent",
                "p-2,t-1,parent")
            .file("classes.csv", "sourcedId,orgSourcedId,title", "k-1,o-1,Maths")
            .file("enrollments.csv", "classSourcedId,userSourcedId,role", "k-1,t-1,teacher")
            .dir();
    ImportResult r = CsvImporter.builder().build().read(dir);
    MisSnapshot s = r.snapshot();
    assertEquals(0, r.errorCount(), r.report());
    assertEquals(1, s.count(EntityType.STAFF));
    assertEquals("t-1", s.contact("t-1").orElseThrow().staffId().orElseThrow());
    assertEquals(List.of("t-1|p-1", "t-1|p-2"), links(s));
    assertEquals(Relationship.PARENT, s.guardiansOf("p-2").get(0).relationship());
    // the enrollment is the staff record's
    assertEquals(1, s.membershipsOf(io.missync.core.model.PersonRef.staff("t-1")).size());
    assertEquals(Completeness.COMPLETE, s.completeness(EntityType.GUARDIAN_LINK));
    assertEquals(1, r.problems().stream().filter(p -> p.kind() == Kind.TWO_ROLES).count());
  }
}
