package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** How an employee relates to a class (the {@code meta} pivot). */
public final class TeachingPivot extends WireObject {
  private static final Set<String> KNOWN =
      Set.of("is_main_teacher", "is_class_teacher", "role", "all_roles");

  TeachingPivot(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  public Optional<Boolean> isMainTeacher() {
    return bool("is_main_teacher");
  }

  public Optional<Boolean> isClassTeacher() {
    return bool("is_class_teacher");
  }

  public Optional<String> role() {
    return opt("role");
  }

  public List<String> allRoles() {
    return io.missync.wonde.internal.Json.strings(node(), "all_roles", loc());
  }
}
