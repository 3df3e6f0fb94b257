package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** A subject. */
public final class Subject extends WireObject {
  private static final Set<String> KNOWN =
      Set.of("id", "mis_id", "code", "name", "active", "created_at", "updated_at", "classes");

  Subject(ObjectNode node, Loc loc) {
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

  public Optional<String> code() {
    return opt("code");
  }

  public Optional<String> name() {
    return opt("name");
  }

  public Optional<Boolean> active() {
    return bool("active");
  }

  public Optional<Instant> createdAt() {
    return instant("created_at");
  }

  public Optional<Instant> updatedAt() {
    return instant("updated_at");
  }
}
