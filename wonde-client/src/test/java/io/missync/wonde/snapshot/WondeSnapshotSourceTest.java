package io.missync.wonde.snapshot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.GroupKind;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.Membership;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.spi.SnapshotUnavailableException;
import io.missync.wonde.RetryPolicy;
import io.missync.wonde.TokenProvider;
import io.missync.wonde.WondeClient;
import io.missync.wonde.WondeServerErrorException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WondeSnapshotSourceTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String TOKEN = "snapshot-test-token-SECRET";
  private static final String SCHOOL = "A1930499544";
  private static final String P = "/v1.0/schools/" + SCHOOL;
  private static final Instant T0 = Instant.parse("2026-11-20T06:00:00Z");
  private static final Instant T1 = Instant.parse("2026-11-21T06:00:00Z");

  private static String date(String d) {
    return "{\"date\":\"" + d + ".000000\",\"timezone_type\":3,\"timezone\":\"UTC\"}";
  }

  private static final String S1 =
      "{\"id\":\"S1\",\"mis_id\":\"9919\",\"upi\":\"u1\",\"forename\":\"Ruth\",\"surname\":\"Bennett\","
          + "\"legal_forename\":\"Ruth\",\"legal_surname\":\"Bennett\",\"gender\":\"FEMALE\","
          + "\"date_of_birth\":"
          + date("2012-09-29 00:00:00")
          + ",\"education_details\":{\"data\":{\"upn\":\"A123456789012\",\"current_nc_year\":\"7\","
          + "\"admission_date\":\"2023-09-04\",\"leaving_date\":null}},"
          + "\"year\":{\"data\":{\"id\":\"G7\",\"name\":\"Year 7\",\"code\":\"7\",\"type\":\"YEAR\"}},"
          + "\"contact_details\":{\"data\":{\"emails\":{\"primary\":\"ruth@pupils.example\"}}},"
          + "\"contacts\":{\"data\":["
          + "{\"id\":\"C1\",\"forename\":\"Jane\",\"surname\":\"Bennett\",\"relationship\":{\"relationship\":\"Mother\","
          + "\"parental_responsibility\":true,\"priority\":1,\"lives_with_pupil\":true}},"
          + "{\"id\":\"C2\",\"forename\":\"John\",\"surname\":\"Bennett\",\"relationship\":\"Father\"}]}}";
  private static final String S2 =
      "{\"id\":\"S2\",\"forename\":\"Amir\",\"surname\":\"Khan\",\"date_of_birth\":\"2012-02-11\","
          + "\"education_details\":{\"data\":{\"upn\":\"B123456789012\",\"current_nc_year\":7}},"
          + "\"year\":{\"data\":null},"
          + "\"contacts\":{\"data\":[{\"id\":\"C1\",\"relationship\":{\"relationship\":\"Aunt\",\"priority\":0}}]}}";
  private static final String S3 =
      "{\"id\":\"S3\",\"forename\":\"Olivia\",\"surname\":\"Smith\","
          + "\"education_details\":{\"data\":{\"upn\":\"not-a-upn\",\"admission_date\":\"2024-09-01\","
          + "\"leaving_date\":\"2024-07-20\"}},\"contacts\":{\"data\":[]}}";
  private static final String E1 =
      "{\"id\":\"E1\",\"title\":\"Mr\",\"forename\":\"Sam\",\"surname\":\"Jones\","
          + "\"employment_details\":{\"data\":{\"current\":true,\"teaching_staff\":true,\"role_text\":\"Teacher\","
          + "\"employment_start_date\":"
          + date("2015-09-01 00:00:00")
          + "}},"
          + "\"contact_details\":{\"data\":{\"emails\":{\"email\":\"s.jones@school.example\"}}},"
          + "\"classes\":{\"data\":[{\"id\":\"K2\",\"meta\":{\"is_main_teacher\":true,"
          + "\"is_class_teacher\":true,\"role\":\"Main Class Teacher\"}}]}}";
  private static final String K2 =
      "{\"id\":\"K2\",\"name\":\"7x/Ch1\",\"subject\":\"SC\","
          + "\"students\":{\"data\":[{\"id\":\"S2\"}]},"
          + "\"employees\":{\"data\":[{\"id\":\"E1\"},{\"id\":\"E2\"}]}}";
  private static final String E2 =
      "{\"id\":\"E2\",\"forename\":\"Priya\",\"surname\":\"Patel\","
          + "\"employment_details\":{\"data\":{\"current\":true,\"teaching_staff\":false}}}";
  private static final String C1 =
      "{\"id\":\"C1\",\"title\":\"Mrs\",\"forename\":\"Jane\",\"surname\":\"Bennett\","
          + "\"contact_details\":{\"data\":{\"phones\":{\"primary\":\"07700 900123\"},"
          + "\"emails\":{\"email\":\"jane@example.com\"}}}}";
  private static final String C2 = "{\"id\":\"C2\",\"forename\":\"John\",\"surname\":\"Bennett\"}";
  private static final String G7 =
      "{\"id\":\"G7\",\"name\":\"Year 7\",\"code\":\"7\",\"type\":\"YEAR\","
          + "\"students\":{\"data\":[{\"id\":\"S1\"},{\"id\":\"S2\"}]},\"employees\":{\"data\":[]}}";
  private static final String GR =
      "{\"id\":\"GR\",\"name\":\"7A\",\"type\":\"REGISTRATION\","
          + "\"students\":{\"data\":[{\"id\":\"S1\"},{\"id\":\"S2\"},{\"id\":\"S3\"}]},"
          + "\"employees\":{\"data\":[{\"id\":\"E2\"}]}}";
  private static final String K1 =
      "{\"id\":\"K1\",\"name\":\"7x/Bi1\",\"subject\":{\"data\":{\"id\":\"SB\",\"name\":\"Biology\"}},"
          + "\"students\":{\"data\":[{\"id\":\"S1\"},{\"id\":\"S3\"}]},"
          + "\"employees\":{\"data\":[{\"id\":\"E1\",\"meta\":{\"is_main_teacher\":true}},"
          + "{\"id\":\"E2\",\"meta\":{\"is_main_teacher\":false}}]}}";

  private String base() {
    return "http://localhost:" + wm.getPort();
  }

  private static String list(String... items) {
    return "{\"data\":["
        + String.join(",", items)
        + "],\"meta\":{\"pagination\":{\"next\":null,\"more\":false,\"per_page\":2}}}";
  }

  private String paged(String resource, int page, boolean more, String... items) {
    String next =
        more
            ? "\"" + base() + P + "/" + resource + "?per_page=2&page=" + (page + 1) + "\""
            : "null";
    return "{\"data\":["
        + String.join(",", items)
        + "],\"meta\":{\"pagination\":{\"next\":"
        + next
        + ",\"more\":"
        + more
        + ",\"per_page\":2,\"current_page\":"
        + page
        + "}}}";
  }

  private static MappingBuilder full(String resource) {
    return get(urlPathEqualTo(P + "/" + resource)).withQueryParam("updated_after", absent());
  }

  private static String counts(int students, int employees, int contacts, int groups, int classes) {
    return "{\"data\":{\"students\":{\"data\":{\"count\":"
        + students
        + "}},\"employees\":{\"data\":{\"count\":"
        + employees
        + "}},\"contacts\":{\"data\":{\"count\":"
        + contacts
        + "}},\"groups\":{\"data\":{\"count\":"
        + groups
        + "}},\"classes\":{\"data\":{\"count\":"
        + classes
        + "}}}}";
  }

  @BeforeEach
  void stubSchool() {
    wm.stubFor(
        get(urlPathEqualTo(P))
            .willReturn(okJson("{\"data\":{\"id\":\"" + SCHOOL + "\",\"mis\":\"SIMS\"}}")));
    wm.stubFor(get(urlPathEqualTo(P + "/counts")).willReturn(okJson(counts(3, 2, 2, 2, 1))));
    wm.stubFor(
        full("students")
            .withQueryParam("page", absent())
            .willReturn(okJson(paged("students", 1, true, S1, S2))));
    wm.stubFor(
        full("students")
            .withQueryParam("page", equalTo("2"))
            .willReturn(okJson(paged("students", 2, false, S3))));
    wm.stubFor(full("employees").willReturn(okJson(list(E1, E2))));
    wm.stubFor(full("contacts").willReturn(okJson(list(C1, C2))));
    wm.stubFor(full("groups").willReturn(okJson(list(G7, GR))));
    wm.stubFor(full("classes").willReturn(okJson(list(K1))));
    wm.stubFor(
        get(urlPathEqualTo(P + "/students-leaver")).atPriority(5).willReturn(okJson(list())));
  }

  private WondeClient client() {
    return WondeClient.builder()
        .tokens(TokenProvider.multiSchool(TOKEN))
        .baseUri(URI.create(base()))
        .regionLookup(false)
        .retryPolicy(RetryPolicy.none())
        .build();
  }

  private WondeSnapshotSource source(Instant now) {
    return WondeSnapshotSource.builder(client(), SCHOOL)
        .clock(Clock.fixed(now, ZoneOffset.UTC))
        .perPage(2)
        .build();
  }

  @Test
  void fullFetchBuildsACompleteSnapshot() {
    WondeFetch fetch = source(T0).fetchFullWithReport();
    MisSnapshot s = fetch.snapshot();
    assertEquals(T0, s.source().capturedAt());
    assertEquals(Optional.of("SIMS"), s.source().mis());
    assertEquals("wonde", s.source().sourceKind());
    for (EntityType t : EntityType.values()) {
      assertEquals(Completeness.COMPLETE, s.completeness(t), t.toString());
    }
    assertEquals(3, s.count(EntityType.STUDENT));
    assertEquals(2, s.count(EntityType.STAFF));
    assertEquals(2, s.count(EntityType.CONTACT));
    assertEquals(3, s.count(EntityType.GROUP));
    assertEquals(OptionalLong.of(3), s.sourceCount(EntityType.STUDENT));
    assertEquals(OptionalLong.of(3), s.sourceCount(EntityType.GROUP));

    io.missync.core.model.Student ruth = s.student("S1").orElseThrow();
    assertEquals(Optional.of("A123456789012"), ruth.upn());
    assertEquals(Optional.of("7"), ruth.yearGroup());
    assertEquals(Optional.of(LocalDate.of(2012, 9, 29)), ruth.dateOfBirth());
    assertEquals(Optional.of("ruth@pupils.example"), ruth.email());
    assertEquals(Optional.of("7"), s.student("S2").orElseThrow().yearGroup());

    // S3: malformed UPN dropped, leaving date kept (admission date dropped), still present
    io.missync.core.model.Student olivia = s.student("S3").orElseThrow();
    assertEquals(Optional.empty(), olivia.upn());
    assertEquals(Optional.of(LocalDate.of(2024, 7, 20)), olivia.leavingDate());
    assertTrue(
        fetch.issues().stream().anyMatch(i -> i.recordId().equals("S3") && i.field().equals("upn")),
        fetch.issues().toString());
    assertFalse(fetch.issues().toString().contains("not-a-upn"), "issues never carry values");

    io.missync.core.model.StaffMember sam = s.staffMember("E1").orElseThrow();
    assertTrue(sam.teaching());
    assertEquals(Optional.of("Teacher"), sam.jobTitle());
    assertEquals(Optional.of("s.jones@school.example"), sam.email());
    assertEquals(Optional.of("07700 900123"), s.contact("C1").orElseThrow().phone());

    assertEquals(GroupKind.YEAR, s.group("G7").orElseThrow().kind());
    assertEquals(GroupKind.REGISTRATION, s.group("GR").orElseThrow().kind());
    assertEquals(GroupKind.CLASS, s.group("K1").orElseThrow().kind());
    assertEquals(Optional.of("Biology"), s.group("K1").orElseThrow().subject());
    List<Membership> k1 = s.membersOf("K1");
    assertTrue(
        k1.contains(Membership.of("K1", PersonRef.staff("E1"), MembershipRole.MAIN_TEACHER)));
    assertTrue(k1.contains(Membership.of("K1", PersonRef.staff("E2"), MembershipRole.TEACHER)));
    assertTrue(k1.contains(Membership.of("K1", PersonRef.student("S3"), MembershipRole.MEMBER)));
    assertEquals(4, s.membersOf("GR").size());

    List<GuardianLink> ruthsGuardians = s.guardiansOf("S1");
    assertEquals(2, ruthsGuardians.size());
    GuardianLink mother =
        ruthsGuardians.stream().filter(l -> l.contactId().equals("C1")).findFirst().orElseThrow();
    assertEquals(Relationship.MOTHER, mother.relationship());
    assertTrue(mother.parentalResponsibility());
    assertEquals(OptionalInt.of(1), mother.priority());
    assertEquals(Optional.of(true), mother.livesWithPupil());
    GuardianLink aunt = s.guardiansOf("S2").get(0);
    assertEquals("Aunt", aunt.relationship().value());
    assertEquals(OptionalInt.empty(), aunt.priority(), "priority 0 dropped");
    assertEquals(2, s.linksOfContact("C1").size());
    assertTrue(s.problems().isEmpty(), s.problems().toString());

    // entity types were fetched with their includes
    wm.verify(
        getRequestedFor(urlPathEqualTo(P + "/students"))
            .withQueryParam("include", equalTo("education_details,year,contact_details,contacts")));
    wm.verify(
        getRequestedFor(urlPathEqualTo(P + "/classes"))
            .withQueryParam("include", equalTo("subject,students,employees")));
  }

  @Test
  void aRecordRepeatedAcrossPagesIsKeptOnceAndReported() {
    wm.stubFor(
        full("students")
            .withQueryParam("page", equalTo("2"))
            .willReturn(okJson(paged("students", 2, false, S2, S3))));
    WondeFetch fetch = source(T0).fetchFullWithReport();
    assertEquals(3, fetch.snapshot().count(EntityType.STUDENT));
    assertEquals(Completeness.COMPLETE, fetch.snapshot().completeness(EntityType.STUDENT));
    assertTrue(
        fetch.issues().stream()
            .anyMatch(i -> i.recordId().equals("S2") && i.problem().contains("repeated")));
  }

  @Test
  void aShiftedPageThatLosesARecordIsCaughtByTheCount() {
    // page 2 came back empty (records moved between pages): 2 read, Wonde counts 3
    wm.stubFor(
        full("students")
            .withQueryParam("page", equalTo("2"))
            .willReturn(okJson(paged("students", 2, false))));
    MisSnapshot s = source(T0).fetchFull();
    assertEquals(Completeness.PARTIAL, s.completeness(EntityType.STUDENT));
  }

  @Test
  void mainTeacherComesFromTheEmployeeSidePivotThenThePreviousSnapshot() {
    wm.stubFor(full("classes").willReturn(okJson(list(K1, K2))));
    wm.stubFor(get(urlPathEqualTo(P + "/counts")).willReturn(okJson(counts(3, 2, 2, 2, 2))));
    MisSnapshot previous = source(T0).fetchFull();
    assertTrue(
        previous
            .membersOf("K2")
            .contains(Membership.of("K2", PersonRef.staff("E1"), MembershipRole.MAIN_TEACHER)),
        previous.membersOf("K2").toString());
    assertTrue(
        previous
            .membersOf("K2")
            .contains(Membership.of("K2", PersonRef.staff("E2"), MembershipRole.TEACHER)));
    wm.verify(
        getRequestedFor(urlPathEqualTo(P + "/employees"))
            .withQueryParam("include", equalTo("employment_details,contact_details,classes")));

    // K2 changes (a student joins); E1 did not change, so its pivot is not re-read
    for (String r : List.of("students", "employees", "contacts", "groups", "deletions")) {
      stubDelta(r, list());
    }
    stubDelta("classes", list(K2.replace("{\"id\":\"S2\"}", "{\"id\":\"S2\"},{\"id\":\"S1\"}")));
    MisSnapshot next = source(T1).fetchIncremental(previous);
    assertTrue(
        next.membersOf("K2")
            .contains(Membership.of("K2", PersonRef.staff("E1"), MembershipRole.MAIN_TEACHER)),
        "role carried over from the previous snapshot");
    assertTrue(
        next.membersOf("K2")
            .contains(Membership.of("K2", PersonRef.student("S1"), MembershipRole.MEMBER)));
  }

  @Test
  void mappingConventions() {
    String leaver =
        "{\"id\":\"E9\",\"forename\":\"Old\",\"surname\":\"Timer\","
            + "\"employment_details\":{\"data\":{\"current\":false}}}";
    wm.stubFor(full("employees").willReturn(okJson(list(E1, E2, leaver))));
    String club =
        "{\"id\":\"GC\",\"name\":\"Chess club\",\"type\":\"MISC\","
            + "\"students\":{\"data\":[{\"id\":\"S1\"}]},\"employees\":{\"data\":[{\"id\":\"E1\"}]}}";
    wm.stubFor(full("groups").willReturn(okJson(list(G7, GR, club))));
    wm.stubFor(get(urlPathEqualTo(P + "/counts")).willReturn(okJson(counts(3, 2, 2, 3, 1))));
    WondeFetch fetch = source(T0).fetchFullWithReport();
    MisSnapshot s = fetch.snapshot();
    // preferred names are kept only where they differ from the legal ones
    assertEquals(Optional.empty(), s.student("S1").orElseThrow().preferredForename());
    assertEquals(Optional.of("Amir"), s.student("S2").orElseThrow().preferredForename());
    // a member of staff Wonde marks not current is a leaver: left out, type still complete
    assertEquals(Optional.empty(), s.staffMember("E9"));
    assertEquals(Completeness.COMPLETE, s.completeness(EntityType.STAFF));
    assertTrue(fetch.issues().stream().anyMatch(i -> i.recordId().equals("E9")));
    // staff tutor year, form and house groups; elsewhere they are members
    assertTrue(
        s.membersOf("GR")
            .contains(Membership.of("GR", PersonRef.staff("E2"), MembershipRole.TEACHER)));
    assertTrue(
        s.membersOf("GC")
            .contains(Membership.of("GC", PersonRef.staff("E1"), MembershipRole.MEMBER)));
    assertEquals(Optional.of("MISC"), s.group("GC").orElseThrow().sourceType());
    assertEquals(GroupKind.OTHER, s.group("GC").orElseThrow().kind());
  }

  @Test
  void countShortfallMarksTheTypePartial() {
    wm.stubFor(get(urlPathEqualTo(P + "/counts")).willReturn(okJson(counts(5, 2, 2, 2, 1))));
    WondeFetch fetch = source(T0).fetchFullWithReport();
    assertEquals(Completeness.PARTIAL, fetch.snapshot().completeness(EntityType.STUDENT));
    assertEquals(
        Completeness.PARTIAL,
        fetch.snapshot().completeness(EntityType.GUARDIAN_LINK),
        "links of unread students are missing too");
    assertEquals(Completeness.COMPLETE, fetch.snapshot().completeness(EntityType.STAFF));
    assertEquals(OptionalLong.of(5), fetch.snapshot().sourceCount(EntityType.STUDENT));
    assertTrue(
        fetch.issues().stream()
            .anyMatch(i -> i.entityType() == EntityType.STUDENT && i.field().equals("count")));
  }

  @Test
  void anEmptySchoolIsReportedAndMissingCountsAreFlagged() {
    wm.stubFor(full("students").atPriority(1).willReturn(okJson(list())));
    wm.stubFor(
        get(urlPathEqualTo(P + "/counts"))
            .willReturn(okJson("{\"data\":{\"employees\":{\"data\":{\"count\":2}}}}")));
    WondeFetch fetch = source(T0).fetchFullWithReport();
    assertEquals(0, fetch.snapshot().count(EntityType.STUDENT));
    assertTrue(
        fetch.issues().stream()
            .anyMatch(
                i -> i.entityType() == EntityType.STUDENT && i.problem().equals("no records read")),
        fetch.issues().toString());
    assertTrue(
        fetch.issues().stream()
            .anyMatch(
                i -> i.entityType() == EntityType.STUDENT && i.problem().contains("no count")));
    assertEquals(OptionalLong.empty(), fetch.snapshot().sourceCount(EntityType.STUDENT));
    assertEquals(OptionalLong.of(2), fetch.snapshot().sourceCount(EntityType.STAFF));
  }

  @Test
  void aFailedPageFailsTheWholeFetch() {
    wm.stubFor(
        full("students")
            .withQueryParam("page", equalTo("2"))
            .willReturn(aResponse().withStatus(502)));
    SnapshotUnavailableException e =
        assertThrows(SnapshotUnavailableException.class, () -> source(T0).fetchFull());
    assertInstanceOf(WondeServerErrorException.class, e.getCause());
    assertFalse(e.getMessage().contains(TOKEN));
  }

  @Test
  void anIdWithControlCharactersIsLeftOutNotThrown() {
    wm.stubFor(
        full("groups")
            .willReturn(okJson(list(G7.replace("{\"id\":\"S2\"}", "{\"id\":\"S\\u0007\"}"), GR))));
    WondeFetch fetch = source(T0).fetchFullWithReport();
    assertEquals(Completeness.PARTIAL, fetch.snapshot().completeness(EntityType.MEMBERSHIP));
    assertEquals(1, fetch.snapshot().membersOf("G7").size());
  }

  @Test
  void aFailedCountsCallFailsTheWholeFetch() {
    wm.stubFor(get(urlPathEqualTo(P + "/counts")).willReturn(aResponse().withStatus(403)));
    assertThrows(SnapshotUnavailableException.class, () -> source(T0).fetchFull());
  }

  @Test
  void aRecordThatCannotBeBuiltMakesItsTypePartial() {
    wm.stubFor(
        full("employees").willReturn(okJson(list(E1, E2, "{\"id\":\"E3\",\"title\":\"Dr\"}"))));
    WondeFetch fetch = source(T0).fetchFullWithReport();
    assertEquals(Completeness.PARTIAL, fetch.snapshot().completeness(EntityType.STAFF));
    assertEquals(2, fetch.snapshot().count(EntityType.STAFF));
    assertTrue(fetch.issues().stream().anyMatch(i -> i.recordId().equals("E3")));
  }

  @Test
  void missingMembershipIncludesMakeMembershipsPartial() {
    wm.stubFor(
        full("groups")
            .willReturn(okJson(list("{\"id\":\"G7\",\"name\":\"Year 7\",\"type\":\"YEAR\"}", GR))));
    MisSnapshot s = source(T0).fetchFull();
    assertEquals(Completeness.PARTIAL, s.completeness(EntityType.MEMBERSHIP));
    assertEquals(Completeness.COMPLETE, s.completeness(EntityType.GROUP));
  }

  @Test
  void typesNotReadAreAbsent() {
    MisSnapshot s =
        WondeSnapshotSource.builder(client(), SCHOOL)
            .contacts(false)
            .staff(false)
            .build()
            .fetchFull();
    assertEquals(Completeness.ABSENT, s.completeness(EntityType.CONTACT));
    assertEquals(Completeness.ABSENT, s.completeness(EntityType.GUARDIAN_LINK));
    assertEquals(Completeness.ABSENT, s.completeness(EntityType.STAFF));
    assertEquals(Completeness.COMPLETE, s.completeness(EntityType.STUDENT));
    assertEquals(0, wm.findAll(getRequestedFor(urlPathEqualTo(P + "/contacts"))).size());
  }

  private void stubDelta(String resource, String body) {
    wm.stubFor(
        get(urlPathEqualTo(P + "/" + resource))
            .withQueryParam("updated_after", matching(".+"))
            .atPriority(1)
            .willReturn(okJson(body)));
  }

  @Test
  void incrementalAppliesChangesAndDeletions() {
    MisSnapshot previous = source(T0).fetchFull();
    String s2Renamed = S2.replace("\"surname\":\"Khan\"", "\"surname\":\"Khan-Ali\"");
    stubDelta("students", list(s2Renamed));
    stubDelta("employees", list());
    stubDelta("contacts", list());
    stubDelta("groups", list());
    stubDelta("classes", list(K1.replace("{\"id\":\"S1\"},{\"id\":\"S3\"}", "{\"id\":\"S3\"}")));
    stubDelta(
        "deletions",
        list(
            "{\"type\":\"student\",\"id\":\"S1\",\"deleted_at\":"
                + date("2026-11-20 09:00:00")
                + ",\"restored_at\":null}",
            "{\"type\":\"contact\",\"id\":\"C2\",\"deleted_at\":"
                + date("2026-11-20 10:00:00")
                + ",\"restored_at\":"
                + date("2026-11-20 11:00:00")
                + "}",
            "{\"type\":\"group\",\"id\":\"G7\",\"deleted_at\":"
                + date("2026-11-20 12:00:00")
                + ",\"restored_at\":null}",
            "{\"type\":\"lesson\",\"id\":\"L1\",\"deleted_at\":"
                + date("2026-11-20 12:00:00")
                + "}"));
    wm.stubFor(
        get(urlPathEqualTo(P + "/contacts/C2"))
            .willReturn(okJson("{\"data\":" + C2.replace("John", "Johnny") + "}")));
    wm.stubFor(get(urlPathEqualTo(P + "/counts")).willReturn(okJson(counts(2, 2, 2, 1, 1))));

    WondeFetch fetch = source(T1).fetchIncrementalWithReport(previous);
    MisSnapshot s = fetch.snapshot();
    assertEquals(T1, s.source().capturedAt());
    assertEquals(Optional.empty(), s.student("S1"), "deleted student removed");
    assertTrue(s.membershipsOf(PersonRef.student("S1")).isEmpty());
    assertTrue(s.guardiansOf("S1").isEmpty());
    assertEquals(1, s.linksOfContact("C1").size(), "C1 still linked to S2");
    assertEquals("Khan-Ali", s.student("S2").orElseThrow().surname());
    assertEquals("Johnny", s.contact("C2").orElseThrow().forename(), "restored contact re-read");
    assertEquals(Optional.empty(), s.group("G7"), "deleted group removed");
    assertTrue(s.membersOf("G7").isEmpty());
    assertFalse(
        s.membersOf("K1")
            .contains(Membership.of("K1", PersonRef.student("S1"), MembershipRole.MEMBER)));
    assertEquals(3, s.membersOf("K1").size(), s.membersOf("K1").toString());
    assertTrue(s.problems().isEmpty(), s.problems().toString());
    assertEquals(Completeness.COMPLETE, s.completeness(EntityType.STUDENT));
    assertEquals(Completeness.COMPLETE, s.completeness(EntityType.GROUP));
    assertEquals(OptionalLong.of(2), s.sourceCount(EntityType.STUDENT));

    // updated_after = previous capture minus the 10-minute overlap, UTC
    wm.verify(
        getRequestedFor(urlPathEqualTo(P + "/deletions"))
            .withQueryParam("updated_after", equalTo("2026-11-20 05:50:00")));
    wm.verify(
        getRequestedFor(urlPathEqualTo(P + "/students"))
            .withQueryParam("updated_after", equalTo("2026-11-20 05:50:00")));
    assertTrue(fetch.issues().stream().anyMatch(i -> i.recordId().equals("L1")));
  }

  @Test
  void incrementalRemovesNewLeaversButKeepsRejoiners() {
    MisSnapshot previous = source(T0).fetchFull();
    stubDelta("students", list(S2));
    for (String r : List.of("employees", "contacts", "groups", "classes", "deletions")) {
      stubDelta(r, list());
    }
    stubDelta("students-leaver", list("{\"id\":\"S3\"}", "{\"id\":\"S2\"}"));
    MisSnapshot s = source(T1).fetchIncremental(previous);
    assertEquals(Optional.empty(), s.student("S3"), "leaver removed");
    assertTrue(s.membershipsOf(PersonRef.student("S3")).isEmpty());
    assertTrue(s.student("S2").isPresent(), "S2 is in the current list: a re-joiner stays");
    assertTrue(s.student("S1").isPresent());
    wm.verify(
        getRequestedFor(urlPathEqualTo(P + "/students-leaver"))
            .withQueryParam("updated_after", equalTo("2026-11-20 05:50:00")));
  }

  @Test
  void restoredRecordsKeepTheirMembershipsAndGoneOnesAreRemoved() {
    MisSnapshot previous = source(T0).fetchFull();
    for (String r : List.of("students", "employees", "contacts", "groups", "classes")) {
      stubDelta(r, list());
    }
    String restored = ",\"restored_at\":" + date("2026-11-20 11:00:00") + "}";
    stubDelta(
        "deletions",
        list(
            "{\"type\":\"student\",\"id\":\"S1\",\"deleted_at\":"
                + date("2026-11-20 10:00:00")
                + restored,
            "{\"type\":\"employee\",\"id\":\"E2\",\"deleted_at\":"
                + date("2026-11-20 10:00:00")
                + restored));
    wm.stubFor(get(urlPathEqualTo(P + "/students/S1")).willReturn(okJson("{\"data\":" + S1 + "}")));
    wm.stubFor(get(urlPathEqualTo(P + "/employees/E2")).willReturn(aResponse().withStatus(404)));
    MisSnapshot s = source(T1).fetchIncremental(previous);
    assertTrue(s.student("S1").isPresent());
    assertEquals(
        previous.membershipsOf(PersonRef.student("S1")),
        s.membershipsOf(PersonRef.student("S1")),
        "a restored student keeps its memberships");
    assertEquals(2, s.guardiansOf("S1").size());
    assertEquals(Optional.empty(), s.staffMember("E2"), "restored but gone again (404): removed");
    assertTrue(s.membershipsOf(PersonRef.staff("E2")).isEmpty());
    wm.verify(
        getRequestedFor(urlPathEqualTo(P + "/students/S1"))
            .withQueryParam("include", equalTo("education_details,year,contact_details,contacts")));
  }

  @Test
  void incrementalFailureFailsWithoutASnapshot() {
    MisSnapshot previous = source(T0).fetchFull();
    stubDelta("students", list());
    stubDelta("employees", list());
    stubDelta("contacts", list());
    stubDelta("groups", list());
    stubDelta("classes", list());
    stubDelta("students-leaver", list());
    wm.stubFor(
        get(urlPathEqualTo(P + "/deletions"))
            .atPriority(1)
            .willReturn(aResponse().withStatus(500)));
    assertThrows(SnapshotUnavailableException.class, () -> source(T1).fetchIncremental(previous));
  }

  @Test
  void incrementalKeepsPartialFromPrevious() {
    wm.stubFor(get(urlPathEqualTo(P + "/counts")).willReturn(okJson(counts(5, 2, 2, 2, 1))));
    MisSnapshot previous = source(T0).fetchFull();
    assertEquals(Completeness.PARTIAL, previous.completeness(EntityType.STUDENT));
    wm.stubFor(get(urlPathEqualTo(P + "/counts")).willReturn(okJson(counts(3, 2, 2, 2, 1))));
    for (String r :
        List.of("students", "employees", "contacts", "groups", "classes", "deletions")) {
      stubDelta(r, list());
    }
    MisSnapshot next = source(T1).fetchIncremental(previous);
    assertEquals(Completeness.PARTIAL, next.completeness(EntityType.STUDENT));
    assertEquals(
        previous.students().stream().map(x -> x.id()).collect(Collectors.toSet()),
        next.students().stream().map(x -> x.id()).collect(Collectors.toSet()));
  }

  @Test
  void incrementalRefusesAnotherSchoolsSnapshot() {
    MisSnapshot previous = source(T0).fetchFull();
    WondeSnapshotSource other = WondeSnapshotSource.builder(client(), "B889709018").build();
    assertThrows(SnapshotUnavailableException.class, () -> other.fetchIncremental(previous));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            WondeSnapshotSource.builder(client(), SCHOOL)
                .incrementalOverlap(Duration.ofSeconds(-1)));
  }
}
