package io.missync.wonde.snapshot;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.MisSnapshot;
import io.missync.wonde.RetryPolicy;
import io.missync.wonde.TokenProvider;
import io.missync.wonde.WondeClient;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12 item 9 (and the Wonde side of item 1): what real Wonde sends. Classes carry no {@code
 * year_group}; relationships carry {@code court_order} and other flags; a member of staff who is
 * also a parent has an employee and a contact record sharing a UPI; a full fetch reads {@code
 * /schools/{id}} once, even when it looked up the school's region from it.
 */
class WondeRealShapesTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String SCHOOL = "A1930499544";
  private static final String P = "/v1.0/schools/" + SCHOOL;

  private static final String S1 =
      "{\"id\":\"S1\",\"forename\":\"Ruth\",\"surname\":\"Bennett\","
          + "\"education_details\":{\"data\":{\"current_nc_year\":\"7\"}},"
          + "\"contacts\":{\"data\":[{\"id\":\"C1\",\"relationship\":{\"relationship\":\"Father\","
          + "\"parental_responsibility\":false,\"priority\":2,\"court_order\":true,"
          + "\"email_bills\":false,\"copy_bills\":false,\"correspondence\":false,"
          + "\"pupil_report\":false,\"bill_payer\":false}},"
          + "{\"id\":\"C9\",\"relationship\":{\"relationship\":\"Mother\",\"priority\":1,"
          + "\"parental_responsibility\":true,\"court_order\":false,\"pupil_report\":true}}]}}";
  private static final String S2 =
      "{\"id\":\"S2\",\"forename\":\"Amir\",\"surname\":\"Khan\","
          + "\"education_details\":{\"data\":{\"current_nc_year\":\"7\"}},\"contacts\":{\"data\":[]}}";
  private static final String S3 =
      "{\"id\":\"S3\",\"forename\":\"Olivia\",\"surname\":\"Smith\","
          + "\"education_details\":{\"data\":{\"current_nc_year\":\"8\"}},\"contacts\":{\"data\":[]}}";
  // a teacher who is also Ruth's mother: same upi on both records, different ids
  private static final String E1 =
      "{\"id\":\"E1\",\"upi\":\"upi-jane\",\"forename\":\"Jane\",\"surname\":\"Bennett\","
          + "\"employment_details\":{\"data\":{\"current\":true,\"teaching_staff\":true}}}";
  private static final String C9 =
      "{\"id\":\"C9\",\"upi\":\"upi-jane\",\"forename\":\"Jane\",\"surname\":\"Bennett\"}";
  private static final String C1 =
      "{\"id\":\"C1\",\"upi\":\"upi-john\",\"forename\":\"John\",\"surname\":\"Bennett\"}";
  // real class objects: no year_group, academic_year null
  private static final String K1 =
      "{\"id\":\"K1\",\"name\":\"7x/Ma1\",\"subject\":null,\"academic_year\":null,"
          + "\"students\":{\"data\":[{\"id\":\"S1\"},{\"id\":\"S2\"},{\"id\":\"S3\"}]},"
          + "\"employees\":{\"data\":[{\"id\":\"E1\"}]}}";
  private static final String K2 =
      "{\"id\":\"K2\",\"name\":\"Mixed/Ar1\",\"students\":{\"data\":[{\"id\":\"S2\"},{\"id\":\"S3\"}]},"
          + "\"employees\":{\"data\":[]}}";
  private static final String K3 =
      "{\"id\":\"K3\",\"name\":\"9y/Fr1\",\"year_group\":\"9\",\"students\":{\"data\":[{\"id\":\"S1\"}]},"
          + "\"employees\":{\"data\":[]}}";

  private static String list(String... items) {
    return "{\"data\":["
        + String.join(",", items)
        + "],\"meta\":{\"pagination\":{\"next\":null,\"more\":false,\"per_page\":50}}}";
  }

  private static MappingBuilder full(String resource) {
    return get(urlPathEqualTo(P + "/" + resource)).withQueryParam("updated_after", absent());
  }

  private String domain() {
    return "localhost:" + wm.getPort();
  }

  @BeforeEach
  void stub() {
    wm.stubFor(
        get(urlPathEqualTo(P))
            .willReturn(
                okJson(
                    "{\"data\":{\"id\":\""
                        + SCHOOL
                        + "\",\"mis\":\"SIMS\",\"region\":{\"code\":\"GBR\",\"domain\":\""
                        + domain()
                        + "\",\"identifiers\":{\"la_code\":\"10000\",\"establishment_number\":"
                        + "\"1234\",\"urn\":10003}}}}")));
    wm.stubFor(
        get(urlPathEqualTo(P + "/counts"))
            .willReturn(
                okJson(
                    "{\"data\":{\"students\":{\"data\":{\"count\":3}},\"employees\":{\"data\":"
                        + "{\"count\":1}},\"contacts\":{\"data\":{\"count\":2}},\"groups\":"
                        + "{\"data\":{\"count\":0}},\"classes\":{\"data\":{\"count\":3}}}}")));
    wm.stubFor(full("students").willReturn(okJson(list(S1, S2, S3))));
    wm.stubFor(full("employees").willReturn(okJson(list(E1))));
    wm.stubFor(full("contacts").willReturn(okJson(list(C1, C9))));
    wm.stubFor(full("groups").willReturn(okJson(list())));
    wm.stubFor(full("classes").willReturn(okJson(list(K1, K2, K3))));
  }

  private WondeClient client() {
    return WondeClient.builder()
        .tokens(TokenProvider.multiSchool("real-shapes-token-SECRET"))
        .baseUri(URI.create("http://" + domain()))
        .allowedDomains(Set.of(domain()))
        .regionLookup(true)
        .retryPolicy(RetryPolicy.none())
        .build();
  }

  private MisSnapshot fetch() {
    return WondeSnapshotSource.builder(client(), SCHOOL)
        .clock(Clock.fixed(Instant.parse("2026-11-20T06:00:00Z"), ZoneOffset.UTC))
        .build()
        .fetchFull();
  }

  @Test
  void aFullFetchRequestsTheSchoolRecordOnce() {
    MisSnapshot s = fetch();
    assertEquals(Optional.of("SIMS"), s.source().mis());
    wm.verify(1, getRequestedFor(urlPathEqualTo(P)));
  }

  @Test
  void aCourtOrderOnTheRelationshipReachesTheLink() {
    MisSnapshot s = fetch();
    GuardianLink father =
        s.guardiansOf("S1").stream()
            .filter(l -> l.contactId().equals("C1"))
            .findFirst()
            .orElseThrow();
    assertTrue(father.courtOrder());
    GuardianLink mother =
        s.guardiansOf("S1").stream()
            .filter(l -> l.contactId().equals("C9"))
            .findFirst()
            .orElseThrow();
    assertFalse(mother.courtOrder());
  }

  @Test
  void anEmployeeWhoIsAlsoAContactIsOnePersonWithTwoRoles() {
    MisSnapshot s = fetch();
    assertEquals(Optional.of("E1"), s.contact("C9").orElseThrow().staffId());
    assertEquals("C9", s.contactSameAsStaff("E1").orElseThrow().id());
    assertEquals(Optional.empty(), s.contact("C1").orElseThrow().staffId());
    assertEquals(2, s.guardiansOf("S1").size(), "every guardian link kept");
    assertTrue(s.problems().isEmpty(), s.problems().toString());
  }

  @Test
  void aClassWithoutYearGroupTakesTheYearOfMostOfItsPupils() {
    MisSnapshot s = fetch();
    assertEquals(Optional.of("7"), s.group("K1").orElseThrow().yearGroup(), "2 of 3 in year 7");
    assertEquals(Optional.empty(), s.group("K2").orElseThrow().yearGroup(), "split 1:1");
    assertEquals(Optional.of("9"), s.group("K3").orElseThrow().yearGroup(), "year_group wins");
  }
}
