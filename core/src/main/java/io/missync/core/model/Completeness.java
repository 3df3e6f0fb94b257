package io.missync.core.model;

/**
 * Whether a snapshot holds every record of one entity type. Only {@link #COMPLETE} lets absence
 * mean "left": a person missing from a partial or absent type is never treated as a leaver.
 */
public enum Completeness {
  /** Every record of the type is here; absence means the source no longer has it. */
  COMPLETE,
  /** Some records are here (a delta, a failed page, a filtered fetch); absence means nothing. */
  PARTIAL,
  /** The type was not fetched or the file was missing. */
  ABSENT;

  public boolean isComplete() {
    return this == COMPLETE;
  }
}
