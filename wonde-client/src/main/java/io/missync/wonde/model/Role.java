package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/** An employee role (shape not documented; see {@link #extra()}). */
public final class Role extends WireObject {
  private static final Set<String> KNOWN =
      Set.of("id", "mis_id", "code", "name", "description", "start_date", "end_date");

  Role(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  public Optional<String> id() {
    return opt("id");
  }

  public Optional<String> misId() {
    return opt("mis_id");
  }

  public Optional<String> code() {
    return opt("code");
  }

  public Optional<String> name() {
    return opt("name");
  }

  public Optional<String> description() {
    return opt("description");
  }

  public Optional<LocalDate> startDate() {
    return date("start_date");
  }

  public Optional<LocalDate> endDate() {
    return date("end_date");
  }
}
