package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/** {@code /meta/schools/{id}}: the school's connection state. */
public final class SchoolMeta extends WireObject {
  private static final Set<String> KNOWN =
      Set.of("online", "approved", "audited", "custom_attendance_codes");

  SchoolMeta(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  public Optional<Boolean> online() {
    return bool("online");
  }

  public Optional<Boolean> approved() {
    return bool("approved");
  }

  public Optional<Boolean> audited() {
    return bool("audited");
  }

  public Optional<Boolean> customAttendanceCodes() {
    return bool("custom_attendance_codes");
  }
}
