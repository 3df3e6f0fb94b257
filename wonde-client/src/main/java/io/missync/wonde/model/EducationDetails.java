package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/** A student's {@code education_details}. */
public final class EducationDetails extends WireObject {
  private static final Set<String> KNOWN =
      Set.of(
          "admission_number",
          "upn",
          "local_upn",
          "former_upn",
          "learner_number",
          "current_nc_year",
          "part_time",
          "part_time_rate",
          "admission_date",
          "leaving_date");

  EducationDetails(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  public Optional<String> admissionNumber() {
    return opt("admission_number");
  }

  /** Unique Pupil Number; null unless the school approved the permission. */
  public Optional<String> upn() {
    return opt("upn");
  }

  public Optional<String> localUpn() {
    return opt("local_upn");
  }

  public Optional<String> formerUpn() {
    return opt("former_upn");
  }

  public Optional<String> learnerNumber() {
    return opt("learner_number");
  }

  /** National Curriculum year, e.g. R, 5, N1. */
  public Optional<String> currentNcYear() {
    return opt("current_nc_year");
  }

  public Optional<Boolean> partTime() {
    return bool("part_time");
  }

  public Optional<String> partTimeRate() {
    return opt("part_time_rate");
  }

  public Optional<LocalDate> admissionDate() {
    return date("admission_date");
  }

  public Optional<LocalDate> leavingDate() {
    return date("leaving_date");
  }
}
