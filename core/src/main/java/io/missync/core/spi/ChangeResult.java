package io.missync.core.spi;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What a {@link ChangeSink} did with one change. */
public sealed interface ChangeResult
    permits ChangeResult.Applied, ChangeResult.Failed, ChangeResult.Skipped {

  /**
   * The change took effect.
   *
   * @param assignedId the product id of a created account or group, or null for other changes
   */
  record Applied(@Nullable String assignedId) implements ChangeResult {
    public Optional<String> id() {
      return Optional.ofNullable(assignedId);
    }
  }

  /**
   * The change did not take effect.
   *
   * @param message what went wrong (no personal data, no secrets)
   * @param retryable true if the same change may succeed later (a timeout, a lock)
   */
  record Failed(String message, boolean retryable) implements ChangeResult {}

  /**
   * The sink chose not to apply the change (e.g. the product does not support groups).
   *
   * @param why the reason
   */
  record Skipped(String why) implements ChangeResult {}

  static ChangeResult applied() {
    return new Applied(null);
  }

  static ChangeResult created(String id) {
    return new Applied(id);
  }
}
