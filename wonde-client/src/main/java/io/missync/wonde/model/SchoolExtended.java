package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** A school's {@code extended} block. */
public final class SchoolExtended extends WireObject {
  private static final Set<String> KNOWN =
      Set.of("allows_writeback", "has_timetables", "has_lesson_attendance", "audit_approved_at");

  SchoolExtended(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  public Optional<Boolean> allowsWriteback() {
    return bool("allows_writeback");
  }

  public Optional<Boolean> hasTimetables() {
    return bool("has_timetables");
  }

  public Optional<Boolean> hasLessonAttendance() {
    return bool("has_lesson_attendance");
  }

  public Optional<Instant> auditApprovedAt() {
    return instant("audit_approved_at");
  }
}
