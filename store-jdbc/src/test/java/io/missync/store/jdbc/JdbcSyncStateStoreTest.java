package io.missync.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.missync.core.EntityType;
import io.missync.core.MissyncException;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.PersonRef;
import io.missync.core.plan.ChangeKind;
import io.missync.core.spi.ApplyOutcome;
import io.missync.core.spi.ChangeResult;
import io.missync.core.spi.Lease;
import io.missync.core.spi.SchoolState;
import io.missync.core.state.Account;
import io.missync.core.state.AccountField;
import io.missync.core.state.StateUpdate;
import io.missync.core.state.TargetState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What the contract cannot see: schema, migrations, configuration, errors, scale. On PostgreSQL
 * here; {@link JdbcSyncStateStoreH2Test} runs the same on H2.
 */
class JdbcSyncStateStoreTest {

  /** The database these tests run on. */
  TestDatabase db() {
    return TestDatabase.POSTGRES;
  }

  private static List<String> columns(DataSource ds, String schema) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT LOWER(table_name) || '.' || LOWER(column_name)"
                    + " FROM information_schema.columns WHERE LOWER(table_schema) = LOWER(?)"
                    + " ORDER BY 1")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static List<Integer> versions(DataSource ds, String table) throws SQLException {
    List<Integer> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM " + table + " ORDER BY version")) {
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
    }
    return out;
  }

  @Test
  void migrationCreatesEveryTableUnderTheSchemaAndPrefixAndIsIdempotent() throws Exception {
    DataSource ds = db().dataSource();
    String schema = db().newSchema();
    JdbcSyncStateStore store =
        JdbcSyncStateStore.builder(ds).schema(schema).tablePrefix("acme_").build();
    assertEquals(0, store.migrate(), "a second migration finds nothing to do");
    List<String> cols = columns(ds, schema);
    for (String table :
        List.of(
            "school",
            "account",
            "product_group",
            "guardian_link",
            "apply_journal",
            "apply_outcome",
            "watermark",
            "held_plan",
            "audit_event",
            "school_state",
            "snapshot_base",
            "school_token",
            "schema_version")) {
      assertTrue(
          cols.stream().anyMatch(c -> c.startsWith("acme_" + table + ".")), table + " is missing");
    }
    assertEquals(List.of(1, 2, 3, 4), versions(ds, schema + ".acme_schema_version"));
    // building again over a migrated schema without migrating works
    JdbcSyncStateStore.builder(ds).schema(schema).tablePrefix("acme_").migrate(false).build();
  }

  @Test
  void noColumnCanHoldAPassword() throws Exception {
    DataSource ds = db().dataSource();
    String schema = db().newSchema();
    JdbcSyncStateStore.builder(ds).schema(schema).build();
    List<String> cols = columns(ds, schema);
    assertFalse(cols.isEmpty());
    // the token table holds each school's Wonde token, AES-GCM encrypted by JdbcTokenStore (not a
    // password); it has no column for the token in plain text
    assertEquals(
        List.of(
            "missync_school_token.key_id",
            "missync_school_token.school_id",
            "missync_school_token.sealed",
            "missync_school_token.updated_at"),
        cols.stream().filter(c -> c.startsWith("missync_school_token.")).toList());
    for (String c : cols) {
      String name = c.toLowerCase(Locale.ROOT);
      if (name.startsWith("missync_school_token.")) {
        continue;
      }
      assertFalse(
          name.matches(".*(pass|pwd|secret|salt|hash|token|pin\\b|credential(?!s_issued)).*"),
          c + " looks like it could hold a password");
    }
  }

  @Test
  void storesWithDifferentPrefixesInOneSchemaAreSeparate() {
    DataSource ds = db().dataSource();
    String schema = db().newSchema();
    JdbcSyncStateStore a = JdbcSyncStateStore.builder(ds).schema(schema).tablePrefix("a_").build();
    JdbcSyncStateStore b = JdbcSyncStateStore.builder(ds).schema(schema).tablePrefix("b_").build();
    a.commit(
        "school-1", 0, StateUpdate.account(Account.builder("acc-1", EntityType.STAFF).build()));
    assertEquals(1, a.load("school-1").version());
    assertEquals(0, b.load("school-1").version());
    assertTrue(b.load("school-1").accounts().isEmpty());
  }

  @Test
  void storesStartingTogetherMigrateOnceAndAllWork() throws Exception {
    startTogether(db().dataSource());
  }

  @Test
  void storesStartingTogetherMigrateOnceEvenWhenThePoolDefaultsToSerializable() throws Exception {
    startTogether(serializableByDefault(db().dataSource()));
  }

  private void startTogether(DataSource ds) throws Exception {
    String schema = db().newSchema();
    int n = 4;
    CyclicBarrier start = new CyclicBarrier(n);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    List<Future<JdbcSyncStateStore>> stores = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        Callable<JdbcSyncStateStore> build =
            () -> {
              start.await(30, TimeUnit.SECONDS);
              return JdbcSyncStateStore.builder(ds).schema(schema).build();
            };
        stores.add(pool.submit(build));
      }
      for (Future<JdbcSyncStateStore> f : stores) {
        f.get(60, TimeUnit.SECONDS).load("x");
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of(1, 2, 3, 4), versions(ds, schema + ".missync_schema_version"));
  }

  /**
   * A database at schema version 1 (before leases) keeps its schools when migrated to 2, and its
   * accounts, not suspended, when migrated to 4.
   */
  @Test
  void aVersionOneDatabaseMigratesToLeasesKeepingItsState() throws Exception {
    DataSource ds = TestPostgres.dataSource();
    String schema = TestPostgres.newSchema();
    Tables t = new Tables(schema, "missync_");
    String v1 = SchemaMigrator.script("V1__initial_schema.sql");
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
      s.execute(
          "CREATE TABLE "
              + t.schemaVersion()
              + " (version INTEGER NOT NULL PRIMARY KEY, script VARCHAR(255) NOT NULL,"
              + " checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
      for (String sql : SchemaMigrator.statements(t.expand(v1))) {
        s.execute(sql);
      }
      s.execute(
          "INSERT INTO "
              + t.schemaVersion()
              + " VALUES (1, 'V1__initial_schema.sql', '"
              + SchemaMigrator.checksum(v1)
              + "', now())");
      s.execute("INSERT INTO " + t.school() + " (school_id, version) VALUES ('old-school', 7)");
      s.execute(
          "INSERT INTO "
              + t.account()
              + " (school_id, account_id, kind, active, credentials_issued, protected_account,"
              + " fields, memberships) VALUES ('old-school', 'acc-1', 'STAFF', TRUE, FALSE, FALSE,"
              + " '', '')");
    }
    JdbcSyncStateStore store = JdbcSyncStateStore.builder(ds).schema(schema).build();
    assertEquals(List.of(1, 2, 3, 4), versions(ds, t.schemaVersion()));
    assertEquals(7, store.load("old-school").version());
    // V4: an account from before suspension is not suspended
    assertEquals(
        List.of(Account.builder("acc-1", EntityType.STAFF).build()),
        store.load("old-school").accounts());
    // V3: a school from before school state starts ACTIVE with a full read due
    assertEquals(SchoolState.initial("old-school"), store.schoolState("old-school"));
    assertTrue(store.lease("old-school").isEmpty());
    Lease lease = store.tryAcquireLease("old-school", "run-1", Duration.ofMinutes(1)).orElseThrow();
    store.beginApply(lease, "p", 7, 0);
    assertEquals(1, store.unfinishedApplies("old-school").size());
  }

  @Test
  void withoutMigratingAnEmptySchemaIsRefused() {
    DataSource ds = db().dataSource();
    String schema = db().newSchema();
    JdbcSyncStateStore.builder(ds).schema(schema).tablePrefix("other_").build();
    JdbcStoreException e =
        assertThrows(
            JdbcStoreException.class,
            () -> JdbcSyncStateStore.builder(ds).schema(schema).migrate(false).build());
    assertTrue(e.sqlState().isPresent(), "the schema_version table is missing");
  }

  @Test
  void aSchemaNewerThanTheLibraryOrAChangedScriptIsRefused() throws Exception {
    DataSource ds = db().dataSource();
    String schema = db().newSchema();
    JdbcSyncStateStore.builder(ds).schema(schema).build();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO "
              + schema
              + ".missync_schema_version VALUES (99, 'V99__future.sql', 'x', CURRENT_TIMESTAMP)");
    }
    JdbcStoreException newer =
        assertThrows(
            JdbcStoreException.class, () -> JdbcSyncStateStore.builder(ds).schema(schema).build());
    assertTrue(newer.getMessage().contains("newer"), newer.getMessage());
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM " + schema + ".missync_schema_version WHERE version = 99");
      s.execute("UPDATE " + schema + ".missync_schema_version SET checksum = 'edited'");
    }
    JdbcStoreException edited =
        assertThrows(
            JdbcStoreException.class, () -> JdbcSyncStateStore.builder(ds).schema(schema).build());
    assertTrue(edited.getMessage().contains("checksum"), edited.getMessage());
  }

  @Test
  void identifiersThatCouldInjectSqlAreRefused() {
    DataSource ds = db().dataSource();
    assertThrows(
        IllegalArgumentException.class,
        () -> JdbcSyncStateStore.builder(ds).schema("x; DROP TABLE y").build());
    assertThrows(
        IllegalArgumentException.class,
        () -> JdbcSyncStateStore.builder(ds).tablePrefix("a-b").build());
  }

  @Test
  void errorsCarryTheSqlStateButNeverBoundValuesOrTheDriversException() {
    DataSource ds = db().dataSource();
    JdbcSyncStateStore store = JdbcSyncStateStore.builder(ds).schema(db().newSchema()).build();
    String secretish = "Zoë-Private-Surname-4711";
    Account a =
        Account.builder("acc-1", EntityType.STUDENT)
            .link(PersonRef.student(secretish))
            .field(AccountField.SURNAME, secretish)
            .build();
    store.commit("school-1", 0, StateUpdate.account(a));
    Account twin =
        Account.builder("acc-2", EntityType.STUDENT)
            .link(PersonRef.student(secretish))
            .username(secretish)
            .build();
    JdbcStoreException e =
        assertThrows(
            JdbcStoreException.class, () -> store.commit("school-1", 1, StateUpdate.account(twin)));
    assertEquals("23505", e.sqlState().orElseThrow());
    assertFalse(e.getMessage().contains(secretish), e.getMessage());
    assertNull(e.getCause(), "the driver's exception names bound values");
    assertTrue(e.getMessage().contains("school-1"), e.getMessage());
    assertEquals(1, store.load("school-1").version());

    // a value PostgreSQL cannot store (U+0000) is refused the same way
    if (db().isPostgres()) {
      Account nul = Account.builder("acc-\u0000", EntityType.STAFF).build();
      JdbcStoreException data =
          assertThrows(
              JdbcStoreException.class,
              () -> store.commit("school-1", 1, StateUpdate.account(nul)));
      assertTrue(data.sqlState().orElseThrow().startsWith("22"), data.getMessage());
      assertEquals(1, store.load("school-1").version());
    }
  }

  @Test
  void anUnreachableDatabaseIsATypedError() {
    assumeTrue(db().isPostgres(), "a PostgreSQL driver test; once is enough");
    org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setURL("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2");
    JdbcStoreException e =
        assertThrows(JdbcStoreException.class, () -> JdbcSyncStateStore.builder(ds).build());
    assertTrue(e.sqlState().orElseThrow().startsWith("08"), e.getMessage());
    MissyncException root = e;
    assertTrue(
        root.getMessage().startsWith("store-jdbc: schema migration failed"), root.getMessage());
  }

  @Test
  void loadsAHundredThousandAccountsInAFewQueries() {
    DataSource ds = db().dataSource();
    JdbcSyncStateStore store =
        JdbcSyncStateStore.builder(ds).schema(db().newSchema()).batchSize(1000).build();
    int n = 100_000;
    List<Account> accounts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      accounts.add(
          Account.builder(String.format(Locale.ROOT, "acc-%06d", i), EntityType.STUDENT)
              .link(PersonRef.student("S" + i))
              .username("user" + i)
              .field(AccountField.FORENAME, "Forename" + i)
              .field(AccountField.SURNAME, "Surname" + i)
              .field(AccountField.YEAR_GROUP, "Year " + (7 + i % 7))
              .group("grp-" + (i % 300), MembershipRole.MEMBER)
              .group("year-" + (i % 7), MembershipRole.MEMBER)
              .build());
    }
    long t0 = System.nanoTime();
    store.commit(
        "big", 0, new StateUpdate(accounts, List.of(), List.of(), List.of(), List.of(), List.of()));
    long t1 = System.nanoTime();
    TargetState loaded = store.load("big");
    long t2 = System.nanoTime();
    System.out.printf(
        Locale.ROOT,
        "store-jdbc: commit of %d accounts %d ms, load %d ms%n",
        n,
        (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000);
    assertEquals(n, loaded.accounts().size());
    assertEquals(1, loaded.version());
    Account probe = loaded.account("acc-054321").orElseThrow();
    assertEquals(accounts.get(54321), probe);
    assertEquals(probe, loaded.accountFor(PersonRef.student("S54321")).orElseThrow());
  }

  @Test
  void theJournalKeepsOutcomesInIndexOrder() {
    JdbcSyncStateStore store =
        JdbcSyncStateStore.builder(db().dataSource()).schema(db().newSchema()).build();
    Lease lease = store.tryAcquireLease("s", "test-run", Duration.ofMinutes(5)).orElseThrow();
    store.beginApply(lease, "p", 0, 3);
    for (int i : new int[] {2, 0, 1}) {
      store.recordOutcome(
          lease,
          "p",
          i,
          new ApplyOutcome(
              ChangeKind.JOIN_GROUP, "staff:T" + i, ChangeResult.applied(), StateUpdate.none()));
    }
    assertEquals(
        List.of(0, 1, 2),
        store.applyRecord("s", "p").orElseThrow().outcomes().stream().map(o -> o.index()).toList());
    assertEquals(3, store.load("s").version());
  }

  @Test
  void aCorruptedRowIsATypedErrorThatShowsNoContent() throws Exception {
    DataSource ds = db().dataSource();
    String schema = db().newSchema();
    JdbcSyncStateStore store = JdbcSyncStateStore.builder(ds).schema(schema).build();
    store.commit("s", 0, StateUpdate.account(Account.builder("acc-1", EntityType.STUDENT).build()));
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute("UPDATE " + schema + ".missync_account SET fields = 'NICKNAME\tBobby-Private\n'");
    }
    JdbcStoreException e = assertThrows(JdbcStoreException.class, () -> store.load("s"));
    assertFalse(e.getMessage().contains("Bobby-Private"), e.getMessage());
    assertTrue(e.getMessage().contains("unreadable"), e.getMessage());
  }

  @Test
  void writesWorkWhenThePoolDefaultsToSerializable() throws Exception {
    DataSource serializable = serializableByDefault(db().dataSource());
    JdbcSyncStateStore store =
        JdbcSyncStateStore.builder(serializable).schema(db().newSchema()).build();
    int threads = 4;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    int won = 0;
    try {
      List<Future<Boolean>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Account a = Account.builder("acc-" + t, EntityType.STAFF).build();
        done.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  try {
                    store.commit("s", 0, StateUpdate.account(a));
                    return true;
                  } catch (io.missync.core.spi.StaleStateException stale) {
                    return false;
                  }
                }));
      }
      for (Future<Boolean> f : done) {
        won += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, won, "one wins, the others are stale (not serialization failures)");
  }

  private static DataSource serializableByDefault(DataSource pooled) {
    return new DelegatingDataSource(pooled) {
      @Override
      public Connection getConnection() throws SQLException {
        Connection c = pooled.getConnection();
        c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        return c;
      }
    };
  }

  @Test
  void recordsOutcomesOneTransactionEach() {
    JdbcSyncStateStore store =
        JdbcSyncStateStore.builder(db().dataSource()).schema(db().newSchema()).build();
    int n = 200;
    Lease lease = store.tryAcquireLease("s", "test-run", Duration.ofMinutes(5)).orElseThrow();
    store.beginApply(lease, "p", 0, n);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      Account a =
          Account.builder("acc-" + i, EntityType.STUDENT)
              .link(PersonRef.student("S" + i))
              .field(AccountField.FORENAME, "F" + i)
              .build();
      assertEquals(
          i + 1,
          store.recordOutcome(
              lease,
              "p",
              i,
              new ApplyOutcome(
                  ChangeKind.CREATE_ACCOUNT,
                  "student:S" + i,
                  ChangeResult.created("acc-" + i),
                  StateUpdate.account(a))));
    }
    long ms = Math.max(1, (System.nanoTime() - t0) / 1_000_000);
    System.out.printf(
        Locale.ROOT, "store-jdbc: %d recordOutcome calls in %d ms (%d/s)%n", n, ms, n * 1000L / ms);
    assertEquals(n, store.applyRecord("s", "p").orElseThrow().outcomes().size());
    assertEquals(n, store.load("s").accounts().size());
  }

  @Test
  void aUserWhoMayNotCreateSchemasUsesOneMadeForIt() throws Exception {
    assumeTrue(db().isPostgres(), "PostgreSQL roles");
    DataSource pooled = db().dataSource();
    DataSource admin = ((PooledTestDataSource) pooled).unpooled();
    String schema = db().newSchema();
    String role = "r_" + schema;
    try (Connection c = admin.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + role);
      s.execute("CREATE SCHEMA " + schema + " AUTHORIZATION " + role);
    } catch (SQLException e) {
      // an external test server whose user may not create roles
      org.junit.jupiter.api.Assumptions.abort(
          "cannot create a test role: SQL state " + e.getSQLState());
    }
    // connections that really close, so the role never leaks into the pool
    DataSource restricted =
        new DelegatingDataSource(admin) {
          @Override
          public Connection getConnection() throws SQLException {
            Connection c = admin.getConnection();
            try (Statement s = c.createStatement()) {
              s.execute("SET ROLE " + role);
            }
            return c;
          }
        };
    try {
      JdbcSyncStateStore store = JdbcSyncStateStore.builder(restricted).schema(schema).build();
      assertEquals(1, store.commit("s", 0, StateUpdate.none()));
    } finally {
      try (Connection c = admin.getConnection();
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
        s.execute("DROP ROLE " + role);
      }
    }
  }
}
