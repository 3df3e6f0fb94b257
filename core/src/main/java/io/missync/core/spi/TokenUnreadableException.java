package io.missync.core.spi;

import io.missync.core.MissyncException;

/**
 * A stored token could not be read back: it was encrypted with a key that is not configured, the
 * key is wrong, or the stored value is damaged. The message names the school and the key id, never
 * the token or the key.
 */
public final class TokenUnreadableException extends MissyncException {
  private static final long serialVersionUID = 1L;
  private final String schoolId;

  public TokenUnreadableException(String schoolId, String message) {
    super("token of school " + schoolId + " is unreadable: " + message);
    this.schoolId = schoolId;
  }

  public String schoolId() {
    return schoolId;
  }
}
