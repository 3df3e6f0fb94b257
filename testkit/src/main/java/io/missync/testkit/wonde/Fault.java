package io.missync.testkit.wonde;

/** A fault the simulator can inject into one response. Immutable; build with the factories. */
public final class Fault {

  /** The kind of fault. */
  public enum Kind {
    /** Delay, then answer normally. */
    LATENCY,
    /** Answer with the given status (e.g. 500, 502, 503) and a JSON error body. */
    STATUS,
    /** Answer 429 with a {@code Retry-After} header in seconds. */
    TOO_MANY_REQUESTS,
    /** Close the connection without sending any response. */
    CONNECTION_RESET,
    /** Announce the full Content-Length, send half the body, then close the connection. */
    TRUNCATED_BODY,
    /** A complete HTTP response whose JSON body is cut in half (Content-Length matches). */
    TRUNCATED_JSON,
    /** Answer normally but leave out {@code meta} (and so the pagination object). */
    MISSING_META,
    /**
     * Answer 200 with no records: {@code {"data": []}} for lists, {@code {"data": null}} for one
     * record, no meta; what a wrong regional domain or a half-loaded school looks like.
     */
    EMPTY_DATA,
    /**
     * Answer 200 with an empty object for a one-record answer: {@code {"data": {}}}, e.g. a {@code
     * counts} answer that counts nothing; a list answer is sent unchanged.
     */
    EMPTY_OBJECT
  }

  private final Kind kind;
  private final int status;
  private final long retryAfterSeconds;
  private final long latencyMs;

  private Fault(Kind kind, int status, long retryAfterSeconds, long latencyMs) {
    this.kind = kind;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
    this.latencyMs = latencyMs;
  }

  public static Fault latency(long ms) {
    if (ms < 0) {
      throw new IllegalArgumentException("latency must be >= 0");
    }
    return new Fault(Kind.LATENCY, 0, 0, ms);
  }

  /** An error status, typically 5xx. */
  public static Fault status(int code) {
    if (code < 400 || code > 599) {
      throw new IllegalArgumentException("not an error status: " + code);
    }
    return new Fault(Kind.STATUS, code, 0, 0);
  }

  public static Fault tooManyRequests(long retryAfterSeconds) {
    return new Fault(Kind.TOO_MANY_REQUESTS, 429, retryAfterSeconds, 0);
  }

  public static Fault connectionReset() {
    return new Fault(Kind.CONNECTION_RESET, 0, 0, 0);
  }

  public static Fault truncatedBody() {
    return new Fault(Kind.TRUNCATED_BODY, 0, 0, 0);
  }

  public static Fault truncatedJson() {
    return new Fault(Kind.TRUNCATED_JSON, 0, 0, 0);
  }

  public static Fault missingMeta() {
    return new Fault(Kind.MISSING_META, 0, 0, 0);
  }

  public static Fault emptyData() {
    return new Fault(Kind.EMPTY_DATA, 0, 0, 0);
  }

  /** See {@link Kind#EMPTY_OBJECT}. */
  public static Fault emptyObject() {
    return new Fault(Kind.EMPTY_OBJECT, 0, 0, 0);
  }

  public Kind kind() {
    return kind;
  }

  /** The status for {@link Kind#STATUS} and {@link Kind#TOO_MANY_REQUESTS}, else 0. */
  public int status() {
    return status;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public long latencyMs() {
    return latencyMs;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Fault f)) {
      return false;
    }
    return kind == f.kind
        && status == f.status
        && retryAfterSeconds == f.retryAfterSeconds
        && latencyMs == f.latencyMs;
  }

  @Override
  public int hashCode() {
    return ((kind.hashCode() * 31 + status) * 31 + Long.hashCode(retryAfterSeconds)) * 31
        + Long.hashCode(latencyMs);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case LATENCY -> "Fault[latency " + latencyMs + "ms]";
      case STATUS -> "Fault[status " + status + "]";
      case TOO_MANY_REQUESTS -> "Fault[429 Retry-After " + retryAfterSeconds + "]";
      default -> "Fault[" + kind + "]";
    };
  }
}
