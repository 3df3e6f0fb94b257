package io.missync.wonde.webhook;

import java.util.Objects;

/**
 * What should run next after {@link WebhookHandler} handled a webhook. Answer Wonde with 200 for
 * every result; then act on it.
 */
public sealed interface WebhookResult {

  /** The school the webhook was about; empty for webhooks about no school. */
  String schoolId();

  /** A school approved access (or again): its token is saved; run a full sync of it now. */
  record FullSyncDue(String schoolId) implements WebhookResult {
    public FullSyncDue {
      Objects.requireNonNull(schoolId, "schoolId");
    }
  }

  /**
   * The school announced an MIS migration: it is now MIGRATING; run its next sync (the plan will be
   * held for a person, with people and classes re-keyed rather than recreated).
   */
  record SyncDue(String schoolId) implements WebhookResult {
    public SyncDue {
      Objects.requireNonNull(schoolId, "schoolId");
    }
  }

  /**
   * The school revoked or declined access: it is FROZEN and its token forgotten; stop scheduling it
   * (runs are refused until it approves access again).
   */
  record Frozen(String schoolId) implements WebhookResult {
    public Frozen {
      Objects.requireNonNull(schoolId, "schoolId");
    }
  }

  /**
   * Nothing changed: a redelivery of a webhook already acted on, a webhook that changes no school
   * state (writeback, an unknown type), or a migration of a frozen school.
   *
   * @param schoolId the school, or empty
   * @param why a short code: {@code redelivered}, {@code not-about-a-school}, {@code frozen}
   */
  record NothingToDo(String schoolId, String why) implements WebhookResult {
    public NothingToDo {
      Objects.requireNonNull(schoolId, "schoolId");
      Objects.requireNonNull(why, "why");
    }
  }
}
