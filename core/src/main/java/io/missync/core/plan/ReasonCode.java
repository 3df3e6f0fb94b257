package io.missync.core.plan;

/**
 * Why a change or review item exists. Each change carries one, with its evidence. The set may grow:
 * a consumer should treat a code it does not know as unspecified. Each code is produced by exactly
 * one of the planner's rule units (see the rule index in {@code io.missync.reconcile}).
 */
public enum ReasonCode {
  /** The person or group is in the source and has no account or product group yet. */
  NEW_IN_SOURCE,
  /** Managed fields differ between the source and the product. */
  FIELDS_CHANGED,
  /** The source adds the person to a group. */
  JOINED_GROUP,
  /** The source removes the person from a group. */
  LEFT_GROUP,
  /** The person moved from one group to another of the same kind (a form or year move). */
  MOVED_GROUP,
  /** The person is missing from a snapshot that is complete for their type. */
  LEFT_SOURCE,
  /** The student's leaving date has passed. */
  LEAVING_DATE_PASSED,
  /** The staff member's employment end date has passed. */
  EMPLOYMENT_ENDED,
  /** The source's deletions feed deleted the person. */
  DELETED_IN_SOURCE,
  /** A contact's last active linked student left. */
  NO_ACTIVE_STUDENT,
  /** The policy no longer gives this person an account (e.g. contact lost parental resp.). */
  NOT_ELIGIBLE,
  /** A leaver is back in the source: same account, reactivated. */
  REJOINED,
  /** A deactivated account passed its grace period and is deleted. */
  GRACE_PERIOD_EXPIRED,
  /** Same person, new source ids (an MIS migration); the account keeps its credentials. */
  MIS_MIGRATION,
  /** An existing unlinked product account matched an MIS person (first sync). */
  MATCHED_EXISTING_ACCOUNT,
  /** A guardian link is new in the source. */
  GUARDIAN_ADDED,
  /** A guardian link's relationship facts changed; the link is updated, never duplicated. */
  RELATIONSHIP_CHANGED,
  /** The source no longer links the contact to the student. */
  GUARDIAN_REMOVED,
  /** A group's name, subject or kind changed. */
  GROUP_CHANGED,
  /** A group is gone from a snapshot complete for groups. */
  GROUP_GONE,
  /** A match that is not certain enough to apply; a person must decide. */
  UNCERTAIN_MATCH,
  /** Several candidates matched equally. */
  AMBIGUOUS_MATCH,
  /** A source row could not be used. */
  REJECTED_ROW,
  /**
   * Several people of one type share a key that must be unique (two pupils with one UPN, two staff
   * with one email): a person must decide; neither is created or matched on that key meanwhile.
   */
  DUPLICATE_KEY,
  /** An operator suspended the account (an emergency deactivation) ahead of the MIS. */
  OPERATOR_SUSPENDED
}
