package io.missync.wonde.webhook;

import io.missync.wonde.WondeException;

/**
 * A webhook request {@link WebhookHandler} refused before changing anything: the shared secret did
 * not match, the body was over the size limit, or it was not a webhook payload. The message never
 * holds the body (a {@code schoolApproved} body carries a token) nor either secret. {@link
 * #httpStatus()} is the status to answer with.
 */
public final class WebhookRejectedException extends WondeException {
  private static final long serialVersionUID = 1L;

  /** Why the request was refused. */
  public enum Reason {
    /** The shared secret was missing or wrong (answer 401). */
    BAD_SECRET(401),
    /** The body was over the size limit (answer 413). */
    TOO_LARGE(413),
    /** The body was not a webhook payload: not JSON, or a required field missing (answer 400). */
    MALFORMED(400);

    private final int status;

    Reason(int status) {
      this.status = status;
    }
  }

  private final Reason reason;

  WebhookRejectedException(Reason reason, String message) {
    super("webhook refused (" + reason + "): " + message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** The HTTP status to answer Wonde with. */
  public int httpStatus() {
    return reason.status;
  }
}
