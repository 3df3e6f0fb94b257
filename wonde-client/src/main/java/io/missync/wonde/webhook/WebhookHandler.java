package io.missync.wonde.webhook;

import io.missync.core.spi.AuditEvent;
import io.missync.core.spi.SchoolMode;
import io.missync.core.spi.SchoolState;
import io.missync.core.spi.SyncStateStore;
import io.missync.core.spi.TokenStore;
import io.missync.core.spi.TokenUnreadableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point for Wonde webhooks: checks the shared secret, the size, parses the body,
 * changes the school's state in the store and says what should run next.
 *
 * <pre>{@code
 * WebhookHandler webhooks = WebhookHandler.builder(store, tokens, sharedSecret).build();
 * // in your HTTP endpoint:
 * try {
 *   WebhookResult next = webhooks.handle(requestBody, secretFromUrl);
 *   respond(200);
 *   switch (next) { case FullSyncDue f -> schedule(f.schoolId()); ... }
 * } catch (WebhookRejectedException e) {
 *   respond(e.httpStatus());
 * }
 * }</pre>
 *
 * <table>
 *   <caption>What each webhook does</caption>
 *   <tr><th>payload<th>school state<th>result
 *   <tr><td>{@code schoolApproved}<td>token saved; a FROZEN school becomes ACTIVE; a full read due
 *       <td>{@link WebhookResult.FullSyncDue}
 *   <tr><td>{@code accessRevoked}, {@code accessDeclined}<td>FROZEN; token deleted
 *       <td>{@link WebhookResult.Frozen}
 *   <tr><td>{@code schoolMigration}<td>MIGRATING (a frozen school stays frozen)
 *       <td>{@link WebhookResult.SyncDue}
 *   <tr><td>{@code writeback}, unknown types<td>unchanged<td>{@link WebhookResult.NothingToDo}
 * </table>
 *
 * <p>Idempotent: a redelivery of a webhook already acted on changes nothing (no store write, no
 * audit event) and returns {@link WebhookResult.NothingToDo} with {@code redelivered}. Each change
 * is audited ({@code webhook.<payload type>}), with ids only. Refusals are {@link
 * WebhookRejectedException}s and change nothing. The token never reaches a log, a message or the
 * audit trail.
 *
 * <p>Wonde's payloads carry no delivery id or time, so a redelivery is recognised by its effect: an
 * approval with the token already saved for a school that is not frozen; a revocation of a frozen
 * school; a migration with the same from, to and dates as the last one acted on.
 */
public final class WebhookHandler {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);

  /** The default body size limit: 1 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

  private final SyncStateStore store;
  private final TokenStore tokens;
  private final String secret;
  private final int maxBodyBytes;
  private final Clock clock;

  private WebhookHandler(Builder b) {
    this.store = b.store;
    this.tokens = b.tokens;
    this.secret = b.secret;
    this.maxBodyBytes = b.maxBodyBytes;
    this.clock = b.clock;
  }

  /**
   * A handler over the given stores.
   *
   * @param sharedSecret the secret you put in the webhook URL registered with Wonde; not blank
   */
  public static Builder builder(SyncStateStore store, TokenStore tokens, String sharedSecret) {
    return new Builder(store, tokens, sharedSecret);
  }

  /** Builds a {@link WebhookHandler}. */
  public static final class Builder {
    private final SyncStateStore store;
    private final TokenStore tokens;
    private final String secret;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Clock clock = Clock.systemUTC();

    private Builder(SyncStateStore store, TokenStore tokens, String secret) {
      this.store = Objects.requireNonNull(store, "store");
      this.tokens = Objects.requireNonNull(tokens, "tokens");
      if (secret.isBlank()) {
        throw new IllegalArgumentException("the shared secret must not be blank");
      }
      this.secret = secret;
    }

    /** Bodies longer than this many bytes are refused (default 1 MiB). */
    public Builder maxBodyBytes(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive");
      }
      this.maxBodyBytes = n;
      return this;
    }

    /** The clock for mode changes and audit events (default the system UTC clock). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public WebhookHandler build() {
      return new WebhookHandler(this);
    }
  }

  /**
   * Handles a request whose body is still a stream: reads at most the size limit plus one byte.
   *
   * @throws WebhookRejectedException if the secret is wrong, the body too large or malformed
   * @throws UncheckedIOException if the body cannot be read
   */
  public WebhookResult handle(InputStream body, @Nullable String providedSecret) {
    checkSecret(providedSecret);
    byte[] bytes;
    try {
      bytes = body.readNBytes(maxBodyBytes + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("webhook body could not be read", e);
    }
    return handle(bytes, providedSecret);
  }

  /**
   * Handles one webhook request.
   *
   * @param body the request body as received
   * @param providedSecret the secret the request carried (e.g. from its URL), or null
   * @throws WebhookRejectedException if the secret is wrong, the body too large or malformed;
   *     nothing is changed then
   */
  public WebhookResult handle(byte[] body, @Nullable String providedSecret) {
    checkSecret(providedSecret);
    if (body.length > maxBodyBytes) {
      throw new WebhookRejectedException(
          WebhookRejectedException.Reason.TOO_LARGE,
          "body is over the limit of " + maxBodyBytes + " bytes");
    }
    WebhookPayload payload;
    try {
      payload = WebhookParser.parse(body);
    } catch (RuntimeException e) {
      // the cause is not kept: a parser's message may quote the body, and the body a token
      throw new WebhookRejectedException(
          WebhookRejectedException.Reason.MALFORMED,
          "not a webhook payload (" + e.getClass().getSimpleName() + ")");
    }
    if (payload instanceof WebhookPayload.SchoolApproved a) {
      return approved(a);
    } else if (payload instanceof WebhookPayload.AccessRevoked r) {
      return frozen(r.schoolId(), "webhook.accessRevoked");
    } else if (payload instanceof WebhookPayload.AccessDeclined d) {
      return frozen(d.schoolId(), "webhook.accessDeclined");
    } else if (payload instanceof WebhookPayload.SchoolMigration m) {
      return migration(m);
    }
    LOG.debug("webhook of type {} changes no school state", payload.payloadType());
    return new WebhookResult.NothingToDo("", "not-about-a-school");
  }

  private void checkSecret(@Nullable String provided) {
    if (!WebhookSecrets.matches(secret, provided)) {
      throw new WebhookRejectedException(
          WebhookRejectedException.Reason.BAD_SECRET, "the shared secret is missing or wrong");
    }
  }

  private WebhookResult approved(WebhookPayload.SchoolApproved a) {
    String school = a.schoolId();
    String reason = "webhook.schoolApproved";
    boolean tokenChanged;
    try {
      Optional<String> saved = tokens.token(school);
      tokenChanged = saved.isEmpty() || !sameToken(saved.get(), a.schoolToken());
    } catch (TokenUnreadableException e) {
      // the new token replaces one that cannot be read (a lost key): the school works again
      tokenChanged = true;
    }
    if (tokenChanged) {
      tokens.saveToken(school, a.schoolToken());
    }
    Instant now = clock.instant();
    SchoolState before = store.schoolState(school);
    boolean changeToken = tokenChanged;
    SchoolState after =
        store.updateSchoolState(
            school,
            s -> {
              if (s.mode() == SchoolMode.FROZEN) {
                return s.withMode(SchoolMode.ACTIVE, reason, now).withFullReadDue(reason);
              }
              return changeToken ? s.withFullReadDue(reason) : s;
            });
    boolean changed = tokenChanged || !after.equals(before);
    return changed
        ? done(school, reason, before, after, new WebhookResult.FullSyncDue(school))
        : new WebhookResult.NothingToDo(school, "redelivered");
  }

  private WebhookResult frozen(String school, String reason) {
    Instant now = clock.instant();
    boolean hadToken = hasToken(school) && tokens.deleteToken(school);
    SchoolState before = store.schoolState(school);
    SchoolState after =
        store.updateSchoolState(school, s -> s.withMode(SchoolMode.FROZEN, reason, now));
    boolean changed = hadToken || !after.equals(before);
    return changed
        ? done(school, reason, before, after, new WebhookResult.Frozen(school))
        : new WebhookResult.NothingToDo(school, "redelivered");
  }

  private WebhookResult migration(WebhookPayload.SchoolMigration m) {
    String school = m.schoolId();
    String reason = "webhook.schoolMigration";
    String key =
        m.migrateFrom().orElse("")
            + ">"
            + m.migrateTo().orElse("")
            + "@"
            + m.scheduledAt().map(Instant::toString).orElse("")
            + "/"
            + m.completedAt().map(Instant::toString).orElse("");
    Instant now = clock.instant();
    SchoolState before = store.schoolState(school);
    SchoolState after =
        store.updateSchoolState(
            school,
            s -> {
              if (key.equals(s.migrationKey()) || s.mode() == SchoolMode.FROZEN) {
                return s;
              }
              return s.withMode(SchoolMode.MIGRATING, reason, now).withMigrationKey(key);
            });
    if (after.equals(before)) {
      return new WebhookResult.NothingToDo(
          school, after.mode() == SchoolMode.FROZEN ? "frozen" : "redelivered");
    }
    return done(school, reason, before, after, new WebhookResult.SyncDue(school));
  }

  private WebhookResult done(
      String school, String reason, SchoolState before, SchoolState after, WebhookResult r) {
    store.appendAudit(
        new AuditEvent(
            school,
            clock.instant(),
            reason,
            "",
            Map.of(
                "modeBefore", before.mode().name(),
                "mode", after.mode().name(),
                "fullReadDue", Boolean.toString(after.fullReadDue()))));
    LOG.info("school {}: {} -> mode {}", school, reason, after.mode());
    return r;
  }

  private boolean hasToken(String school) {
    try {
      return tokens.token(school).isPresent();
    } catch (TokenUnreadableException e) {
      return true; // an unreadable token is still one to forget
    }
  }

  private static boolean sameToken(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
