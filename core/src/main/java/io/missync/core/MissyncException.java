package io.missync.core;

/**
 * The root of every exception missync's core and planning modules throw. Messages name ids, fields
 * and positions, never tokens, passwords or a person's personal data.
 */
public class MissyncException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MissyncException(String message) {
    super(message);
  }

  public MissyncException(String message, Throwable cause) {
    super(message, cause);
  }
}
