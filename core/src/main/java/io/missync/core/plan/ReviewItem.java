package io.missync.core.plan;

import io.missync.core.EntityType;
import io.missync.core.model.PersonRef;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Something a person must decide; never applied automatically. The planner leaves the person
 * untouched (no create, no deactivate) until the item is resolved.
 *
 * <p>Every item has a stable {@link #id()}: derived from its kind and its subject only (the MIS
 * person and the candidate account, the people sharing a key, the rejected row's location), never
 * from display data, evidence or the plan it came in. The same question asked by two runs has the
 * same id, so a review workflow can carry a person's decision from one run to the next.
 */
public sealed interface ReviewItem
    permits ReviewItem.PossibleDuplicate,
        ReviewItem.AmbiguousMatch,
        ReviewItem.RejectedRow,
        ReviewItem.DuplicateKey {

  Reason reason();

  /**
   * The item's stable id: {@code "ri-"} and 32 hex digits of a SHA-256 over its kind and subject.
   * Items of different kinds, or about different subjects, have different ids.
   */
  default String id() {
    return ReviewIds.of(this);
  }

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
   * Several people of one type share a key that must be unique: two pupils with one UPN, or two
   * staff with one email (a data-entry error in the MIS). None of them is created or matched to an
   * existing account on that key until the MIS is corrected or a person decides.
   *
   * @param entityType the people's type
   * @param key the name of the key ({@code UPN} or {@code EMAIL}), never its value
   * @param people the people sharing it, in order
   * @param reason {@link ReasonCode#DUPLICATE_KEY}
   */
  record DuplicateKey(EntityType entityType, String key, List<PersonRef> people, Reason reason)
      implements ReviewItem {
    public DuplicateKey {
      people = List.copyOf(people);
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
