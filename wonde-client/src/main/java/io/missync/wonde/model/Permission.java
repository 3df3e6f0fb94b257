package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** One entry of {@code /meta/schools/{id}/permissions}. */
public final class Permission extends WireObject {
  private static final Set<String> KNOWN =
      Set.of(
          "identity",
          "name",
          "description",
          "parent",
          "group",
          "active_from",
          "optional",
          "approved",
          "audited",
          "declined");

  Permission(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  public Optional<String> identity() {
    return opt("identity");
  }

  public Optional<String> name() {
    return opt("name");
  }

  public Optional<String> description() {
    return opt("description");
  }

  public Optional<String> parent() {
    return opt("parent");
  }

  public Optional<String> group() {
    return opt("group");
  }

  public Optional<Instant> activeFrom() {
    return instant("active_from");
  }

  public Optional<Boolean> optional() {
    return bool("optional");
  }

  public Optional<Boolean> approved() {
    return bool("approved");
  }

  public Optional<Boolean> audited() {
    return bool("audited");
  }

  public Optional<Boolean> declined() {
    return bool("declined");
  }
}
