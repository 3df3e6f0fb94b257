package io.missync.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.Gender;
import io.missync.core.model.GroupKind;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.Membership;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import io.missync.csv.CsvProblem.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OneRoster 1.1 and 1.2 fixtures: bulk, delta, manifest handling and every status. */
class OneRosterFixturesTest {
  @TempDir Path tmp;

  static Path fixture(String name) {
    try {
      return Path.of(OneRosterFixturesTest.class.getResource("/oneroster/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<CsvProblem> of(ImportResult r, Kind kind) {
    return r.problems().stream().filter(p -> p.kind() == kind).collect(Collectors.toList());
  }

  static CsvProblem at(ImportResult r, Kind kind, String file, long line) {
    return r.problems().stream()
        .filter(p -> p.kind() == kind && p.file().equals(file) && p.line() == line)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError("no " + kind + " at " + file + ":" + line + "\n" + r.report()));
  }

  static ImportResult bulk11() {
    return CsvImporter.builder().build().read(fixture("1.1-bulk"));
  }

  @Test
  void bulk11ReadsEveryFileAndReportsBadRows() {
    ImportResult r = bulk11();
    assertEquals(CsvFormat.ONEROSTER_1_1, r.format());
    MisSnapshot s = r.snapshot();
    assertEquals("sch-1", s.source().schoolId());
    assertEquals("Arbor", s.source().mis().orElseThrow());
    assertEquals(3, s.count(EntityType.STUDENT)); // stu-4 is tobedeleted in a bulk file
    assertEquals(2, s.count(EntityType.STAFF));
    assertEquals(2, s.count(EntityType.CONTACT));
    assertEquals(3, s.count(EntityType.GROUP));
    assertEquals(8, s.count(EntityType.MEMBERSHIP));
    assertEquals(3, s.count(EntityType.GUARDIAN_LINK));

    // the two enrollments naming unknown records are errors at their lines; nothing else is
    assertEquals(2, r.errorCount(), r.report());
    CsvProblem nobody = at(r, Kind.UNKNOWN_REFERENCE, "enrollments.csv", 10);
    assertEquals("userSourcedId", nobody.column());
    assertTrue(nobody.message().contains("'nobody'"));
    assertEquals("classSourcedId", at(r, Kind.UNKNOWN_REFERENCE, "enrollments.csv", 11).column());
    // rows were rejected from enrollments, so memberships are not complete; the rest are
    assertEquals(Completeness.PARTIAL, s.completeness(EntityType.MEMBERSHIP));
    for (EntityType t :
        List.of(
            EntityType.STUDENT,
            EntityType.STAFF,
            EntityType.CONTACT,
            EntityType.GROUP,
            EntityType.GUARDIAN_LINK)) {
      assertEquals(Completeness.COMPLETE, s.completeness(t), t.name());
    }

    // statuses and values dropped with warnings
    assertEquals("status", at(r, Kind.STATUS, "users.csv", 5).column());
    assertEquals("email", at(r, Kind.INVALID_VALUE, "users.csv", 4).column());
    assertEquals("grades", at(r, Kind.INVALID_VALUE, "users.csv", 3).column());
    Student cat = s.student("stu-3").orElseThrow();
    assertTrue(cat.email().isEmpty());
    assertEquals("false", cat.attributes().get("enabledUser"));
    assertEquals("c3", cat.attributes().get("userId:Fed"));

    Student amy = s.student("stu-1").orElseThrow();
    assertEquals("Amy", amy.forename());
    assertEquals("Jo", amy.middleNames().orElseThrow());
    assertEquals("ADM001", amy.misId().orElseThrow());
    assertEquals("07", amy.yearGroup().orElseThrow());
    assertEquals("amy1", amy.attributes().get("userId:LDAP"));
    assertEquals("amy.a", amy.attributes().get("username"));
    assertFalse(amy.attributes().containsKey("password"));
    assertEquals(Gender.FEMALE, amy.gender().orElseThrow());
    assertEquals(LocalDate.of(2014, 3, 5), amy.dateOfBirth().orElseThrow());
    assertEquals("Brown, Jr", s.student("stu-2").orElseThrow().surname());
    assertEquals("07", s.student("stu-2").orElseThrow().yearGroup().orElseThrow());

    StaffMember tess = s.staffMember("tea-1").orElseThrow();
    assertTrue(tess.teaching());
    StaffMember aide = s.staffMember("aid-1").orElseThrow();
    assertFalse(aide.teaching());
    assertEquals("aide", aide.attributes().get("role"));

    // guardians from agentSourcedIds, named from either side, each link once
    List<GuardianLink> amys = s.guardiansOf("stu-1");
    assertEquals(2, amys.size());
    assertEquals(Relationship.PARENT, link(s, "par-1", "stu-1").relationship());
    assertEquals(Relationship.GUARDIAN, link(s, "par-2", "stu-1").relationship());
    assertEquals(Relationship.PARENT, link(s, "par-1", "stu-2").relationship());
    assertEquals("07700900111", s.contact("par-1").orElseThrow().phone().orElseThrow());

    // classes: kinds, subjects from the class or else its course
    assertEquals(GroupKind.REGISTRATION, s.group("cls-7a").orElseThrow().kind());
    assertEquals("Mathematics", s.group("cls-7ma").orElseThrow().subject().orElseThrow());
    assertEquals("English Language", s.group("cls-7en").orElseThrow().subject().orElseThrow());
    assertEquals("7MA1", s.group("cls-7ma").orElseThrow().code().orElseThrow());

    // enrollments: roles and dates
    assertEquals(MembershipRole.MAIN_TEACHER, role(s, "cls-7ma", PersonRef.staff("tea-1")));
    assertEquals(MembershipRole.TEACHER, role(s, "cls-7a", PersonRef.staff("tea-1")));
    assertEquals(MembershipRole.TEACHER, role(s, "cls-7en", PersonRef.staff("aid-1")));
    Membership e1 =
        s.membershipsOf(PersonRef.student("stu-1")).stream()
            .filter(m -> m.groupId().equals("cls-7ma"))
            .findFirst()
            .orElseThrow();
    assertEquals(LocalDate.of(2026, 9, 1), e1.effectiveFrom().orElseThrow());
    // no problem message quotes a name or an email
    for (CsvProblem p : r.problems()) {
      assertFalse(p.message().contains("Amy") || p.message().contains("not-an-email"), p::toString);
    }
  }

  static GuardianLink link(MisSnapshot s, String contact, String student) {
    return s.guardiansOf(student).stream()
        .filter(l -> l.contactId().equals(contact))
        .findFirst()
        .orElseThrow();
  }

  static MembershipRole role(MisSnapshot s, String group, PersonRef p) {
    return s.membershipsOf(p).stream()
        .filter(m -> m.groupId().equals(group))
        .findFirst()
        .orElseThrow()
        .role();
  }

  @Test
  void delta11AppliesOntoThePreviousSnapshot() {
    MisSnapshot before = bulk11().snapshot();
    ImportResult r = CsvImporter.builder().build().readDelta(fixture("1.1-delta"), before);
    MisSnapshot s = r.snapshot();
    // tobedeleted student gone, with memberships and links; inactive aide gone (warned)
    assertTrue(s.student("stu-2").isEmpty());
    assertTrue(s.staffMember("aid-1").isEmpty());
    // reported as deletions, so the planner removes access although a delta is partial
    assertEquals(
        java.util.Set.of(PersonRef.student("stu-2"), PersonRef.staff("aid-1")), s.deletedPeople());
    assertEquals("status", at(r, Kind.STATUS, "users.csv", 4).column());
    // update, create
    Student cat = s.student("stu-3").orElseThrow();
    assertEquals("Catherine", cat.forename());
    assertEquals("cat@pupils.example", cat.email().orElseThrow());
    assertFalse(cat.attributes().containsKey("enabledUser"));
    Student dan = s.student("stu-5").orElseThrow();
    assertEquals(Gender.MALE, dan.gender().orElseThrow());
    assertEquals(LocalDate.of(2014, 1, 2), dan.dateOfBirth().orElseThrow());
    // unknown status is an error at its line; the row is not applied
    CsvProblem archived = at(r, Kind.STATUS, "users.csv", 6);
    assertTrue(archived.isError());
    assertTrue(s.student("stu-6").isEmpty());
    assertEquals(1, r.errorCount(), r.report());
    // demographics deleted for tea-1: gender gone; unchanged people untouched
    assertTrue(s.staffMember("tea-1").orElseThrow().gender().isEmpty());
    assertEquals(before.student("stu-1").orElseThrow(), s.student("stu-1").orElseThrow());

    assertEquals(List.of("stu-1", "stu-3", "stu-5"), ids(s.students().stream().map(p -> p.id())));
    assertEquals(1, s.count(EntityType.STAFF));
    assertEquals(2, s.count(EntityType.CONTACT));
    assertEquals(
        List.of("cls-7a", "cls-7ma", "cls-7sc"), ids(s.groups().stream().map(g -> g.id())));
    assertEquals(7, s.count(EntityType.MEMBERSHIP));
    assertTrue(s.membershipsOf(PersonRef.student("stu-3")).isEmpty());
    assertEquals(MembershipRole.MAIN_TEACHER, role(s, "cls-7sc", PersonRef.staff("tea-1")));
    assertEquals(3, s.count(EntityType.GUARDIAN_LINK));
    assertEquals(Relationship.GUARDIAN, link(s, "par-2", "stu-3").relationship());
    assertTrue(s.problems().isEmpty(), s.problems()::toString);
    // a rejected delta row means the people types can no longer be called complete
    assertEquals(Completeness.PARTIAL, s.completeness(EntityType.STUDENT));
    assertEquals(Completeness.COMPLETE, s.completeness(EntityType.GROUP));
  }

  static List<String> ids(Stream<String> s) {
    return s.sorted().collect(Collectors.toList());
  }

  @Test
  void aBulkUsersFileWithoutEnrollmentsKeepsTheMembershipsOfThoseStillThere() throws IOException {
    MisSnapshot before = bulk11().snapshot();
    Path dir = bulkCopy();
    Files.delete(dir.resolve("enrollments.csv"));
    Path manifest = dir.resolve("manifest.csv");
    Files.writeString(
        manifest,
        Files.readString(manifest).replace("file.enrollments,bulk", "file.enrollments,absent"));
    Path users = dir.resolve("users.csv");
    Files.write(
        users,
        Files.readAllLines(users).stream()
            .filter(l -> !l.startsWith("stu-3,"))
            .collect(Collectors.toList()));
    ImportResult r = CsvImporter.builder().build().readDelta(dir, before);
    MisSnapshot s = r.snapshot();
    assertTrue(s.student("stu-3").isEmpty());
    assertEquals(Completeness.COMPLETE, s.completeness(EntityType.STUDENT));
    assertEquals(3, s.membershipsOf(PersonRef.student("stu-1")).size());
    assertEquals(7, s.count(EntityType.MEMBERSHIP)); // stu-3's one membership went with them
    assertEquals(before.completeness(EntityType.MEMBERSHIP), s.completeness(EntityType.MEMBERSHIP));
    assertEquals(3, s.count(EntityType.GROUP));
    assertTrue(s.problems().isEmpty(), s.problems()::toString);
  }

  @Test
  void deltaWithoutPreviousIsPartial() {
    ImportResult r = CsvImporter.builder().build().read(fixture("1.1-delta"));
    for (EntityType t : List.of(EntityType.STUDENT, EntityType.GROUP, EntityType.MEMBERSHIP)) {
      assertEquals(Completeness.PARTIAL, r.snapshot().completeness(t), t.name());
    }
    assertFalse(of(r, Kind.STATUS).isEmpty());
  }

  @Test
  void bulk12UsesRolesAndProfiles() {
    ImportResult r = CsvImporter.builder().build().read(fixture("1.2-bulk"));
    assertEquals(CsvFormat.ONEROSTER_1_2, r.format());
    MisSnapshot s = r.snapshot();
    assertEquals("s-9", s.source().schoolId());
    assertEquals(1, s.count(EntityType.STUDENT));
    assertEquals(1, s.count(EntityType.STAFF));
    assertEquals(1, s.count(EntityType.CONTACT));
    assertEquals(2, s.count(EntityType.GROUP));
    assertEquals(3, s.count(EntityType.MEMBERSHIP));
    assertEquals(1, s.count(EntityType.GUARDIAN_LINK));
    // u-4 has no role: rejected at its line, and the people types are not complete
    assertEquals(1, r.errorCount(), r.report());
    CsvProblem noRole = at(r, Kind.INVALID_VALUE, "users.csv", 5);
    assertTrue(noRole.message().contains("roles.csv"));
    assertEquals(Completeness.PARTIAL, s.completeness(EntityType.STUDENT));
    assertEquals(Completeness.COMPLETE, s.completeness(EntityType.GROUP));
    // a profile naming an unknown user is a warning at its line
    assertEquals("userSourcedId", at(r, Kind.UNKNOWN_REFERENCE, "userProfiles.csv", 3).column());

    Student ava = s.student("u-1").orElseThrow();
    assertEquals("Avie", ava.forename());
    assertEquals("Ava", ava.legalForename().orElseThrow());
    assertEquals("04", ava.yearGroup().orElseThrow());
    assertEquals(LocalDate.of(2017, 6, 15), ava.dateOfBirth().orElseThrow());
    StaffMember leo = s.staffMember("u-2").orElseThrow();
    assertTrue(leo.teaching()); // the primary role wins over the secondary one
    assertEquals("77", leo.attributes().get("userId:SIS"));
    assertEquals(Relationship.PARENT, link(s, "u-3", "u-1").relationship());
    assertEquals(MembershipRole.MAIN_TEACHER, role(s, "k-oak", PersonRef.staff("u-2")));
    Membership n3 =
        s.membershipsOf(PersonRef.student("u-1")).stream()
            .filter(m -> m.groupId().equals("k-ma"))
            .findFirst()
            .orElseThrow();
    assertEquals(LocalDate.of(2027, 7, 20), n3.effectiveTo().orElseThrow());
  }

  @Test
  void delta12() {
    MisSnapshot before = CsvImporter.builder().build().read(fixture("1.2-bulk")).snapshot();
    ImportResult r = CsvImporter.builder().build().readDelta(fixture("1.2-delta"), before);
    MisSnapshot s = r.snapshot();
    assertEquals(0, r.errorCount(), r.report());
    assertEquals(List.of("u-1", "u-5"), ids(s.students().stream().map(p -> p.id())));
    assertEquals(0, s.count(EntityType.STAFF));
    assertEquals(3, s.count(EntityType.MEMBERSHIP));
    assertEquals(1, s.membersOf("k-oak").stream().filter(m -> m.personId().equals("u-5")).count());
    assertEquals(2, s.count(EntityType.GROUP));
    assertEquals(Completeness.COMPLETE, s.completeness(EntityType.GROUP));
  }

  @Test
  void manifestListingAMissingFileMakesItsTypeAbsentNotEmpty() throws IOException {
    Path dir = bulkCopy();
    Files.delete(dir.resolve("enrollments.csv"));
    ImportResult r = CsvImporter.builder().build().read(dir);
    CsvProblem p = at(r, Kind.MISSING_FILE, "enrollments.csv", 0);
    assertTrue(p.isError());
    assertEquals(Completeness.ABSENT, r.snapshot().completeness(EntityType.MEMBERSHIP));
    assertEquals(Completeness.COMPLETE, r.snapshot().completeness(EntityType.STUDENT));
  }

  @Test
  void noManifestReadsPresentFilesAsBulk() throws IOException {
    Path dir = bulkCopy();
    Files.delete(dir.resolve("manifest.csv"));
    Files.delete(dir.resolve("classes.csv"));
    ImportResult r = CsvImporter.builder().format(CsvFormat.ONEROSTER_1_1).build().read(dir);
    assertFalse(of(r, Kind.MISSING_FILE).isEmpty());
    assertEquals(Completeness.COMPLETE, r.snapshot().completeness(EntityType.STUDENT));
    assertEquals(Completeness.ABSENT, r.snapshot().completeness(EntityType.GROUP));
    assertEquals(3, r.snapshot().count(EntityType.STUDENT));
  }

  @Test
  void readsAZip() throws IOException {
    Path zip = tmp.resolve("export.zip");
    try (OutputStream os = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(os);
        Stream<Path> files = Files.list(fixture("1.1-bulk"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        z.putNextEntry(new ZipEntry("oneroster/" + f.getFileName()));
        z.write(Files.readAllBytes(f));
        z.closeEntry();
      }
    }
    ImportResult r = CsvImporter.builder().build().read(zip);
    assertTrue(r.snapshot().sameContentAs(bulk11().snapshot()));
    assertEquals(bulk11().problems(), r.problems());
  }

  // ---------------------------------------------------------------- guardian links in deltas

  static final String USERS_11 =
      "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
          + "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,"
          + "password";

  static final String MANIFEST_USERS_ONLY =
      "propertyName,value\noneroster.version,1.1\nfile.users,%s\n";

  /** A OneRoster 1.1 export of a users file only (every other type absent). */
  static Path usersOnly(Path dir, String mode, String... rows) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("manifest.csv"), String.format(MANIFEST_USERS_ONLY, mode));
    Files.writeString(dir.resolve("users.csv"), USERS_11 + "\n" + String.join("\n", rows) + "\n");
    return dir;
  }

  /** A copy of the 1.1 bulk fixture to edit. */
  Path bulkCopy() throws IOException {
    Path dir = tmp.resolve("export");
    copy(fixture("1.1-bulk"), dir);
    return dir;
  }

  /** Reads a bulk export of these users rows only. */
  ImportResult usersBulk(String... rows) throws IOException {
    return CsvImporter.builder().build().read(usersOnly(tmp.resolve("bulk"), "bulk", rows));
  }

  /** Reads a delta of these users rows only over the snapshot before. */
  ImportResult usersDelta(MisSnapshot before, String... rows) throws IOException {
    return CsvImporter.builder()
        .build()
        .readDelta(usersOnly(tmp.resolve("delta"), "delta", rows), before);
  }

  static String user(
      String id, String status, String modified, String role, String given, String agents) {
    return id
        + ","
        + status
        + ","
        + modified
        + ",true,sch-1,"
        + role
        + ",,,"
        + given
        + ",Test,,,,,,\""
        + agents
        + "\",,";
  }

  MisSnapshot linksBefore() throws IOException {
    // par-1 lists stu-1 (stu-1 does not list par-1); stu-2 lists par-2 (par-2 does not list stu-2)
    ImportResult r =
        usersBulk(
            user("stu-1", "", "", "student", "Amy", ""),
            user("stu-2", "", "", "student", "Ben", "par-2"),
            user("par-1", "", "", "parent", "Pat", "stu-1"),
            user("par-2", "", "", "guardian", "Gail", ""));
    assertEquals(0, r.errorCount(), r.report());
    MisSnapshot s = r.snapshot();
    assertEquals(2, s.count(EntityType.GUARDIAN_LINK));
    return s;
  }

  @Test
  void aDeltaStudentRowWithoutAgentsKeepsTheLinkOnlyItsUnchangedParentAsserts() throws IOException {
    MisSnapshot before = linksBefore();
    ImportResult r =
        usersDelta(
            before,
            user("stu-1", "active", "2026-11-20T10:00:00Z", "student", "Amelia", ""),
            user("stu-2", "active", "2026-11-20T10:00:00Z", "student", "Benjamin", ""));
    MisSnapshot s = r.snapshot();
    assertEquals(0, r.errorCount(), r.report());
    assertEquals("Amelia", s.student("stu-1").orElseThrow().forename());
    // par-1's unchanged row still lists stu-1: the link survives, with its relationship
    assertEquals(Relationship.PARENT, link(s, "par-1", "stu-1").relationship());
    // only stu-2's own row asserted par-2, and its new row no longer does: the link goes
    assertTrue(s.guardiansOf("stu-2").isEmpty());
    assertEquals(1, s.count(EntityType.GUARDIAN_LINK));
  }

  @Test
  void aDeltaParentRowWithoutAgentsKeepsTheLinkItsUnchangedStudentAsserts() throws IOException {
    MisSnapshot before = linksBefore();
    ImportResult r =
        usersDelta(
            before,
            // par-2 becomes a parent (relationship follows) and lists no one
            user("par-2", "active", "2026-11-20T10:00:00Z", "parent", "Gail", ""),
            // par-1 drops stu-1, the link only its row asserted
            user("par-1", "active", "2026-11-20T10:00:00Z", "parent", "Pat", ""));
    MisSnapshot s = r.snapshot();
    assertEquals(0, r.errorCount(), r.report());
    assertEquals(Relationship.PARENT, link(s, "par-2", "stu-2").relationship());
    assertTrue(s.guardiansOf("stu-1").isEmpty());
    assertEquals(1, s.count(EntityType.GUARDIAN_LINK));
  }

  @Test
  void aLinkAParentAssertedBeforeTheStudentExistedAppearsWhenTheStudentArrives()
      throws IOException {
    ImportResult first =
        usersBulk(
            user("stu-1", "", "", "student", "Amy", ""),
            user("par-1", "", "", "parent", "Pat", "stu-1,stu-9"));
    assertEquals("agentSourcedIds", at(first, Kind.UNKNOWN_REFERENCE, "users.csv", 3).column());
    ImportResult r =
        usersDelta(
            first.snapshot(),
            user("stu-9", "active", "2026-11-20T10:00:00Z", "student", "Nina", ""));
    MisSnapshot s = r.snapshot();
    assertEquals(Relationship.PARENT, link(s, "par-1", "stu-9").relationship());
    assertEquals(Relationship.PARENT, link(s, "par-1", "stu-1").relationship());
    assertEquals(2, s.count(EntityType.GUARDIAN_LINK));
  }

  @Test
  void aDeletedStudentLosesTheLinksItsParentStillAsserts() throws IOException {
    MisSnapshot before = linksBefore();
    ImportResult r =
        usersDelta(
            before, user("stu-1", "tobedeleted", "2026-11-20T10:00:00Z", "student", "Amy", ""));
    MisSnapshot s = r.snapshot();
    assertTrue(s.student("stu-1").isEmpty());
    assertTrue(s.linksOfContact("par-1").isEmpty());
    assertEquals(1, s.count(EntityType.GUARDIAN_LINK));
  }

  // ---------------------------------------------------------------- rejected rows in a bulk file

  static Path bulkWithUsers(
      Path dir, boolean enrollments, java.util.function.UnaryOperator<String> edit)
      throws IOException {
    copy(fixture("1.1-bulk"), dir);
    if (!enrollments) {
      Files.delete(dir.resolve("enrollments.csv"));
      Path manifest = dir.resolve("manifest.csv");
      Files.writeString(
          manifest,
          Files.readString(manifest).replace("file.enrollments,bulk", "file.enrollments,absent"));
    }
    Path users = dir.resolve("users.csv");
    Files.writeString(users, edit.apply(Files.readString(users)));
    return dir;
  }

  @Test
  void aRejectedBulkRowOfAKnownPersonKeepsTheirPreviousRecordAndMemberships() throws IOException {
    MisSnapshot before = bulk11().snapshot();
    Path dir =
        bulkWithUsers(
            tmp.resolve("export"),
            false,
            u -> u.replace(",sch-1,student,amy.a,", ",sch-1,wizard,amy.a,"));
    ImportResult r = CsvImporter.builder().build().readDelta(dir, before);
    MisSnapshot s = r.snapshot();
    CsvProblem rejected = at(r, Kind.INVALID_VALUE, "users.csv", 2);
    assertTrue(rejected.isError());
    // the previous record is kept and reported, with everything hanging off it
    assertTrue(at(r, Kind.STATUS, "users.csv", 2).message().contains("previous record"));
    assertEquals(before.student("stu-1").orElseThrow(), s.student("stu-1").orElseThrow());
    assertEquals(
        before.membershipsOf(PersonRef.student("stu-1")),
        s.membershipsOf(PersonRef.student("stu-1")));
    assertEquals(3, s.membershipsOf(PersonRef.student("stu-1")).size());
    assertEquals(Relationship.PARENT, link(s, "par-1", "stu-1").relationship());
    assertEquals(Relationship.GUARDIAN, link(s, "par-2", "stu-1").relationship());
    assertTrue(s.deletedPeople().isEmpty());
    assertEquals(Completeness.PARTIAL, s.completeness(EntityType.STUDENT));
  }

  @Test
  void aRejectedBulkRowKeepsThePersonForTheBulkEnrollmentsToo() throws IOException {
    MisSnapshot before = bulk11().snapshot();
    Path dir =
        bulkWithUsers(
            tmp.resolve("export"), true, u -> u.replace("stu-1,,,true", "stu-1,archived,,true"));
    ImportResult r = CsvImporter.builder().build().readDelta(dir, before);
    MisSnapshot s = r.snapshot();
    assertTrue(at(r, Kind.STATUS, "users.csv", 2).isError());
    // the enrollments naming stu-1 still resolve: no "not in users.csv" errors
    assertEquals(3, s.membershipsOf(PersonRef.student("stu-1")).size());
    assertEquals(3, r.errorCount(), r.report()); // the status, and the fixture's two enrollments
    assertEquals(before.student("stu-1").orElseThrow(), s.student("stu-1").orElseThrow());
  }

  @Test
  void aContactRowBreakingAModelRuleMakesContactsPartialAndKeepsTheContact() throws IOException {
    MisSnapshot before = bulk11().snapshot();
    Path dir = bulkWithUsers(tmp.resolve("export"), false, u -> u.replace(",,Gail,Guard,", ",,,,"));
    ImportResult r = CsvImporter.builder().build().readDelta(dir, before);
    MisSnapshot s = r.snapshot();
    assertTrue(at(r, Kind.INVALID_VALUE, "users.csv", 9).isError());
    // a rejected contact row must not leave contacts COMPLETE (that would make par-2 a leaver)
    assertEquals(Completeness.PARTIAL, s.completeness(EntityType.CONTACT));
    assertEquals(before.contact("par-2").orElseThrow(), s.contact("par-2").orElseThrow());
    assertEquals(Relationship.GUARDIAN, link(s, "par-2", "stu-1").relationship());
  }

  @Test
  void aBulkUsersFileThatStopsPartWayKeepsTheUsersNotRead() throws IOException {
    MisSnapshot before = bulk11().snapshot();
    Path dir = bulkWithUsers(tmp.resolve("export"), false, u -> u);
    breakBefore(dir.resolve("users.csv"), "stu-3,");
    ImportResult r = CsvImporter.builder().build().readDelta(dir, before);
    MisSnapshot s = r.snapshot();
    assertFalse(of(r, Kind.MALFORMED_CSV).isEmpty(), r.report());
    assertEquals(Completeness.PARTIAL, s.completeness(EntityType.STUDENT));
    // nobody after the break looks gone: records, memberships and links are kept
    for (String id : List.of("stu-3", "tea-1", "aid-1", "par-1", "par-2")) {
      assertTrue(
          s.person(
                  before.people().stream()
                      .filter(p -> p.id().equals(id))
                      .findFirst()
                      .orElseThrow()
                      .ref())
              .isPresent(),
          id);
    }
    assertEquals(before.count(EntityType.MEMBERSHIP), s.count(EntityType.MEMBERSHIP));
    assertEquals(before.count(EntityType.GUARDIAN_LINK), s.count(EntityType.GUARDIAN_LINK));
    assertTrue(s.deletedPeople().isEmpty());
  }

  /**
   * Rewrites a file as UTF-16 with an unpaired surrogate at the start of the row beginning with
   * {@code rowStart}, after enough blank lines (skipped) that reading stops there, part-way.
   */
  static void breakBefore(Path file, String rowStart) throws IOException {
    String text = Files.readString(file);
    assertTrue(text.contains("\n" + rowStart), rowStart);
    text = text.replace("\n" + rowStart, "\n".repeat(200_000) + "\uD800" + rowStart);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    bytes.write(0xFF);
    bytes.write(0xFE);
    for (char c : text.toCharArray()) {
      bytes.write(c & 0xff);
      bytes.write(c >> 8);
    }
    Files.write(file, bytes.toByteArray());
  }

  @Test
  void aBulkClassesFileThatStopsPartWayKeepsTheClassesNotRead() throws IOException {
    MisSnapshot before = bulk11().snapshot();
    Path dir = bulkCopy();
    breakBefore(dir.resolve("classes.csv"), "cls-7a,");
    ImportResult r = CsvImporter.builder().build().readDelta(dir, before);
    MisSnapshot s = r.snapshot();
    assertFalse(of(r, Kind.MALFORMED_CSV).isEmpty(), r.report());
    assertEquals(Completeness.PARTIAL, s.completeness(EntityType.GROUP));
    assertEquals(before.group("cls-7a").orElseThrow(), s.group("cls-7a").orElseThrow());
    // its enrollments in the bulk enrollments file still resolve
    assertEquals(before.membersOf("cls-7a").size(), s.membersOf("cls-7a").size());
    assertEquals(before.count(EntityType.MEMBERSHIP), s.count(EntityType.MEMBERSHIP));
  }

  @Test
  void aRejectedBulkClassRowKeepsThePreviousClass() throws IOException {
    MisSnapshot before = bulk11().snapshot();
    Path dir = bulkCopy();
    Path classes = dir.resolve("classes.csv");
    Files.writeString(classes, Files.readString(classes).replace("cls-7a,,", "cls-7a,archived,"));
    ImportResult r = CsvImporter.builder().build().readDelta(dir, before);
    MisSnapshot s = r.snapshot();
    assertTrue(at(r, Kind.STATUS, "classes.csv", 4).isError());
    assertEquals(before.group("cls-7a").orElseThrow(), s.group("cls-7a").orElseThrow());
    assertEquals(before.membersOf("cls-7a").size(), s.membersOf("cls-7a").size());
  }

  @Test
  void aBulkEnrollmentsFileThatStopsPartWayKeepsTheMembershipsNotRead() throws IOException {
    MisSnapshot before = bulk11().snapshot();
    Path dir = bulkCopy();
    breakBefore(dir.resolve("enrollments.csv"), "e6,");
    ImportResult r = CsvImporter.builder().build().readDelta(dir, before);
    MisSnapshot s = r.snapshot();
    assertFalse(of(r, Kind.MALFORMED_CSV).isEmpty(), r.report());
    assertEquals(Completeness.PARTIAL, s.completeness(EntityType.MEMBERSHIP));
    assertEquals(before.count(EntityType.MEMBERSHIP), s.count(EntityType.MEMBERSHIP));
    assertEquals(
        before.membershipsOf(PersonRef.student("stu-3")),
        s.membershipsOf(PersonRef.student("stu-3")));
  }

  // ---------------------------------------------------------------- academic sessions

  @Test
  void classesTakeTheirEffectiveDatesFromTheirSessions() throws IOException {
    MisSnapshot s = bulk11().snapshot();
    // cls-7ma: t1 only
    assertEquals(
        LocalDate.of(2026, 9, 1), s.group("cls-7ma").orElseThrow().effectiveFrom().orElseThrow());
    assertEquals(
        LocalDate.of(2026, 12, 18), s.group("cls-7ma").orElseThrow().effectiveTo().orElseThrow());
    // cls-7en: t1 and the school year: the earliest start and the latest end
    assertEquals(
        LocalDate.of(2026, 9, 1), s.group("cls-7en").orElseThrow().effectiveFrom().orElseThrow());
    assertEquals(
        LocalDate.of(2027, 7, 31), s.group("cls-7en").orElseThrow().effectiveTo().orElseThrow());

    Path dir = bulkCopy();
    Path classes = dir.resolve("classes.csv");
    Files.writeString(
        classes,
        Files.readString(classes)
            .replace("sch-1,t1,,,\"1,2\"", "sch-1,\"t1,t9\",,,\"1,2\"")
            .replace("sch-1,y2026,,,", "sch-1,t9,,,"));
    ImportResult r = CsvImporter.builder().build().read(dir);
    CsvProblem unknown = at(r, Kind.UNKNOWN_REFERENCE, "classes.csv", 2);
    assertEquals("termSourcedIds", unknown.column());
    assertTrue(unknown.message().contains("'t9'"));
    assertFalse(unknown.isError());
    // an unknown session adds no dates; a class naming only unknown sessions has none
    assertEquals(
        LocalDate.of(2026, 12, 18),
        r.snapshot().group("cls-7ma").orElseThrow().effectiveTo().orElseThrow());
    assertTrue(r.snapshot().group("cls-7a").orElseThrow().effectiveFrom().isEmpty());
    assertEquals(Completeness.COMPLETE, r.snapshot().completeness(EntityType.GROUP));
  }

  @Test
  void aDeltaClassWhoseSessionsAreNotInTheExportKeepsItsDates() throws IOException {
    MisSnapshot before = bulk11().snapshot();
    Path dir = tmp.resolve("export");
    copy(fixture("1.1-delta"), dir);
    Files.writeString(
        dir.resolve("classes.csv"),
        Files.readString(dir.resolve("classes.csv"))
            + "cls-7ma,active,2026-11-20T10:00:00Z,7 Maths Set 1 (renamed),07,crs-ma,7MA1,"
            + "scheduled,,sch-1,t1,,,\n");
    MisSnapshot s = CsvImporter.builder().build().readDelta(dir, before).snapshot();
    assertEquals("7 Maths Set 1 (renamed)", s.group("cls-7ma").orElseThrow().name());
    assertTrue(before.group("cls-7ma").orElseThrow().effectiveTo().isPresent());
    assertEquals(
        before.group("cls-7ma").orElseThrow().effectiveTo(),
        s.group("cls-7ma").orElseThrow().effectiveTo());
  }

  @Test
  void aSessionEndingBeforeItStartsGivesNoDates() throws IOException {
    Path dir = bulkCopy();
    Path sessions = dir.resolve("academicSessions.csv");
    Files.writeString(
        sessions,
        Files.readString(sessions).replace("2026-09-01,2026-12-18", "2026-12-18,2026-09-01"));
    ImportResult r = CsvImporter.builder().build().read(dir);
    assertEquals("endDate", at(r, Kind.INVALID_VALUE, "academicSessions.csv", 3).column());
    assertEquals(2, r.errorCount(), r.report()); // the fixture's two enrollments, as before
    assertTrue(r.snapshot().group("cls-7ma").orElseThrow().effectiveFrom().isEmpty());
  }

  // ---------------------------------------------------------------- repeated ids in a delta

  @Test
  void aRepeatedIdInADeltaAppliesTheRowModifiedLast() throws IOException {
    MisSnapshot before = bulk11().snapshot();
    Path dir = tmp.resolve("export");
    copy(fixture("1.1-delta"), dir);
    Path users = dir.resolve("users.csv");
    // stu-3: the later line is older, so the earlier line wins
    Files.writeString(
        users,
        Files.readString(users)
            + "stu-3,active,2026-11-20T09:00:00Z,true,sch-1,student,cat.c,,Cathy,Cole,,ADM003,,,,,07,\n"
            // stu-5: two rows with the same time: the later row wins
            + "stu-5,active,2026-11-20T10:00:00Z,true,sch-1,student,dan.d,,Daniel,Dale,,ADM005,,,,,07,\n");
    Path enrollments = dir.resolve("enrollments.csv");
    // e22: deleted at noon, then listed as active at 10:00: the deletion wins
    Files.writeString(
        enrollments,
        Files.readString(enrollments)
            .replace(
                "e22,active,2026-11-20T10:00:00Z",
                "e22,tobedeleted,2026-11-20T12:00:00Z,cls-7ma,sch-1,stu-5,student,false,,\n"
                    + "e22,active,2026-11-20T10:00:00Z"));
    ImportResult r = CsvImporter.builder().build().readDelta(dir, before);
    MisSnapshot s = r.snapshot();
    assertEquals("Catherine", s.student("stu-3").orElseThrow().forename());
    CsvProblem older = at(r, Kind.DUPLICATE_ID, "users.csv", 7);
    assertFalse(older.isError());
    assertTrue(
        older.message().contains("'stu-3'") && older.message().contains("line 3"), older::toString);
    assertEquals("Daniel", s.student("stu-5").orElseThrow().forename());
    assertTrue(at(r, Kind.DUPLICATE_ID, "users.csv", 5).message().contains("line 8"));
    assertTrue(
        s.membershipsOf(PersonRef.student("stu-5")).stream()
            .noneMatch(m -> m.groupId().equals("cls-7ma")));
    assertTrue(at(r, Kind.DUPLICATE_ID, "enrollments.csv", 6).message().contains("line 5"));
    assertEquals(1, r.errorCount(), r.report()); // the fixture's archived row only
  }

  @Test
  void aRepeatedIdInABulkFileIsStillAnError() throws IOException {
    Path dir = bulkCopy();
    Path users = dir.resolve("users.csv");
    Files.writeString(
        users,
        Files.readString(users)
            + "stu-1,,2027-01-01T00:00:00Z,true,sch-1,student,amy.a,,Amelia,Adams,,,,,,,07,\n");
    ImportResult r = CsvImporter.builder().build().read(dir);
    assertTrue(at(r, Kind.DUPLICATE_ID, "users.csv", 10).isError());
    assertEquals("Amy", r.snapshot().student("stu-1").orElseThrow().forename());
  }

  static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }
}
