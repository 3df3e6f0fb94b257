package io.missync.core.plan;

/** How sure a match between an MIS person and an existing account is. */
public enum MatchConfidence {
  /** Same source id, or UPN / former UPN: applied automatically. */
  CERTAIN,
  /** Email: applied or reviewed, as policy says. */
  LIKELY,
  /** Name + date of birth, or name + year group: always reviewed. */
  POSSIBLE
}
