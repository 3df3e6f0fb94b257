package io.missync.core.spi;

import java.time.Instant;
import java.util.Map;

/**
 * One line of the audit trail: a run started, a plan was held, approved or applied, a change
 * failed. Details name ids and figures, never personal data or secrets.
 *
 * @param schoolId the school
 * @param at when
 * @param type what happened, e.g. {@code plan.held}, {@code plan.applied}, {@code change.failed}
 * @param planId the plan concerned, or empty
 * @param details further facts
 */
public record AuditEvent(
    String schoolId, Instant at, String type, String planId, Map<String, String> details) {
  public AuditEvent {
    details = Map.copyOf(details);
  }
}
