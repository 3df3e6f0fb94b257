package io.missync.wonde;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception thrown by the Wonde client. Unchecked.
 *
 * <p>Messages never contain tokens or response values that may be personal data.
 */
public class WondeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WondeException(String message) {
    super(message);
  }

  public WondeException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
