package io.missync.wonde.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.missync.wonde.WondeDecodeException;
import io.missync.wonde.internal.Json;
import io.missync.wonde.internal.PageDecoder;
import io.missync.wonde.internal.WondeDates;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parses webhook bodies. An unknown {@code payload_type} yields {@link WebhookPayload.Unknown}. */
public final class WebhookParser {
  private WebhookParser() {}

  public static WebhookPayload parse(String body) {
    return parse(body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws WondeDecodeException when the body is not a JSON object, has no {@code payload_type},
   *     or lacks a required field of a known type
   */
  public static WebhookPayload parse(byte[] body) {
    ObjectNode n = PageDecoder.parseObject(body);
    String type = Json.requiredString(n, "payload_type", "");
    switch (type) {
      case "schoolApproved":
        return new WebhookPayload.SchoolApproved(
            Json.requiredString(n, "school_id", ""),
            opt(n, "school_name"),
            Json.requiredString(n, "school_token", ""),
            opt(n, "school_la_code"),
            opt(n, "school_urn"),
            opt(n, "school_establishment_number"),
            extra(
                n,
                Set.of(
                    "payload_type",
                    "school_id",
                    "school_name",
                    "school_token",
                    "school_la_code",
                    "school_urn",
                    "school_establishment_number")));
      case "accessRevoked":
        return new WebhookPayload.AccessRevoked(
            Json.requiredString(n, "school_id", ""),
            opt(n, "school_name"),
            opt(n, "school_la_code"),
            opt(n, "school_urn"),
            opt(n, "school_establishment_number"),
            opt(n, "revoke_reason"),
            extra(n, schoolFields("revoke_reason")));
      case "accessDeclined":
        return new WebhookPayload.AccessDeclined(
            Json.requiredString(n, "school_id", ""),
            opt(n, "school_name"),
            opt(n, "school_la_code"),
            opt(n, "school_urn"),
            opt(n, "school_establishment_number"),
            opt(n, "decline_reason"),
            extra(n, schoolFields("decline_reason")));
      case "schoolMigration":
        return new WebhookPayload.SchoolMigration(
            Json.requiredString(n, "school_id", ""),
            opt(n, "school_name"),
            opt(n, "migrate_from"),
            opt(n, "migrate_to"),
            instant(n, "scheduled_at"),
            instant(n, "completed_at"),
            extra(
                n,
                Set.of(
                    "payload_type",
                    "school_id",
                    "school_name",
                    "migrate_from",
                    "migrate_to",
                    "scheduled_at",
                    "completed_at")));
      case "writeback":
        return new WebhookPayload.Writeback(
            Json.requiredString(n, "writeback_id", ""),
            opt(n, "status"),
            opt(n, "type"),
            extra(n, Set.of("payload_type", "writeback_id", "status", "type")));
      default:
        return new WebhookPayload.Unknown(type, n);
    }
  }

  private static Set<String> schoolFields(String reason) {
    return Set.of(
        "payload_type",
        "school_id",
        "school_name",
        "school_la_code",
        "school_urn",
        "school_establishment_number",
        reason);
  }

  private static Optional<String> opt(ObjectNode n, String f) {
    return Optional.ofNullable(Json.string(n, f, ""));
  }

  private static Optional<Instant> instant(ObjectNode n, String f) {
    return Optional.ofNullable(WondeDates.instant(n.get(f), f));
  }

  private static Map<String, JsonNode> extra(ObjectNode n, Set<String> known) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!known.contains(e.getKey())) {
        out.put(e.getKey(), e.getValue().deepCopy());
      }
    }
    return out;
  }
}
