package io.missync.wonde;

/**
 * A response (or a field of it) could not be decoded. Names the JSON path of the field and what was
 * expected; never the value, which may be personal data.
 */
public class WondeDecodeException extends WondeException {
  private static final long serialVersionUID = 1L;

  private final String fieldPath;

  public WondeDecodeException(String fieldPath, String expectation) {
    super("Could not decode '" + fieldPath + "': " + expectation);
    this.fieldPath = fieldPath;
  }

  public WondeDecodeException(String fieldPath, String expectation, Throwable cause) {
    super("Could not decode '" + fieldPath + "': " + expectation, cause);
    this.fieldPath = fieldPath;
  }

  /** JSON path of the offending field, e.g. {@code data[3].date_of_birth}. */
  public String fieldPath() {
    return fieldPath;
  }
}
