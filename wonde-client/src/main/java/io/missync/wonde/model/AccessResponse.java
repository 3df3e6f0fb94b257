package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/** Answer to request-access and revoke-access: {@code {success, state, message}}. */
public final class AccessResponse extends WireObject {
  private static final Set<String> KNOWN = Set.of("success", "state", "message");

  AccessResponse(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  public Optional<Boolean> success() {
    return bool("success");
  }

  /** E.g. {@code pending} or {@code revoked}. */
  public Optional<String> state() {
    return opt("state");
  }

  public Optional<String> message() {
    return opt("message");
  }
}
