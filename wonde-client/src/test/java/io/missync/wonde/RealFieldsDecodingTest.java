package io.missync.wonde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.missync.wonde.internal.PageDecoder;
import io.missync.wonde.model.Contact;
import io.missync.wonde.model.ModelType;
import io.missync.wonde.model.RegionIdentifiers;
import io.missync.wonde.model.Relationship;
import io.missync.wonde.model.School;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 12 item 9: real relationship flags and {@code region.identifiers} are typed. */
class RealFieldsDecodingTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Relationship relationship(String json) throws Exception {
    Contact c =
        ModelType.CONTACT.fromJson(
            MAPPER.readTree("{\"id\":\"C1\",\"relationship\":" + json + "}"));
    return c.relationship().orElseThrow();
  }

  @Test
  void relationshipFlagsAreTyped() throws Exception {
    Relationship r =
        relationship(
            "{\"relationship\":\"Father\",\"court_order\":true,\"email_bills\":false,"
                + "\"copy_bills\":1,\"correspondence\":\"true\",\"pupil_report\":false,"
                + "\"emergency_contact\":true,\"bill_payer\":false,\"something_new\":1}");
    assertEquals(Optional.of(true), r.courtOrder());
    assertEquals(Optional.of(false), r.emailBills());
    assertEquals(Optional.of(true), r.copyBills());
    assertEquals(Optional.of(true), r.correspondence());
    assertEquals(Optional.of(false), r.pupilReport());
    assertEquals(Optional.of(true), r.emergencyContact());
    assertEquals(java.util.Set.of("something_new"), r.extra().keySet(), "flags are not extras");
    Relationship none = relationship("{\"relationship\":\"Mother\",\"court_order\":null}");
    assertEquals(Optional.empty(), none.courtOrder());
    assertEquals(Optional.empty(), none.pupilReport());
    WondeDecodeException bad =
        assertThrows(
            WondeDecodeException.class,
            () -> relationship("{\"court_order\":\"sometimes\"}").courtOrder());
    assertFalse(bad.getMessage().contains("sometimes"), "never the value");
  }

  @Test
  void regionIdentifiersAreTyped() {
    School school =
        PageDecoder.single(
            Fixtures.text("school.json")
                .replace("REGION_DOMAIN", "api.wonde.com")
                .getBytes(StandardCharsets.UTF_8),
            ModelType.SCHOOL);
    RegionIdentifiers ids = school.region().orElseThrow().identifiers().orElseThrow();
    assertEquals(Optional.of("10000"), ids.laCode());
    assertEquals(Optional.of("10000"), ids.establishmentNumber());
    assertEquals(Optional.of("10003"), ids.urn(), "a number on the wire");
    assertEquals(Optional.of("1000010000"), ids.dfeNumber());
    assertEquals(
        java.util.Map.of(), school.region().orElseThrow().extra(), "identifiers are known");
  }
}
