package io.missync.core.model;

/**
 * missync's own classification of a group, which decides how the product treats it. The source's
 * type string is kept separately as {@link Group#sourceType()}.
 */
public enum GroupKind {
  /** A year group ("Year 7"). */
  YEAR,
  /** A registration (form, tutor) group. */
  REGISTRATION,
  /** A teaching group, usually with a subject. */
  CLASS,
  /** A house. */
  HOUSE,
  /** Anything else: clubs, boarding, campus, departments, user-defined groups. */
  OTHER
}
