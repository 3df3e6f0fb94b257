package io.missync.wonde;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.missync.wonde.model.AccessResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccessRequestTest extends HttpTestSupport {
  @RegisterExtension static WireMockExtension wm = server();

  @Test
  void requestAccessPostsContactsWithTheAccountToken() {
    wm.stubFor(
        post(urlPathEqualTo("/v1.0/schools/" + SCHOOL + "/request-access"))
            .willReturn(
                okJson(
                    "{\"success\":true,\"state\":\"pending\","
                        + "\"message\":\"Access request successfully received\"}")));
    AccessContact contact = AccessContact.of("Ann", "Head", "head@school.example");
    AccessResponse r = client(wm).requestAccess(SCHOOL, List.of(contact));
    assertEquals(Optional.of("pending"), r.state());
    assertEquals(Optional.of(true), r.success());
    assertFalse(contact.toString().contains("Ann"));
    wm.verify(
        postRequestedFor(urlPathEqualTo("/v1.0/schools/" + SCHOOL + "/request-access"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                equalToJson(
                    "{\"contacts\":[{\"first_name\":\"Ann\",\"last_name\":\"Head\","
                        + "\"email_address\":\"head@school.example\"}]}")));
  }

  @Test
  void postIsNotRetriedOnServerErrorsButIsOn429() {
    wm.stubFor(
        post(urlPathEqualTo("/v1.0/schools/" + SCHOOL + "/request-access"))
            .willReturn(aResponse().withStatus(503)));
    assertThrows(
        WondeServerErrorException.class, () -> client(wm).requestAccess(SCHOOL, List.of()));
    assertEquals(1, wm.getAllServeEvents().size(), "a POST may have been processed: no retry");
    assertEquals(List.of(), sleeper.delays);
  }

  @Test
  void validationErrorsAreTyped() {
    wm.stubFor(
        post(urlPathEqualTo("/v1.0/schools/" + SCHOOL + "/request-access"))
            .willReturn(
                aResponse().withStatus(422).withBody("{\"errors\":{\"contacts\":[\"bad\"]}}")));
    WondeValidationException e =
        assertThrows(
            WondeValidationException.class, () -> client(wm).requestAccess(SCHOOL, List.of()));
    assertEquals("POST", e.method());
    assertEquals("{\"errors\":{\"contacts\":[\"bad\"]}}", e.body());
  }

  @Test
  void revokeAccessDeletes() {
    wm.stubFor(
        delete(urlPathEqualTo("/v1.0/schools/" + SCHOOL + "/revoke-access"))
            .willReturn(
                okJson("{\"success\":true,\"state\":\"revoked\",\"message\":\"Access revoked\"}")));
    assertEquals(Optional.of("revoked"), client(wm).revokeAccess(SCHOOL).state());
    wm.verify(deleteRequestedFor(urlPathEqualTo("/v1.0/schools/" + SCHOOL + "/revoke-access")));
    WondeClient noAccount =
        builder(wm).tokens(TokenProvider.perSchool(Map.of(SCHOOL, "x"))).build();
    assertThrows(WondeException.class, () -> noAccount.revokeAccess(SCHOOL));
  }
}
