package io.missync.testkit.wonde;

/** Whether the simulated app has access to a school's data. */
public enum SchoolAccess {
  /** Listed only under {@code /schools/all}. */
  NOT_REQUESTED,
  /** Access requested, not yet approved: {@code /schools/pending}. */
  PENDING,
  /** Data endpoints answer: {@code /schools}. */
  APPROVED,
  /** Access revoked: {@code /schools/revoked}; data endpoints answer 403. */
  REVOKED,
  /** Access declined: {@code /schools/declined}; data endpoints answer 403. */
  DECLINED
}
