package io.missync.store.jdbc;

import io.missync.core.EntityType;
import io.missync.core.MissyncException;
import io.missync.core.model.GroupKind;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.plan.ChangeKind;
import io.missync.core.spi.ApplyOutcome;
import io.missync.core.spi.ApplyRecord;
import io.missync.core.spi.AuditEvent;
import io.missync.core.spi.ChangeResult;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.Lease;
import io.missync.core.spi.LeaseLostException;
import io.missync.core.spi.SchoolState;
import io.missync.core.spi.StaleStateException;
import io.missync.core.spi.SyncStateStore;
import io.missync.core.state.Account;
import io.missync.core.state.ProductGroup;
import io.missync.core.state.ProductGuardianLink;
import io.missync.core.state.StateUpdate;
import io.missync.core.state.TargetState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SyncStateStore} in a relational database, through {@code java.sql} only. Tested on
 * PostgreSQL (12 or later) and on H2 2.x in file mode, the embedded database ({@link EmbeddedH2}),
 * from the same migration scripts. The statements are plain SQL (no upsert dialects, no {@code
 * LIMIT}; {@code SELECT ... FOR UPDATE} for row locks); the schema script uses {@code TEXT}, {@code
 * TIMESTAMP WITH TIME ZONE} and identity columns, so PostgreSQL-compatible databases are expected
 * to work (untested); MySQL, SQL Server and Oracle need their own script. Concurrent schema
 * migration is guarded by an advisory lock on PostgreSQL and a lock row on H2. The dialect is
 * detected where it matters: loads run at REPEATABLE READ on PostgreSQL and at H2's SNAPSHOT level
 * on H2 (both a snapshot of the whole database).
 *
 * <pre>{@code
 * SyncStateStore store = JdbcSyncStateStore.builder(dataSource)
 *     .schema("missync")          // optional; default: the connection's schema
 *     .tablePrefix("missync_")    // the default
 *     .build();                   // applies pending schema migrations
 * }</pre>
 *
 * <p>How the contract is kept:
 *
 * <ul>
 *   <li>Each school has one row holding its state version. {@link #commit} runs {@code UPDATE ...
 *       SET version = version + 1 WHERE school_id = ? AND version = ?} first, in the same
 *       transaction as the state rows it writes; no row updated means the plan is stale, and the
 *       transaction rolls back. {@link #recordOutcome}, {@link #beginApply} and {@link
 *       #finishApply} lock the school's row ({@code SELECT ... FOR UPDATE}) first and check, in the
 *       same transaction, that the caller holds the school's lease. Writers to one school are so
 *       serialised by the database; schools never wait for each other.
 *   <li>The school's lease lives in its row (holder, acquired, expires). {@link #tryAcquireLease}
 *       is one conditional {@code UPDATE ... WHERE lease_holder IS NULL OR lease_holder = ? OR
 *       lease_expires_at <= ?}, so of two runs racing for a school exactly one gets it. Expiry is
 *       judged by this store's clock: keep the hosts' clocks in step.
 *   <li>{@link #load} reads the version and every row in one transaction that sees a snapshot of
 *       the whole database, with four queries whatever the number of accounts.
 *   <li>An account's managed fields and memberships, a held plan's reasons and statistics, the
 *       state update of each journal entry and an audit event's details are kept in text columns,
 *       in a small tab-separated form with backslash escapes ({@code TextRecords} in the sources).
 *   <li>Instants are kept to the microsecond (truncated). Accounts come back ordered by id.
 * </ul>
 *
 * <p>Errors are {@link JdbcStoreException}s carrying the SQL state, never bound values; a state
 * update that breaks the state's rules (two accounts linked to one MIS person) is refused by the
 * database's unique indexes and changes nothing.
 */
public final class JdbcSyncStateStore implements SyncStateStore {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcSyncStateStore.class);
  private static final String IN_PROGRESS = ApplyRecord.Status.IN_PROGRESS.name();

  private final DataSource ds;
  private final Tables t;
  private final Clock clock;
  private final int batchSize;
  private final int fetchSize;
  private final SchoolStates schoolStates;

  /**
   * The isolation level of {@link #snapshot}: REPEATABLE READ is a snapshot of the whole database
   * on PostgreSQL, but on H2 it still lets rows inserted by others show up in a later query of the
   * same transaction; H2's own SNAPSHOT level is the whole-database snapshot there.
   */
  private final int snapshotIsolation;

  /** H2's JDBC code for its SNAPSHOT isolation level ({@code org.h2.engine.Constants}). */
  private static final int H2_TRANSACTION_SNAPSHOT = 6;

  private JdbcSyncStateStore(Builder b, boolean h2) {
    this.snapshotIsolation = h2 ? H2_TRANSACTION_SNAPSHOT : Connection.TRANSACTION_REPEATABLE_READ;
    this.ds = b.ds;
    this.t = new Tables(b.schema, b.prefix);
    this.clock = b.clock;
    this.batchSize = b.batchSize;
    this.fetchSize = b.fetchSize;
    this.schoolStates = new SchoolStates(b.ds, t);
  }

  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** Builds a {@link JdbcSyncStateStore}. */
  public static final class Builder {
    private final DataSource ds;
    private @Nullable String schema;
    private String prefix = "missync_";
    private Clock clock = Clock.systemUTC();
    private boolean migrate = true;
    private int batchSize = 500;
    private int fetchSize = 2000;

    private Builder(DataSource ds) {
      this.ds = Objects.requireNonNull(ds, "dataSource");
    }

    /** The database schema for the tables (created if missing); default the connection's own. */
    public Builder schema(@Nullable String schema) {
      this.schema = schema;
      return this;
    }

    /** Put before every table name; default {@code missync_}; letters, digits, underscores. */
    public Builder tablePrefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    /** The clock for journal start times and decision times; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Whether {@link #build()} applies pending schema migrations (default true). When false, build
     * checks that the schema is at the version this library expects.
     */
    public Builder migrate(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /** Rows per JDBC batch when writing state (default 500). */
    public Builder batchSize(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("batchSize must be positive");
      }
      this.batchSize = n;
      return this;
    }

    /** Rows per round trip when loading state (default 2000). */
    public Builder fetchSize(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("fetchSize must be positive");
      }
      this.fetchSize = n;
      return this;
    }

    /**
     * Builds the store, migrating the schema first if so configured.
     *
     * @throws JdbcStoreException if the database cannot be reached or the schema is not usable
     */
    public JdbcSyncStateStore build() {
      boolean h2;
      try (Connection c = ds.getConnection()) {
        h2 = SchemaMigrator.isH2(c);
      } catch (SQLException e) {
        throw new JdbcStoreException("schema migration", e);
      }
      JdbcSyncStateStore store = new JdbcSyncStateStore(this, h2);
      if (migrate) {
        store.migrate();
      } else {
        store.checkSchema();
      }
      return store;
    }
  }

  /** Applies pending schema migrations now; returns how many were applied. */
  public int migrate() {
    return new SchemaMigrator(t).migrate(ds);
  }

  private void checkSchema() {
    int v = autoCommit("schema check", c -> new SchemaMigrator(t).currentVersion(c));
    if (v != SchemaMigrator.LATEST) {
      throw new JdbcStoreException(
          "store-jdbc: the database schema is at version "
              + v
              + ", this library needs version "
              + SchemaMigrator.LATEST
              + "; migrate it (migrate(true) or JdbcSyncStateStore.migrate())");
    }
  }

  // ------------------------------------------------------------------ state

  @Override
  public TargetState load(String schoolId) {
    return snapshot(
        "load of school " + schoolId,
        c -> {
          long version = currentVersion(c, schoolId).orElse(0L);
          TargetState.Builder b = TargetState.builder(schoolId, version);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT account_id, kind, link_type, link_id, active, deactivated_on, username,"
                      + " credentials_issued, protected_account, fields, memberships, suspended"
                      + " FROM "
                      + t.account()
                      + " WHERE school_id = ? ORDER BY account_id")) {
            ps.setFetchSize(fetchSize);
            ps.setString(1, schoolId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                b.putAccount(readAccount(rs));
              }
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT group_id, source_group_id, kind, name, subject, archived FROM "
                      + t.group()
                      + " WHERE school_id = ? ORDER BY group_id")) {
            ps.setFetchSize(fetchSize);
            ps.setString(1, schoolId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                b.putGroup(
                    new ProductGroup(
                        rs.getString(1),
                        rs.getString(2),
                        enumOf(GroupKind.class, rs.getString(3), "group kind"),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getBoolean(6)));
              }
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT contact_account_id, student_account_id, relationship,"
                      + " parental_responsibility FROM "
                      + t.link()
                      + " WHERE school_id = ? ORDER BY link_key")) {
            ps.setFetchSize(fetchSize);
            ps.setString(1, schoolId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                b.putGuardianLink(
                    new ProductGuardianLink(
                        rs.getString(1),
                        rs.getString(2),
                        Relationship.of(rs.getString(3)),
                        rs.getBoolean(4)));
              }
            }
          }
          try {
            return b.build();
          } catch (MissyncException e) {
            throw new JdbcStoreException(
                "store-jdbc: stored state of school " + schoolId + " breaks the state's rules");
          }
        });
  }

  private static Account readAccount(ResultSet rs) throws SQLException {
    EntityType kind = enumOf(EntityType.class, rs.getString(2), "account kind");
    @Nullable String linkType = rs.getString(3);
    @Nullable String linkId = rs.getString(4);
    PersonRef link = null;
    if (linkType != null && linkId != null) {
      link = new PersonRef(enumOf(EntityType.class, linkType, "account link type"), linkId);
    }
    Account.Builder a =
        Account.builder(rs.getString(1), kind)
            .link(link)
            .active(rs.getBoolean(5))
            .deactivatedOn(rs.getObject(6, LocalDate.class))
            .username(rs.getString(7))
            .credentialsIssued(rs.getBoolean(8))
            .protectedAccount(rs.getBoolean(9))
            .suspended(rs.getBoolean(12));
    Codecs.readFields(rs.getString(10), a);
    Codecs.readMemberships(rs.getString(11), a);
    return a.build();
  }

  @Override
  public long commit(String schoolId, long expectedVersion, StateUpdate update) {
    return write(
        "commit for school " + schoolId,
        schoolId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE "
                      + t.school()
                      + " SET version = version + 1 WHERE school_id = ? AND version = ?")) {
            ps.setString(1, schoolId);
            ps.setLong(2, expectedVersion);
            if (ps.executeUpdate() != 1) {
              throw new StaleStateException(
                  schoolId, expectedVersion, currentVersion(c, schoolId).orElse(0L));
            }
          }
          applyUpdate(c, schoolId, update);
          return expectedVersion + 1;
        });
  }

  /** Writes a state update's rows; the caller holds the school's row lock. */
  private void applyUpdate(Connection c, String school, StateUpdate u) throws SQLException {
    if (u.isEmpty()) {
      return;
    }
    LinkedHashMap<String, Account> accounts = new LinkedHashMap<>();
    u.accounts().forEach(a -> accounts.put(a.accountId(), a));
    Set<String> goneAccounts = new LinkedHashSet<>(u.removedAccounts());
    goneAccounts.addAll(accounts.keySet());
    deleteByKey(c, t.account(), "account_id", school, goneAccounts);
    batch(
        c,
        "INSERT INTO "
            + t.account()
            + " (school_id, account_id, kind, link_type, link_id, active, deactivated_on,"
            + " username, credentials_issued, protected_account, fields, memberships, suspended)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        accounts.values(),
        (ps, a) -> {
          ps.setString(1, school);
          ps.setString(2, a.accountId());
          ps.setString(3, a.kind().name());
          Optional<PersonRef> link = a.link();
          setNullableString(ps, 4, link.map(l -> l.type().name()).orElse(null));
          setNullableString(ps, 5, link.map(PersonRef::id).orElse(null));
          ps.setBoolean(6, a.active());
          Optional<LocalDate> day = a.deactivatedOn();
          if (day.isPresent()) {
            ps.setObject(7, day.get());
          } else {
            ps.setNull(7, Types.DATE);
          }
          setNullableString(ps, 8, a.username().orElse(null));
          ps.setBoolean(9, a.credentialsIssued());
          ps.setBoolean(10, a.isProtected());
          ps.setString(11, Codecs.fields(a.fields()));
          ps.setString(12, Codecs.memberships(a.groups()));
          ps.setBoolean(13, a.suspended());
        });

    LinkedHashMap<String, ProductGroup> groups = new LinkedHashMap<>();
    u.groups().forEach(g -> groups.put(g.groupId(), g));
    Set<String> goneGroups = new LinkedHashSet<>(u.removedGroups());
    goneGroups.addAll(groups.keySet());
    deleteByKey(c, t.group(), "group_id", school, goneGroups);
    batch(
        c,
        "INSERT INTO "
            + t.group()
            + " (school_id, group_id, source_group_id, kind, name, subject, archived)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        groups.values(),
        (ps, g) -> {
          ps.setString(1, school);
          ps.setString(2, g.groupId());
          setNullableString(ps, 3, g.sourceGroupId());
          ps.setString(4, g.kind().name());
          ps.setString(5, g.name());
          setNullableString(ps, 6, g.subject());
          ps.setBoolean(7, g.archived());
        });

    LinkedHashMap<String, ProductGuardianLink> links = new LinkedHashMap<>();
    u.guardianLinks().forEach(l -> links.put(l.key(), l));
    Set<String> goneLinks = new LinkedHashSet<>(u.removedGuardianLinks());
    goneLinks.addAll(links.keySet());
    deleteByKey(c, t.link(), "link_key", school, goneLinks);
    batch(
        c,
        "INSERT INTO "
            + t.link()
            + " (school_id, link_key, contact_account_id, student_account_id, relationship,"
            + " parental_responsibility) VALUES (?, ?, ?, ?, ?, ?)",
        links.values(),
        (ps, l) -> {
          ps.setString(1, school);
          ps.setString(2, l.key());
          ps.setString(3, l.contactAccountId());
          ps.setString(4, l.studentAccountId());
          ps.setString(5, l.relationship().value());
          ps.setBoolean(6, l.parentalResponsibility());
        });
  }

  private static final int DELETE_CHUNK = 200;

  /** Deletes rows by key, {@value #DELETE_CHUNK} keys to a statement ({@code IN} lists). */
  private void deleteByKey(
      Connection c, String table, String column, String school, Set<String> keys)
      throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    List<String> all = new ArrayList<>(keys);
    String prefix = "DELETE FROM " + table + " WHERE school_id = ? AND " + column + " IN (";
    @Nullable PreparedStatement full = null;
    try {
      for (int from = 0; from < all.size(); from += DELETE_CHUNK) {
        int n = Math.min(DELETE_CHUNK, all.size() - from);
        PreparedStatement ps;
        if (n == DELETE_CHUNK) {
          if (full == null) {
            full = c.prepareStatement(prefix + placeholders(n) + ")");
          }
          ps = full;
        } else {
          ps = c.prepareStatement(prefix + placeholders(n) + ")");
        }
        try {
          ps.setString(1, school);
          for (int i = 0; i < n; i++) {
            ps.setString(i + 2, all.get(from + i));
          }
          ps.executeUpdate();
        } finally {
          if (ps != full) {
            ps.close();
          }
        }
      }
    } finally {
      if (full != null) {
        full.close();
      }
    }
  }

  private static String placeholders(int n) {
    StringBuilder sb = new StringBuilder(n * 3);
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "?" : ", ?");
    }
    return sb.toString();
  }

  private interface Binder<T> {
    void bind(PreparedStatement ps, T value) throws SQLException;
  }

  private <T> void batch(Connection c, String sql, Iterable<T> rows, Binder<T> binder)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int pending = 0;
      for (T row : rows) {
        binder.bind(ps, row);
        ps.addBatch();
        if (++pending == batchSize) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    }
  }

  // ------------------------------------------------------------------ apply journal

  private boolean journalExists(Connection c, String schoolId, String planId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM " + t.journal() + " WHERE school_id = ? AND plan_id = ?")) {
      ps.setString(1, schoolId);
      ps.setString(2, planId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Override
  public void beginApply(Lease lease, String planId, long expectedVersion, int changeCount) {
    String schoolId = lease.schoolId();
    writeVoid(
        "begin apply of plan " + planId + " for school " + schoolId,
        schoolId,
        c -> {
          long v = lockForHolder(c, lease);
          if (v != expectedVersion) {
            throw new StaleStateException(schoolId, expectedVersion, v);
          }
          Instant now = clock.instant();
          int updated;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE "
                      + t.journal()
                      + " SET base_version = ?, change_count = ?, started_at = ?, status = ?"
                      + " WHERE school_id = ? AND plan_id = ? AND status <> ?")) {
            ps.setLong(1, expectedVersion);
            ps.setInt(2, changeCount);
            setInstant(ps, 3, now);
            ps.setString(4, IN_PROGRESS);
            ps.setString(5, schoolId);
            ps.setString(6, planId);
            ps.setString(7, IN_PROGRESS);
            updated = ps.executeUpdate();
          }
          if (updated == 0 && journalExists(c, schoolId, planId)) {
            // an apply still in progress is never replaced: its outcomes would be forgotten
            throw new MissyncException(
                "apply of plan " + planId + " for school " + schoolId + " is still in progress");
          }
          if (updated > 0) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "DELETE FROM " + t.outcome() + " WHERE school_id = ? AND plan_id = ?")) {
              ps.setString(1, schoolId);
              ps.setString(2, planId);
              ps.executeUpdate();
            }
            return;
          }
          long seq = nextSeq(c, "journal_seq", t.journal(), schoolId, null);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO "
                      + t.journal()
                      + " (school_id, plan_id, journal_seq, base_version, change_count,"
                      + " started_at, status) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, schoolId);
            ps.setString(2, planId);
            ps.setLong(3, seq);
            ps.setLong(4, expectedVersion);
            ps.setInt(5, changeCount);
            setInstant(ps, 6, now);
            ps.setString(7, IN_PROGRESS);
            ps.executeUpdate();
          }
        });
  }

  @Override
  public long recordOutcome(Lease lease, String planId, int index, ApplyOutcome outcome) {
    String schoolId = lease.schoolId();
    return write(
        "record outcome " + index + " of plan " + planId + " for school " + schoolId,
        null,
        c -> {
          long v = lockForHolder(c, lease);
          String status = journalStatus(c, schoolId, planId);
          if (status == null) {
            throw noApply(schoolId, planId);
          }
          if (!status.equals(IN_PROGRESS)) {
            throw new MissyncException("apply of plan " + planId + " is already " + status);
          }
          long seq = nextSeq(c, "seq", t.outcome(), schoolId, planId);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO "
                      + t.outcome()
                      + " (school_id, plan_id, seq, change_index, change_kind, subject,"
                      + " result_type, result_text, retryable, state_update)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, schoolId);
            ps.setString(2, planId);
            ps.setLong(3, seq);
            ps.setInt(4, index);
            ps.setString(5, outcome.kind().name());
            ps.setString(6, outcome.subject());
            ChangeResult r = outcome.result();
            if (r instanceof ChangeResult.Applied a) {
              ps.setString(7, "APPLIED");
              setNullableString(ps, 8, a.assignedId());
              ps.setBoolean(9, false);
            } else if (r instanceof ChangeResult.Failed f) {
              ps.setString(7, "FAILED");
              ps.setString(8, f.message());
              ps.setBoolean(9, f.retryable());
            } else if (r instanceof ChangeResult.Skipped s) {
              ps.setString(7, "SKIPPED");
              ps.setString(8, s.why());
              ps.setBoolean(9, false);
            } else {
              throw new IllegalStateException("unknown ChangeResult " + r.getClass());
            }
            ps.setString(10, Codecs.stateUpdate(outcome.update()));
            ps.executeUpdate();
          }
          applyUpdate(c, schoolId, outcome.update());
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE "
                      + t.school()
                      + " SET version = ? WHERE school_id = ? AND version = ?")) {
            ps.setLong(1, v + 1);
            ps.setString(2, schoolId);
            ps.setLong(3, v);
            if (ps.executeUpdate() != 1) {
              throw new JdbcStoreException(
                  "store-jdbc: version of school " + schoolId + " moved while locked");
            }
          }
          return v + 1;
        });
  }

  @Override
  public void finishApply(Lease lease, String planId, ApplyRecord.Status status) {
    String schoolId = lease.schoolId();
    writeVoid(
        "finish apply of plan " + planId + " for school " + schoolId,
        null,
        c -> {
          lockForHolder(c, lease);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE "
                      + t.journal()
                      + " SET status = ? WHERE school_id = ? AND plan_id = ?")) {
            ps.setString(1, status.name());
            ps.setString(2, schoolId);
            ps.setString(3, planId);
            if (ps.executeUpdate() != 1) {
              throw noApply(schoolId, planId);
            }
          }
        });
  }

  private static MissyncException noApply(String schoolId, String planId) {
    return new MissyncException("no apply begun for plan " + planId + " of school " + schoolId);
  }

  private @Nullable String journalStatus(Connection c, String school, String plan)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT status FROM " + t.journal() + " WHERE school_id = ? AND plan_id = ?")) {
      ps.setString(1, school);
      ps.setString(2, plan);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private long nextSeq(
      Connection c, String column, String table, String school, @Nullable String plan)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COALESCE(MAX("
                + column
                + "), 0) + 1 FROM "
                + table
                + " WHERE school_id = ?"
                + (plan == null ? "" : " AND plan_id = ?"))) {
      ps.setString(1, school);
      if (plan != null) {
        ps.setString(2, plan);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Override
  public List<ApplyRecord> unfinishedApplies(String schoolId) {
    return snapshot(
        "unfinished applies of school " + schoolId, c -> readJournals(c, schoolId, null));
  }

  @Override
  public Optional<ApplyRecord> applyRecord(String schoolId, String planId) {
    List<ApplyRecord> found =
        snapshot(
            "apply record of plan " + planId + " for school " + schoolId,
            c -> readJournals(c, schoolId, planId));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** The journals of one plan, or every unfinished one when {@code planId} is null. */
  private List<ApplyRecord> readJournals(Connection c, String school, @Nullable String planId)
      throws SQLException {
    String where = planId == null ? " AND j.status = '" + IN_PROGRESS + "'" : " AND j.plan_id = ?";
    record Head(String planId, long base, int count, Instant started, ApplyRecord.Status status) {}
    List<Head> heads = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT j.plan_id, j.base_version, j.change_count, j.started_at, j.status FROM "
                + t.journal()
                + " j WHERE j.school_id = ?"
                + where
                + " ORDER BY j.journal_seq")) {
      ps.setString(1, school);
      if (planId != null) {
        ps.setString(2, planId);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          heads.add(
              new Head(
                  rs.getString(1),
                  rs.getLong(2),
                  rs.getInt(3),
                  instant(rs, 4),
                  enumOf(ApplyRecord.Status.class, rs.getString(5), "journal status")));
        }
      }
    }
    if (heads.isEmpty()) {
      return List.of();
    }
    Map<String, List<ApplyRecord.IndexedOutcome>> outcomes = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT o.plan_id, o.change_index, o.change_kind, o.subject, o.result_type,"
                + " o.result_text, o.retryable, o.state_update FROM "
                + t.outcome()
                + " o JOIN "
                + t.journal()
                + " j ON j.school_id = o.school_id AND j.plan_id = o.plan_id"
                + " WHERE j.school_id = ?"
                + where
                + " ORDER BY o.plan_id, o.change_index, o.seq")) {
      ps.setFetchSize(fetchSize);
      ps.setString(1, school);
      if (planId != null) {
        ps.setString(2, planId);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          @Nullable String text = rs.getString(6);
          String type = rs.getString(5);
          ChangeResult result =
              switch (type) {
                case "APPLIED" -> new ChangeResult.Applied(text);
                case "FAILED" -> new ChangeResult.Failed(nonNull(text), rs.getBoolean(7));
                case "SKIPPED" -> new ChangeResult.Skipped(nonNull(text));
                default -> throw Codecs.unreadable("journal outcome", "unknown result type");
              };
          ApplyOutcome o =
              new ApplyOutcome(
                  enumOf(ChangeKind.class, rs.getString(3), "journal change kind"),
                  rs.getString(4),
                  result,
                  Codecs.readStateUpdate(rs.getString(8)));
          outcomes
              .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(new ApplyRecord.IndexedOutcome(rs.getInt(2), o));
        }
      }
    }
    List<ApplyRecord> out = new ArrayList<>(heads.size());
    for (Head h : heads) {
      out.add(
          new ApplyRecord(
              school,
              h.planId(),
              h.base(),
              h.count(),
              h.started(),
              h.status(),
              outcomes.getOrDefault(h.planId(), List.of())));
    }
    return out;
  }

  private static String nonNull(@Nullable String s) {
    if (s == null) {
      throw Codecs.unreadable("journal outcome", "message is missing");
    }
    return s;
  }

  // ------------------------------------------------------------------ watermarks

  @Override
  public Optional<String> watermark(String schoolId, String name) {
    return autoCommit(
        "watermark of school " + schoolId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT wm_value FROM "
                      + t.watermark()
                      + " WHERE school_id = ? AND wm_name = ?")) {
            ps.setString(1, schoolId);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  @Override
  public void saveWatermark(String schoolId, String name, String value) {
    autoCommitVoid(
        "save watermark of school " + schoolId,
        c ->
            upsert(
                () -> {
                  try (PreparedStatement ps =
                      c.prepareStatement(
                          "UPDATE "
                              + t.watermark()
                              + " SET wm_value = ? WHERE school_id = ? AND wm_name = ?")) {
                    ps.setString(1, value);
                    ps.setString(2, schoolId);
                    ps.setString(3, name);
                    return ps.executeUpdate();
                  }
                },
                () -> {
                  try (PreparedStatement ps =
                      c.prepareStatement(
                          "INSERT INTO "
                              + t.watermark()
                              + " (school_id, wm_name, wm_value) VALUES (?, ?, ?)")) {
                    ps.setString(1, schoolId);
                    ps.setString(2, name);
                    ps.setString(3, value);
                    return ps.executeUpdate();
                  }
                }));
  }

  private interface Statement {
    int run() throws SQLException;
  }

  /**
   * Update, else insert, else (another writer inserted in between) update again. Each statement
   * commits on its own, so a refused insert leaves no transaction aborted.
   */
  private static void upsert(Statement update, Statement insert) throws SQLException {
    if (update.run() > 0) {
      return;
    }
    try {
      insert.run();
    } catch (SQLException e) {
      if (!isUniqueViolation(e) || update.run() == 0) {
        throw e;
      }
    }
  }

  // ------------------------------------------------------------------ held plans

  @Override
  public void holdPlan(HeldPlan plan) {
    autoCommitVoid(
        "hold plan " + plan.planId() + " for school " + plan.schoolId(),
        c ->
            upsert(
                () -> {
                  try (PreparedStatement ps =
                      c.prepareStatement(
                          "UPDATE "
                              + t.held()
                              + " SET state_version = ?, held_at = ?, reasons = ?,"
                              + " statistics = ?, decision = ?, decided_by = ?, decided_at = ?"
                              + " WHERE school_id = ? AND plan_id = ?")) {
                    bindHeld(ps, plan, 1);
                    ps.setString(8, plan.schoolId());
                    ps.setString(9, plan.planId());
                    return ps.executeUpdate();
                  }
                },
                () -> {
                  try (PreparedStatement ps =
                      c.prepareStatement(
                          "INSERT INTO "
                              + t.held()
                              + " (state_version, held_at, reasons, statistics, decision,"
                              + " decided_by, decided_at, school_id, plan_id)"
                              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    bindHeld(ps, plan, 1);
                    ps.setString(8, plan.schoolId());
                    ps.setString(9, plan.planId());
                    return ps.executeUpdate();
                  }
                }));
  }

  private static void bindHeld(PreparedStatement ps, HeldPlan p, int from) throws SQLException {
    ps.setLong(from, p.stateVersion());
    setInstant(ps, from + 1, p.heldAt());
    ps.setString(from + 2, Codecs.reasons(p.reasons()));
    ps.setString(from + 3, Codecs.statistics(p.statistics()));
    ps.setString(from + 4, p.decision().name());
    setNullableString(ps, from + 5, p.decidedBy());
    Instant at = p.decidedAt();
    if (at == null) {
      ps.setNull(from + 6, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      setInstant(ps, from + 6, at);
    }
  }

  @Override
  public Optional<HeldPlan> heldPlan(String schoolId, String planId) {
    List<HeldPlan> found =
        autoCommit(
            "held plan " + planId + " of school " + schoolId, c -> readHeld(c, schoolId, planId));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public List<HeldPlan> heldPlans(String schoolId) {
    return autoCommit("held plans of school " + schoolId, c -> readHeld(c, schoolId, null));
  }

  private List<HeldPlan> readHeld(Connection c, String school, @Nullable String planId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT plan_id, state_version, held_at, reasons, statistics, decision, decided_by,"
                + " decided_at FROM "
                + t.held()
                + " WHERE school_id = ?"
                + (planId == null ? "" : " AND plan_id = ?")
                + " ORDER BY held_at DESC, held_seq")) {
      ps.setString(1, school);
      if (planId != null) {
        ps.setString(2, planId);
      }
      List<HeldPlan> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          OffsetDateTime decidedAt = rs.getObject(8, OffsetDateTime.class);
          out.add(
              new HeldPlan(
                  school,
                  rs.getString(1),
                  rs.getLong(2),
                  instant(rs, 3),
                  Codecs.readReasons(rs.getString(4)),
                  Codecs.readStatistics(rs.getString(5)),
                  enumOf(HeldPlan.Decision.class, rs.getString(6), "held plan decision"),
                  rs.getString(7),
                  decidedAt == null ? null : decidedAt.toInstant()));
        }
      }
      return out;
    }
  }

  @Override
  public void decide(String schoolId, String planId, HeldPlan.Decision decision, String actor) {
    Instant at = clock.instant();
    writeVoid(
        "decision on plan " + planId + " for school " + schoolId,
        null,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE "
                      + t.held()
                      + " SET decision = ?, decided_by = ?, decided_at = ?"
                      + " WHERE school_id = ? AND plan_id = ?")) {
            ps.setString(1, decision.name());
            ps.setString(2, actor);
            setInstant(ps, 3, at);
            ps.setString(4, schoolId);
            ps.setString(5, planId);
            if (ps.executeUpdate() == 0) {
              throw new MissyncException("no held plan " + planId + " for school " + schoolId);
            }
          }
          // audited with the decision, in the same transaction
          insertAudit(
              c,
              new AuditEvent(
                  schoolId,
                  at,
                  "plan.decided",
                  planId,
                  Map.of("decision", decision.name(), "by", actor)));
        });
  }

  // ------------------------------------------------------------------ audit

  @Override
  public void appendAudit(AuditEvent event) {
    autoCommitVoid("append audit for school " + event.schoolId(), c -> insertAudit(c, event));
  }

  private void insertAudit(Connection c, AuditEvent event) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + t.audit()
                + " (school_id, occurred_at, event_type, plan_id, details)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, event.schoolId());
      setInstant(ps, 2, event.at());
      ps.setString(3, event.type());
      ps.setString(4, event.planId());
      ps.setString(5, Codecs.details(event.details()));
      ps.executeUpdate();
    }
  }

  // ------------------------------------------------------------------ leases

  @Override
  public Optional<Lease> tryAcquireLease(String schoolId, String holder, Duration ttl) {
    checkTtl(ttl);
    return write(
        "lease of school " + schoolId,
        schoolId,
        c -> {
          Instant now = clock.instant();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE "
                      + t.school()
                      + " SET lease_acquired_at = CASE WHEN lease_holder = ? THEN lease_acquired_at"
                      + " ELSE ? END, lease_holder = ?, lease_expires_at = ? WHERE school_id = ?"
                      + " AND (lease_holder IS NULL OR lease_holder = ? OR lease_expires_at <= ?)")) {
            ps.setString(1, holder);
            setInstant(ps, 2, now);
            ps.setString(3, holder);
            setInstant(ps, 4, now.plus(ttl));
            ps.setString(5, schoolId);
            ps.setString(6, holder);
            setInstant(ps, 7, now);
            if (ps.executeUpdate() == 0) {
              return Optional.<Lease>empty();
            }
          }
          return readLease(c, schoolId);
        });
  }

  private static void checkTtl(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("a lease must last a positive time");
    }
  }

  @Override
  public Lease renewLease(Lease lease, Duration ttl) {
    checkTtl(ttl);
    String schoolId = lease.schoolId();
    return write(
        "renew lease of school " + schoolId,
        null,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE "
                      + t.school()
                      + " SET lease_expires_at = ? WHERE school_id = ? AND lease_holder = ?")) {
            setInstant(ps, 1, clock.instant().plus(ttl));
            ps.setString(2, schoolId);
            ps.setString(3, lease.holder());
            if (ps.executeUpdate() == 0) {
              throw new LeaseLostException(schoolId, lease.holder());
            }
          }
          return readLease(c, schoolId).orElseThrow();
        });
  }

  @Override
  public void releaseLease(Lease lease) {
    autoCommitVoid(
        "release lease of school " + lease.schoolId(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE "
                      + t.school()
                      + " SET lease_holder = NULL, lease_acquired_at = NULL,"
                      + " lease_expires_at = NULL WHERE school_id = ? AND lease_holder = ?")) {
            ps.setString(1, lease.schoolId());
            ps.setString(2, lease.holder());
            ps.executeUpdate();
          }
        });
  }

  @Override
  public Optional<Lease> lease(String schoolId) {
    return autoCommit("lease of school " + schoolId, c -> readLease(c, schoolId));
  }

  private Optional<Lease> readLease(Connection c, String schoolId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT lease_holder, lease_acquired_at, lease_expires_at FROM "
                + t.school()
                + " WHERE school_id = ? AND lease_holder IS NOT NULL")) {
      ps.setString(1, schoolId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Lease(schoolId, rs.getString(1), instant(rs, 2), instant(rs, 3)));
      }
    }
  }

  /**
   * Locks the school's row and returns its version, if {@code lease} is the school's current lease.
   *
   * @throws LeaseLostException otherwise
   */
  private long lockForHolder(Connection c, Lease lease) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT version, lease_holder FROM "
                + t.school()
                + " WHERE school_id = ? FOR UPDATE")) {
      ps.setString(1, lease.schoolId());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || !lease.holder().equals(rs.getString(2))) {
          throw new LeaseLostException(lease.schoolId(), lease.holder());
        }
        return rs.getLong(1);
      }
    }
  }

  @Override
  public List<AuditEvent> audit(String schoolId, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("audit limit must not be negative");
    }
    if (limit == 0) {
      return List.of();
    }
    return autoCommit(
        "audit of school " + schoolId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT occurred_at, event_type, plan_id, details FROM "
                      + t.audit()
                      + " WHERE school_id = ? ORDER BY event_id DESC")) {
            ps.setMaxRows(limit);
            ps.setFetchSize(Math.min(limit, fetchSize));
            ps.setString(1, schoolId);
            List<AuditEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next() && out.size() < limit) {
                out.add(
                    new AuditEvent(
                        schoolId,
                        instant(rs, 1),
                        rs.getString(2),
                        rs.getString(3),
                        Codecs.readDetails(rs.getString(4))));
              }
            }
            return out;
          }
        });
  }

  // ------------------------------------------------------------------ school state

  @Override
  public SchoolState schoolState(String schoolId) {
    return schoolStates.get(schoolId);
  }

  @Override
  public SchoolState updateSchoolState(String schoolId, UnaryOperator<SchoolState> change) {
    return schoolStates.update(schoolId, change);
  }

  @Override
  public Optional<MisSnapshot> snapshotBase(String schoolId) {
    return schoolStates.base(schoolId);
  }

  @Override
  public void saveSnapshotBase(String schoolId, MisSnapshot snapshot) {
    schoolStates.saveBase(schoolId, snapshot);
  }

  @Override
  public void clearSnapshotBase(String schoolId) {
    schoolStates.clearBase(schoolId);
  }

  // ------------------------------------------------------------------ plumbing

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private interface VoidWork {
    void run(Connection c) throws SQLException;
  }

  private void autoCommitVoid(String operation, VoidWork work) {
    autoCommit(
        operation,
        c -> {
          work.run(c);
          return Boolean.TRUE;
        });
  }

  private void writeVoid(String operation, @Nullable String school, VoidWork work) {
    write(
        operation,
        school,
        c -> {
          work.run(c);
          return Boolean.TRUE;
        });
  }

  /** One statement or a few, each committing on its own. */
  private <T> T autoCommit(String operation, Work<T> work) {
    try (Connection c = ds.getConnection()) {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      return work.run(c);
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  /** A read-only transaction that sees one snapshot of the database. */
  private <T> T snapshot(String operation, Work<T> work) {
    return transaction(operation, null, snapshotIsolation, work);
  }

  /**
   * A read-write transaction at READ COMMITTED (whatever the pool's default), after making sure the
   * school's row exists if {@code school} is set. Writers to one school queue on the school's row
   * lock and then see its latest version, so a stale plan is a {@link StaleStateException}, never a
   * serialization failure.
   */
  private <T> T write(String operation, @Nullable String school, Work<T> work) {
    return transaction(operation, school, Connection.TRANSACTION_READ_COMMITTED, work);
  }

  private <T> T transaction(
      String operation, @Nullable String ensureSchool, int isolation, Work<T> work) {
    try (Connection c = ds.getConnection()) {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      if (ensureSchool != null) {
        ensureSchool(c, ensureSchool);
      }
      int previousIsolation = c.getTransactionIsolation();
      if (isolation >= 0 && isolation != previousIsolation) {
        c.setTransactionIsolation(isolation);
      }
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        try {
          c.rollback();
        } catch (SQLException suppressed) {
          LOG.debug("store-jdbc: rollback after a failed {} failed too", operation);
        }
        throw e;
      } finally {
        c.setAutoCommit(true);
        if (isolation >= 0 && isolation != previousIsolation) {
          c.setTransactionIsolation(previousIsolation);
        }
      }
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  private static JdbcStoreException failure(String operation, SQLException e) {
    JdbcStoreException x = new JdbcStoreException(operation, e);
    LOG.debug("store-jdbc: {}", x.getMessage());
    return x;
  }

  private void ensureSchool(Connection c, String school) throws SQLException {
    if (currentVersion(c, school).isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO " + t.school() + " (school_id, version) VALUES (?, 0)")) {
        ps.setString(1, school);
        ps.executeUpdate();
      } catch (SQLException e) {
        if (!isUniqueViolation(e)) {
          throw e;
        }
      }
    }
  }

  private Optional<Long> currentVersion(Connection c, String school) throws SQLException {
    return version(c, school, "");
  }

  private Optional<Long> version(Connection c, String school, String suffix) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT version FROM " + t.school() + " WHERE school_id = ?" + suffix)) {
      ps.setString(1, school);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  private static boolean isUniqueViolation(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("23");
  }

  private static void setNullableString(PreparedStatement ps, int i, @Nullable String v)
      throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, v);
    }
  }

  private static void setInstant(PreparedStatement ps, int i, Instant at) throws SQLException {
    ps.setObject(i, OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
  }

  private static Instant instant(ResultSet rs, int i) throws SQLException {
    OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
    if (t == null) {
      throw Codecs.unreadable("instant", "column " + i + " is null");
    }
    return t.toInstant();
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, @Nullable String name, String what) {
    if (name != null) {
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(name)) {
          return e;
        }
      }
    }
    throw Codecs.unreadable(what, "unknown " + type.getSimpleName());
  }

  @Override
  public String toString() {
    return "JdbcSyncStateStore[" + t.qualifiedPrefix() + "]";
  }
}
