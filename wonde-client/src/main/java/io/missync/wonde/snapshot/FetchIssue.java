package io.missync.wonde.snapshot;

import io.missync.core.EntityType;

/**
 * Something the adapter noticed while turning Wonde data into a snapshot that did not stop it.
 * Names ids, fields and counts only, never values.
 *
 * @param entityType the type concerned
 * @param recordId the Wonde id of the record, or {@code "*"} for the whole type
 * @param field the field concerned, or {@code "*"}
 * @param problem what happened, e.g. "dropped: must be a 13-character UPN"
 */
public record FetchIssue(EntityType entityType, String recordId, String field, String problem) {
  @Override
  public String toString() {
    return entityType + " " + recordId + " " + field + ": " + problem;
  }
}
