package io.missync.core.plan;

import io.missync.core.EntityType;
import io.missync.core.model.PersonRef;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Something a person must decide; never applied automatically. The planner leaves the person
 * untouched (no create, no deactivate) until the item is resolved.
 */
public sealed interface ReviewItem
    permits ReviewItem.PossibleDuplicate, ReviewItem.AmbiguousMatch, ReviewItem.RejectedRow {

  Reason reason();

  /**
   * An MIS person may be an existing account, with less than certain confidence.
   *
   * @param person the MIS person
   * @param accountId the candidate account
   * @param confidence how the match was made
   * @param reason the matching keys as evidence
   */
  record PossibleDuplicate(
      PersonRef person, String accountId, MatchConfidence confidence, Reason reason)
      implements ReviewItem {}

  /**
   * An MIS person matched several accounts (or several people matched one account) equally well.
   *
   * @param person the MIS person
   * @param candidateAccountIds the accounts that matched
   * @param reason the matching keys as evidence
   */
  record AmbiguousMatch(PersonRef person, List<String> candidateAccountIds, Reason reason)
      implements ReviewItem {
    public AmbiguousMatch {
      candidateAccountIds = List.copyOf(candidateAccountIds);
    }
  }

  /**
   * A source record that could not be used, with where it came from.
   *
   * @param entityType the type of record, or null if unknown
   * @param location where (file:line, or an API path and id)
   * @param message what was wrong, naming fields, never values
   * @param reason the reason, usually {@link ReasonCode#REJECTED_ROW}
   */
  record RejectedRow(
      @Nullable EntityType entityType, String location, String message, Reason reason)
      implements ReviewItem {
    public Optional<EntityType> type() {
      return Optional.ofNullable(entityType);
    }
  }
}
