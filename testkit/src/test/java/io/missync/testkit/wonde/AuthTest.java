package io.missync.testkit.wonde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthTest {
  WondeSimulator sim;
  SimHttp http;
  SchoolWorld a;
  SchoolWorld b;

  @BeforeEach
  void start() {
    sim =
        WondeSimulator.start(
            SimulatorConfig.builder().seed(17).schools(3).studentsPerSchool(30).build());
    http = new SimHttp(sim);
    a = sim.world().school(0);
    b = sim.world().school(1);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private HttpResponse<String> withHeader(String relative, String authorization) {
    return SimHttp.send(
        http.client,
        HttpRequest.newBuilder(http.uri(relative)).header("Authorization", authorization).build());
  }

  @Test
  void bearerAndBasicBothWork() {
    String path = "schools/" + a.id() + "/students";
    assertEquals(200, withHeader(path, "Bearer " + a.token()).statusCode());
    assertEquals(200, withHeader(path, SimHttp.basic(a.token())).statusCode());
    assertEquals(200, withHeader(path, "Bearer " + sim.world().appToken()).statusCode());
  }

  @Test
  void badOrMissingTokensAre401() {
    String path = "schools/" + a.id() + "/students";
    HttpResponse<String> r = withHeader(path, "Bearer not-a-token");
    assertEquals(401, r.statusCode());
    assertTrue(r.headers().firstValue("WWW-Authenticate").isPresent());
    JsonNode body = SimHttp.parse(r.body());
    assertTrue(body.get("error").isTextual());
    assertFalse(r.body().contains("not-a-token"), "the token is not echoed back");
    assertEquals(
        401,
        SimHttp.send(http.client, HttpRequest.newBuilder(http.uri(path)).build()).statusCode());
    // the Ruby client's bug: Basic with the raw token, not base64(token:)
    assertEquals(401, withHeader(path, "Basic " + a.token()).statusCode());
    String noColon = Base64.getEncoder().encodeToString(a.token().getBytes(StandardCharsets.UTF_8));
    assertEquals(401, withHeader(path, "Basic " + noColon).statusCode());
  }

  @Test
  void aSchoolTokenReadsOnlyItsSchool() {
    assertEquals(403, http.get("schools/" + b.id() + "/students", a.token()).statusCode());
    assertEquals(403, http.get("schools/" + b.id(), a.token()).statusCode());
    JsonNode list = http.json("schools", a.token());
    assertEquals(1, list.get("data").size());
    assertEquals(a.id(), list.get("data").get(0).get("id").asText());
    assertEquals(3, http.json("schools", sim.world().appToken()).get("data").size());
  }

  @Test
  void schoolListsFollowAccessState() {
    String app = sim.world().appToken();
    b.setAccess(SchoolAccess.PENDING);
    sim.world().school(2).setAccess(SchoolAccess.DECLINED);
    assertEquals(1, http.json("schools", app).get("data").size());
    assertEquals(b.id(), http.json("schools/pending", app).get("data").get(0).get("id").asText());
    assertEquals(1, http.json("schools/declined", app).get("data").size());
    assertEquals(3, http.json("schools/all", app).get("data").size());
    assertEquals(0, http.json("schools/revoked", app).get("data").size());
    assertEquals(1, http.json("schools/audited", app).get("data").size());
    String urn = http.json("schools/" + a.id(), app).get("data").get("urn").asText();
    assertEquals(1, http.json("schools/all?urn=" + urn, app).get("data").size());
    assertEquals(403, http.get("schools/" + b.id() + "/students", app).statusCode());
    assertFalse(http.json("meta/schools/" + b.id(), app).get("data").get("approved").asBoolean());
  }

  @Test
  void requestAndRevokeAccess() {
    String app = sim.world().appToken();
    b.setAccess(SchoolAccess.NOT_REQUESTED);
    HttpResponse<String> req =
        SimHttp.send(
            http.client,
            SimHttp.request(http.uri("schools/" + b.id() + "/request-access"), app)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"contacts\":[{\"first_name\":\"A\",\"last_name\":\"B\"}]}"))
                .build());
    assertEquals(200, req.statusCode());
    assertEquals("pending", SimHttp.parse(req.body()).get("state").asText());
    assertEquals(SchoolAccess.PENDING, b.access());

    HttpResponse<String> revoke =
        SimHttp.send(
            http.client,
            SimHttp.request(http.uri("schools/" + a.id() + "/revoke-access"), app)
                .DELETE()
                .build());
    assertEquals(200, revoke.statusCode());
    JsonNode body = SimHttp.parse(revoke.body());
    assertTrue(body.get("success").asBoolean());
    assertEquals("revoked", body.get("state").asText());
    assertEquals(SchoolAccess.REVOKED, a.access());
    assertEquals(403, http.get("schools/" + a.id() + "/students", a.token()).statusCode());
    assertEquals(a.id(), http.json("schools/revoked", app).get("data").get(0).get("id").asText());
    assertEquals(405, http.get("schools/" + a.id() + "/revoke-access", app).statusCode());
  }

  @Test
  void unknownPathsAndSchoolsAre404() {
    String app = sim.world().appToken();
    assertEquals(404, http.get("schools/A0000000000", app).statusCode());
    assertEquals(404, http.get("schools/" + a.id() + "/lessons-of-doom", app).statusCode());
    assertEquals(404, http.get(sim.baseUri().resolve("/v2/schools").toString(), app).statusCode());
  }
}
