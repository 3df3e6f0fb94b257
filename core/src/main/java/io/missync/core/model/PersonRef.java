package io.missync.core.model;

import io.missync.core.EntityType;

/**
 * A reference to a person in a source: the entity type and the source id. Two people of different
 * types may share an id string; a reference never confuses them.
 *
 * @param type {@link EntityType#STUDENT}, {@link EntityType#STAFF} or {@link EntityType#CONTACT}
 * @param id the source id, non-blank
 */
public record PersonRef(EntityType type, String id) implements Comparable<PersonRef> {
  public PersonRef {
    if (!type.isPerson()) {
      throw new InvalidRecordException("PersonRef", "type", "must be a person type");
    }
    id = Checks.id("PersonRef", "id", id);
  }

  public static PersonRef student(String id) {
    return new PersonRef(EntityType.STUDENT, id);
  }

  public static PersonRef staff(String id) {
    return new PersonRef(EntityType.STAFF, id);
  }

  public static PersonRef contact(String id) {
    return new PersonRef(EntityType.CONTACT, id);
  }

  @Override
  public int compareTo(PersonRef o) {
    int c = type.compareTo(o.type);
    return c != 0 ? c : id.compareTo(o.id);
  }

  @Override
  public String toString() {
    return type.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
  }
}
