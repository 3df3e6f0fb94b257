package io.missync.core.model;

import io.missync.core.EntityType;
import io.missync.core.MissyncException;

/** Two records of the same entity type share an id; a snapshot refuses the second. */
public final class DuplicateIdException extends MissyncException {
  private static final long serialVersionUID = 1L;
  private final EntityType entityType;
  private final String id;

  public DuplicateIdException(EntityType entityType, String id) {
    super("duplicate " + entityType.name().toLowerCase(java.util.Locale.ROOT) + " id '" + id + "'");
    this.entityType = entityType;
    this.id = id;
  }

  public EntityType entityType() {
    return entityType;
  }

  /** The repeated source id (an opaque key, not personal data). */
  public String id() {
    return id;
  }
}
