package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** An entry of the {@code deletions} feed. */
public final class Deletion extends WireObject {
  private static final Set<String> KNOWN =
      Set.of("type", "id", "mis_id", "deleted_at", "restored_at");

  Deletion(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  /** What was deleted (student, contact, employee, group, class...). Required. */
  public DeletionType type() {
    return DeletionType.of(req("type"));
  }

  /** Wonde id. Required. */
  public String id() {
    return req("id");
  }

  public Optional<String> misId() {
    return opt("mis_id");
  }

  public Optional<Instant> deletedAt() {
    return instant("deleted_at");
  }

  /** Set when the record came back: it is no longer deleted. */
  public Optional<Instant> restoredAt() {
    return instant("restored_at");
  }

  /** True when {@link #restoredAt()} is set. */
  public boolean isRestored() {
    return restoredAt().isPresent();
  }
}
