package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A teaching class. {@code subject} is a bare id unless {@code include=subject}. */
public final class SchoolClass extends WireObject {
  private static final Set<String> KNOWN =
      Set.of(
          "id",
          "mis_id",
          "name",
          "code",
          "description",
          "subject",
          "type",
          "academic_year",
          "year_group",
          "restored_at",
          "created_at",
          "updated_at",
          "students",
          "employees",
          "meta");

  SchoolClass(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  /** Wonde id. Required. */
  public String id() {
    return req("id");
  }

  public Optional<String> misId() {
    return opt("mis_id");
  }

  public Optional<String> name() {
    return opt("name");
  }

  public Optional<String> code() {
    return opt("code");
  }

  public Optional<String> description() {
    return opt("description");
  }

  /** The subject id, whether {@code subject} is a bare id or an included subject object. */
  public Optional<String> subjectId() {
    com.fasterxml.jackson.databind.JsonNode v = node().get("subject");
    if (v != null && v.isObject()) {
      return subject().map(Subject::id);
    }
    return opt("subject");
  }

  /** The {@code subject} include; empty when only the id was sent. */
  public Optional<Subject> subject() {
    com.fasterxml.jackson.databind.JsonNode v = node().get("subject");
    if (v == null || !v.isObject()) {
      return Optional.empty();
    }
    return single("subject", Subject::new);
  }

  public Optional<String> type() {
    return opt("type");
  }

  public Optional<String> academicYear() {
    return opt("academic_year");
  }

  public Optional<String> yearGroup() {
    return opt("year_group");
  }

  public Optional<Instant> restoredAt() {
    return instant("restored_at");
  }

  public Optional<Instant> createdAt() {
    return instant("created_at");
  }

  public Optional<Instant> updatedAt() {
    return instant("updated_at");
  }

  /** The {@code students} include; empty Optional when not included. */
  public Optional<List<Student>> students() {
    return many("students", Student::new);
  }

  /** The {@code employees} include (each may carry a {@link Employee#pivot()}). */
  public Optional<List<Employee>> employees() {
    return many("employees", Employee::new);
  }

  /** The teacher pivot, present when listed under {@code employees?include=classes}. */
  public Optional<TeachingPivot> pivot() {
    return single("meta", TeachingPivot::new);
  }
}
