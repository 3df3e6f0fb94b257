package io.missync.wonde.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.spi.AuditEvent;
import io.missync.core.spi.SchoolMode;
import io.missync.core.spi.SchoolState;
import io.missync.core.spi.TokenStore;
import io.missync.core.store.InMemorySyncStateStore;
import io.missync.core.store.InMemoryTokenStore;
import io.missync.wonde.TokenProvider;
import io.missync.wonde.WondeException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every webhook kind, redelivered and malformed, through {@link WebhookHandler#handle}. */
class WebhookHandlerTest {
  private static final String SECRET = "shared-secret-in-the-url";
  private static final String SCHOOL = "A1930499544";
  private static final String TOKEN = "wonde-school-token-0123456789abcdef";
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

  private final InMemorySyncStateStore store = new InMemorySyncStateStore();
  private final CountingTokens tokens = new CountingTokens();
  private final WebhookHandler handler =
      WebhookHandler.builder(store, tokens, SECRET).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

  /** Counts writes, to show a redelivery writes nothing. */
  static final class CountingTokens implements TokenStore {
    final InMemoryTokenStore d = new InMemoryTokenStore();
    final AtomicInteger writes = new AtomicInteger();

    @Override
    public Optional<String> token(String schoolId) {
      return d.token(schoolId);
    }

    @Override
    public void saveToken(String schoolId, String token) {
      writes.incrementAndGet();
      d.saveToken(schoolId, token);
    }

    @Override
    public boolean deleteToken(String schoolId) {
      writes.incrementAndGet();
      return d.deleteToken(schoolId);
    }
  }

  private static byte[] approved(String token) {
    return ("{\"payload_type\":\"schoolApproved\",\"school_id\":\""
            + SCHOOL
            + "\",\"school_name\":\"Wonde Testing School\",\"school_token\":\""
            + token
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] body(String type, String extra) {
    return ("{\"payload_type\":\"" + type + "\",\"school_id\":\"" + SCHOOL + "\"" + extra + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static final byte[] REVOKED = body("accessRevoked", ",\"revoke_reason\":\"Left\"");
  private static final byte[] DECLINED = body("accessDeclined", ",\"decline_reason\":\"No\"");
  private static final byte[] MIGRATION =
      body(
          "schoolMigration",
          ",\"migrate_from\":\"SIMS\",\"migrate_to\":\"Arbor\","
              + "\"scheduled_at\":\"2026-08-01 00:00:00\"");

  private List<AuditEvent> audit() {
    return store.audit(SCHOOL, 100);
  }

  /** Asserts that handling the body again changes nothing and says it was redelivered. */
  private void assertRedeliveryChangesNothing(byte[] body) {
    SchoolState state = store.schoolState(SCHOOL);
    Optional<String> token = tokens.token(SCHOOL);
    int audits = audit().size();
    int writes = tokens.writes.get();
    WebhookResult again = handler.handle(body, SECRET);
    assertEquals(new WebhookResult.NothingToDo(SCHOOL, "redelivered"), again);
    assertEquals(state, store.schoolState(SCHOOL));
    assertEquals(token, tokens.token(SCHOOL));
    assertEquals(audits, audit().size(), "no audit event for a redelivery");
    assertEquals(writes, tokens.writes.get(), "no token write for a redelivery");
  }

  @Test
  void approvalSavesTheTokenAndDueAFirstFullSync() {
    WebhookResult r = handler.handle(approved(TOKEN), SECRET);
    assertEquals(new WebhookResult.FullSyncDue(SCHOOL), r);
    assertEquals(Optional.of(TOKEN), tokens.token(SCHOOL));
    SchoolState s = store.schoolState(SCHOOL);
    assertEquals(SchoolMode.ACTIVE, s.mode());
    assertTrue(s.fullReadDue());
    assertEquals("webhook.schoolApproved", audit().get(0).type());
    assertFalse(audit().get(0).details().toString().contains(TOKEN));
    assertEquals(TOKEN, TokenProvider.from(tokens).tokenForSchool(SCHOOL));
    assertRedeliveryChangesNothing(approved(TOKEN));
  }

  @Test
  void aNewTokenForAnApprovedSchoolIsSavedAndDueAFullSync() {
    handler.handle(approved(TOKEN), SECRET);
    store.updateSchoolState(SCHOOL, st -> st.withFullReadDone(NOW));
    WebhookResult r = handler.handle(approved("another-token-fedcba9876543210"), SECRET);
    assertEquals(new WebhookResult.FullSyncDue(SCHOOL), r);
    assertEquals(Optional.of("another-token-fedcba9876543210"), tokens.token(SCHOOL));
    assertTrue(store.schoolState(SCHOOL).fullReadDue());
  }

  @Test
  void revocationFreezesTheSchoolAndForgetsItsToken() {
    handler.handle(approved(TOKEN), SECRET);
    WebhookResult r = handler.handle(REVOKED, SECRET);
    assertEquals(new WebhookResult.Frozen(SCHOOL), r);
    SchoolState s = store.schoolState(SCHOOL);
    assertEquals(SchoolMode.FROZEN, s.mode());
    assertEquals("webhook.accessRevoked", s.modeReason());
    assertEquals(NOW, s.modeSince());
    assertEquals(Optional.empty(), tokens.token(SCHOOL));
    WondeException e =
        assertThrows(WondeException.class, () -> TokenProvider.from(tokens).tokenForSchool(SCHOOL));
    assertTrue(e.getMessage().contains(SCHOOL));
    assertRedeliveryChangesNothing(REVOKED);
  }

  @Test
  void declineFreezesTheSchool() {
    WebhookResult r = handler.handle(DECLINED, SECRET);
    assertEquals(new WebhookResult.Frozen(SCHOOL), r);
    assertEquals(SchoolMode.FROZEN, store.schoolState(SCHOOL).mode());
    assertEquals("webhook.accessDeclined", store.schoolState(SCHOOL).modeReason());
    assertRedeliveryChangesNothing(DECLINED);
    // a revocation of a school already frozen by a decline changes nothing either
    assertEquals(
        new WebhookResult.NothingToDo(SCHOOL, "redelivered"), handler.handle(REVOKED, SECRET));
  }

  @Test
  void aFrozenSchoolApprovedAgainIsActiveWithAFullSyncDue() {
    handler.handle(approved(TOKEN), SECRET);
    store.updateSchoolState(SCHOOL, st -> st.withFullReadDone(NOW));
    handler.handle(REVOKED, SECRET);
    WebhookResult r = handler.handle(approved(TOKEN), SECRET);
    assertEquals(new WebhookResult.FullSyncDue(SCHOOL), r);
    SchoolState s = store.schoolState(SCHOOL);
    assertEquals(SchoolMode.ACTIVE, s.mode());
    assertTrue(s.fullReadDue());
    assertEquals(Optional.of(TOKEN), tokens.token(SCHOOL));
    assertRedeliveryChangesNothing(approved(TOKEN));
  }

  @Test
  void migrationPutsTheSchoolInMigratingMode() {
    handler.handle(approved(TOKEN), SECRET);
    WebhookResult r = handler.handle(MIGRATION, SECRET);
    assertEquals(new WebhookResult.SyncDue(SCHOOL), r);
    SchoolState s = store.schoolState(SCHOOL);
    assertEquals(SchoolMode.MIGRATING, s.mode());
    assertEquals("webhook.schoolMigration", s.modeReason());
    assertRedeliveryChangesNothing(MIGRATION);
    // the migration completes and the school returns to ACTIVE; a late redelivery of the same
    // migration webhook does not start it again
    store.updateSchoolState(SCHOOL, st -> st.withMode(SchoolMode.ACTIVE, "migration.done", NOW));
    assertRedeliveryChangesNothing(MIGRATION);
    assertEquals(SchoolMode.ACTIVE, store.schoolState(SCHOOL).mode());
    // an approval redelivered while migrating leaves the migration alone
    store.updateSchoolState(
        SCHOOL, st -> st.withMode(SchoolMode.MIGRATING, "webhook.schoolMigration", NOW));
    assertRedeliveryChangesNothing(approved(TOKEN));
    assertEquals(SchoolMode.MIGRATING, store.schoolState(SCHOOL).mode());
  }

  @Test
  void aMigrationOfAFrozenSchoolLeavesItFrozen() {
    handler.handle(REVOKED, SECRET);
    WebhookResult r = handler.handle(MIGRATION, SECRET);
    assertEquals(new WebhookResult.NothingToDo(SCHOOL, "frozen"), r);
    assertEquals(SchoolMode.FROZEN, store.schoolState(SCHOOL).mode());
  }

  @Test
  void writebackAndUnknownTypesChangeNoSchool() {
    WebhookResult w =
        handler.handle(
            "{\"payload_type\":\"writeback\",\"writeback_id\":\"W1\"}"
                .getBytes(StandardCharsets.UTF_8),
            SECRET);
    assertInstanceOf(WebhookResult.NothingToDo.class, w);
    WebhookResult u = handler.handle(body("auditApproved", ""), SECRET);
    assertEquals(new WebhookResult.NothingToDo("", "not-about-a-school"), u);
    assertEquals(SchoolState.initial(SCHOOL), store.schoolState(SCHOOL));
    assertEquals(0, audit().size());
  }

  private void assertRefused(WebhookRejectedException.Reason reason, int status, Runnable call) {
    WebhookRejectedException e = assertThrows(WebhookRejectedException.class, call::run);
    assertEquals(reason, e.reason());
    assertEquals(status, e.httpStatus());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    assertEquals(SchoolState.initial(SCHOOL), store.schoolState(SCHOOL), "nothing changed");
    assertEquals(Optional.empty(), tokens.token(SCHOOL));
    assertEquals(0, tokens.writes.get());
  }

  @Test
  void aWrongOrMissingSecretIsRefusedBeforeAnythingIsRead() {
    assertRefused(
        WebhookRejectedException.Reason.BAD_SECRET,
        401,
        () -> handler.handle(approved(TOKEN), "wrong"));
    assertRefused(
        WebhookRejectedException.Reason.BAD_SECRET,
        401,
        () -> handler.handle(approved(TOKEN), null));
    assertRefused(
        WebhookRejectedException.Reason.BAD_SECRET,
        401,
        () -> handler.handle(approved(TOKEN), SECRET + "x"));
  }

  @Test
  void malformedBodiesAreRefusedWithoutQuotingThem() {
    String[] bodies = {
      "",
      "not json " + TOKEN,
      "[\"" + TOKEN + "\"]",
      "{\"school_id\":\"" + SCHOOL + "\",\"school_token\":\"" + TOKEN + "\"}",
      "{\"payload_type\":\"schoolApproved\",\"school_id\":\"" + SCHOOL + "\"}",
      "{\"payload_type\":\"schoolApproved\",\"school_token\":\"" + TOKEN + "\"}",
      "{\"payload_type\":\"accessRevoked\"}",
      "{\"payload_type\":\"schoolApproved\",\"school_id\":\""
          + SCHOOL
          + "\",\"school_token\":\""
          + TOKEN,
    };
    for (String b : bodies) {
      assertRefused(
          WebhookRejectedException.Reason.MALFORMED,
          400,
          () -> handler.handle(b.getBytes(StandardCharsets.UTF_8), SECRET));
    }
  }

  @Test
  void aBodyOverTheLimitIsRefused() {
    byte[] padded = new byte[WebhookHandler.DEFAULT_MAX_BODY_BYTES + 1];
    byte[] start = approved(TOKEN);
    System.arraycopy(start, 0, padded, 0, start.length);
    assertRefused(
        WebhookRejectedException.Reason.TOO_LARGE, 413, () -> handler.handle(padded, SECRET));
    WebhookHandler small = WebhookHandler.builder(store, tokens, SECRET).maxBodyBytes(64).build();
    assertRefused(
        WebhookRejectedException.Reason.TOO_LARGE,
        413,
        () -> small.handle(approved(TOKEN), SECRET));
  }

  @Test
  void aStreamedBodyIsReadNoFurtherThanTheLimit() {
    AtomicInteger read = new AtomicInteger();
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            read.incrementAndGet();
            return ' ';
          }
        };
    assertRefused(
        WebhookRejectedException.Reason.TOO_LARGE, 413, () -> handler.handle(endless, SECRET));
    assertTrue(read.get() <= WebhookHandler.DEFAULT_MAX_BODY_BYTES + 1, "read " + read.get());
    assertEquals(
        new WebhookResult.FullSyncDue(SCHOOL),
        handler.handle(new ByteArrayInputStream(approved(TOKEN)), SECRET));
  }
}
