package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A Wonde group: year, registration (form), house, boarding, campus, and more. */
public final class Group extends WireObject {
  private static final Set<String> KNOWN =
      Set.of(
          "id",
          "mis_id",
          "name",
          "code",
          "type",
          "description",
          "notes",
          "restored_at",
          "created_at",
          "updated_at",
          "students",
          "employees");

  Group(ObjectNode node, Loc loc) {
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

  /** Group type; for includes such as {@code year} it may be absent. */
  public Optional<GroupType> type() {
    return GroupType.ofNullable(opt("type"));
  }

  public Optional<String> description() {
    return opt("description");
  }

  public Optional<String> notes() {
    return opt("notes");
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

  /** The {@code employees} include; empty Optional when not included. */
  public Optional<List<Employee>> employees() {
    return many("employees", Employee::new);
  }
}
