package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/** An employee's {@code employment_details}. */
public final class EmploymentDetails extends WireObject {
  private static final Set<String> KNOWN =
      Set.of(
          "current", "teaching_staff", "employment_start_date", "employment_end_date", "role_text");

  EmploymentDetails(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  public Optional<Boolean> current() {
    return bool("current");
  }

  public Optional<Boolean> teachingStaff() {
    return bool("teaching_staff");
  }

  public Optional<LocalDate> employmentStartDate() {
    return date("employment_start_date");
  }

  public Optional<LocalDate> employmentEndDate() {
    return date("employment_end_date");
  }

  public Optional<String> roleText() {
    return opt("role_text");
  }
}
