package io.missync.core.spi;

import io.missync.core.MissyncException;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A run was refused because the school is {@link SchoolMode#FROZEN} (it revoked or declined
 * access): nothing was read and nothing was changed. The school's accounts are left as they are;
 * the school's audit trail says so.
 */
public final class SchoolFrozenException extends MissyncException {
  private static final long serialVersionUID = 1L;
  private final String schoolId;
  private final @Nullable Instant since;
  private final String reason;

  public SchoolFrozenException(String schoolId, @Nullable Instant since, String reason) {
    super(
        "school "
            + schoolId
            + " is frozen"
            + (reason.isEmpty() ? "" : " (" + reason + ")")
            + (since == null ? "" : " since " + since)
            + ": no read, no changes");
    this.schoolId = schoolId;
    this.since = since;
    this.reason = reason;
  }

  public String schoolId() {
    return schoolId;
  }

  public Optional<Instant> since() {
    return Optional.ofNullable(since);
  }

  /** Why the school was frozen, e.g. {@code webhook.accessRevoked}. */
  public String reason() {
    return reason;
  }
}
