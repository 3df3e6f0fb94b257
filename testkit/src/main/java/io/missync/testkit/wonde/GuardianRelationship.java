package io.missync.testkit.wonde;

import java.util.Objects;

/**
 * The facts of a contact's relationship to a student, as served in the {@code relationship} object
 * of {@code students?include=contacts}.
 */
public record GuardianRelationship(
    String relationship,
    boolean parentalResponsibility,
    int priority,
    boolean livesWithPupil,
    boolean billPayer) {

  public GuardianRelationship {
    Objects.requireNonNull(relationship, "relationship");
  }

  /** A parent with parental responsibility who lives with the pupil. */
  public static GuardianRelationship parent(String relationship, int priority) {
    return new GuardianRelationship(relationship, true, priority, true, priority == 1);
  }
}
