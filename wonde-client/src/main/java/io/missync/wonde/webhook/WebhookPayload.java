package io.missync.wonde.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A Wonde webhook body, by {@code payload_type}. Wonde does not sign webhooks: authenticate the
 * call (e.g. a secret in the URL, checked with {@link WebhookSecrets#matches}) and confirm state
 * with the API before acting on it.
 */
public sealed interface WebhookPayload
    permits WebhookPayload.SchoolApproved,
        WebhookPayload.AccessRevoked,
        WebhookPayload.AccessDeclined,
        WebhookPayload.SchoolMigration,
        WebhookPayload.Writeback,
        WebhookPayload.Unknown {

  /** The {@code payload_type} as sent. */
  String payloadType();

  /** Fields not decoded into components. */
  Map<String, JsonNode> extra();

  /** A school approved access; carries the school's token. {@code toString()} hides it. */
  record SchoolApproved(
      String schoolId,
      Optional<String> schoolName,
      String schoolToken,
      Optional<String> laCode,
      Optional<String> urn,
      Optional<String> establishmentNumber,
      Map<String, JsonNode> extra)
      implements WebhookPayload {
    public SchoolApproved {
      extra = Map.copyOf(extra);
    }

    @Override
    public String payloadType() {
      return "schoolApproved";
    }

    @Override
    public String toString() {
      return "SchoolApproved[schoolId="
          + schoolId
          + ", schoolToken=REDACTED, extraFields="
          + extra.keySet()
          + "]";
    }
  }

  /** The school revoked access. */
  record AccessRevoked(
      String schoolId,
      Optional<String> schoolName,
      Optional<String> laCode,
      Optional<String> urn,
      Optional<String> establishmentNumber,
      Optional<String> revokeReason,
      Map<String, JsonNode> extra)
      implements WebhookPayload {
    public AccessRevoked {
      extra = Map.copyOf(extra);
    }

    @Override
    public String payloadType() {
      return "accessRevoked";
    }
  }

  /** The school declined access. */
  record AccessDeclined(
      String schoolId,
      Optional<String> schoolName,
      Optional<String> laCode,
      Optional<String> urn,
      Optional<String> establishmentNumber,
      Optional<String> declineReason,
      Map<String, JsonNode> extra)
      implements WebhookPayload {
    public AccessDeclined {
      extra = Map.copyOf(extra);
    }

    @Override
    public String payloadType() {
      return "accessDeclined";
    }
  }

  /** The school is moving (or moved) to another MIS: expect every id to change. */
  record SchoolMigration(
      String schoolId,
      Optional<String> schoolName,
      Optional<String> migrateFrom,
      Optional<String> migrateTo,
      Optional<Instant> scheduledAt,
      Optional<Instant> completedAt,
      Map<String, JsonNode> extra)
      implements WebhookPayload {
    public SchoolMigration {
      extra = Map.copyOf(extra);
    }

    @Override
    public String payloadType() {
      return "schoolMigration";
    }
  }

  /** A write-back finished or changed state. */
  record Writeback(
      String writebackId,
      Optional<String> status,
      Optional<String> type,
      Map<String, JsonNode> extra)
      implements WebhookPayload {
    public Writeback {
      extra = Map.copyOf(extra);
    }

    @Override
    public String payloadType() {
      return "writeback";
    }
  }

  /** A payload type this version does not know; the whole body is kept. */
  record Unknown(String payloadType, JsonNode body) implements WebhookPayload {
    public Unknown {
      body = body.deepCopy();
    }

    @Override
    public JsonNode body() {
      return body.deepCopy();
    }

    @Override
    public Map<String, JsonNode> extra() {
      return Map.of();
    }

    @Override
    public String toString() {
      return "Unknown[payloadType=" + payloadType + "]";
    }
  }
}
