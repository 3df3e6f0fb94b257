package io.missync.wonde.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.wonde.WondeDecodeException;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class WebhookTest {
  private static final String TOKEN = "wonde-school-token-0123456789abcdef";

  @Test
  void schoolApprovedHidesTokenInToString() {
    WebhookPayload p =
        WebhookParser.parse(
            "{\"payload_type\":\"schoolApproved\",\"school_id\":\"A1930499544\","
                + "\"school_name\":\"Wonde Testing School\",\"school_token\":\""
                + TOKEN
                + "\",\"school_la_code\":\"100\",\"school_urn\":10003,"
                + "\"school_establishment_number\":\"10000\",\"new_field\":1}");
    WebhookPayload.SchoolApproved a = assertInstanceOf(WebhookPayload.SchoolApproved.class, p);
    assertEquals("A1930499544", a.schoolId());
    assertEquals(TOKEN, a.schoolToken());
    assertEquals(Optional.of("10003"), a.urn());
    assertEquals(Optional.of("Wonde Testing School"), a.schoolName());
    assertTrue(a.extra().containsKey("new_field"));
    assertFalse(a.toString().contains(TOKEN), a.toString());
    assertEquals("schoolApproved", a.payloadType());
  }

  @Test
  void revokedDeclinedMigrationWriteback() {
    WebhookPayload.AccessRevoked r =
        assertInstanceOf(
            WebhookPayload.AccessRevoked.class,
            WebhookParser.parse(
                "{\"payload_type\":\"accessRevoked\",\"school_id\":\"A1\",\"revoke_reason\":\"Left\"}"));
    assertEquals(Optional.of("Left"), r.revokeReason());
    WebhookPayload.AccessDeclined d =
        assertInstanceOf(
            WebhookPayload.AccessDeclined.class,
            WebhookParser.parse(
                "{\"payload_type\":\"accessDeclined\",\"school_id\":\"A1\",\"decline_reason\":\"No\"}"));
    assertEquals(Optional.of("No"), d.declineReason());
    WebhookPayload.SchoolMigration m =
        assertInstanceOf(
            WebhookPayload.SchoolMigration.class,
            WebhookParser.parse(
                "{\"payload_type\":\"schoolMigration\",\"school_id\":\"A1\",\"migrate_from\":\"SIMS\","
                    + "\"migrate_to\":\"Arbor\",\"scheduled_at\":\"2026-08-01 00:00:00\","
                    + "\"completed_at\":{\"date\":\"2026-08-02 10:00:00.000000\",\"timezone_type\":3,\"timezone\":\"UTC\"}}"));
    assertEquals(Optional.of("Arbor"), m.migrateTo());
    assertEquals(Optional.of(Instant.parse("2026-08-01T00:00:00Z")), m.scheduledAt());
    assertEquals(Optional.of(Instant.parse("2026-08-02T10:00:00Z")), m.completedAt());
    WebhookPayload.Writeback w =
        assertInstanceOf(
            WebhookPayload.Writeback.class,
            WebhookParser.parse(
                "{\"payload_type\":\"writeback\",\"writeback_id\":\"W1\",\"status\":\"done\",\"type\":\"x\"}"));
    assertEquals(Optional.of("done"), w.status());
  }

  @Test
  void unknownTypeIsNotAnError() {
    WebhookPayload p =
        WebhookParser.parse("{\"payload_type\":\"auditApproved\",\"school_id\":\"A1\"}");
    WebhookPayload.Unknown u = assertInstanceOf(WebhookPayload.Unknown.class, p);
    assertEquals("auditApproved", u.payloadType());
    assertEquals("A1", u.body().get("school_id").textValue());
  }

  @Test
  void missingRequiredFieldsAreTypedErrors() {
    WondeDecodeException e =
        assertThrows(
            WondeDecodeException.class,
            () ->
                WebhookParser.parse("{\"payload_type\":\"schoolApproved\",\"school_id\":\"A1\"}"));
    assertEquals("school_token", e.fieldPath());
    assertEquals(
        "payload_type",
        assertThrows(WondeDecodeException.class, () -> WebhookParser.parse("{}")).fieldPath());
    assertThrows(WondeDecodeException.class, () -> WebhookParser.parse("not json " + TOKEN));
  }

  @Test
  void secretComparison() {
    assertTrue(WebhookSecrets.matches("s3cret-value", "s3cret-value"));
    assertFalse(WebhookSecrets.matches("s3cret-value", "s3cret-valuf"));
    assertFalse(WebhookSecrets.matches("s3cret-value", "s3cret"));
    assertFalse(WebhookSecrets.matches("s3cret-value", ""));
    assertFalse(WebhookSecrets.matches("s3cret-value", null));
    assertThrows(IllegalArgumentException.class, () -> WebhookSecrets.matches("", "x"));
  }

  @Property(tries = 200)
  void secretMatchesOnlyItself(@ForAll String a, @ForAll String b) {
    if (a.isEmpty()) {
      return;
    }
    assertTrue(WebhookSecrets.matches(a, a));
    assertEquals(a.equals(b), WebhookSecrets.matches(a, b));
  }
}
