package io.missync.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.plan.ChangeKind;
import io.missync.core.spi.ApplyOutcome;
import io.missync.core.spi.ChangeResult;
import io.missync.core.spi.Lease;
import io.missync.core.state.Account;
import io.missync.core.state.StateUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;

/** The store's own tests on embedded H2 in file mode, and what only the embedded database has. */
class JdbcSyncStateStoreH2Test extends JdbcSyncStateStoreTest {
  @Override
  TestDatabase db() {
    return TestDatabase.H2;
  }

  @Test
  void theEmbeddedDatabaseKeepsStateAndAnUnfinishedApplyAcrossAReopen() throws Exception {
    Path dir = TestH2.newDirectory();
    JdbcConnectionPool first = (JdbcConnectionPool) EmbeddedH2.dataSource(dir);
    JdbcSyncStateStore store = JdbcSyncStateStore.builder(first).build();
    store.commit("s", 0, StateUpdate.account(Account.builder("acc-1", EntityType.STAFF).build()));
    Lease lease = store.tryAcquireLease("s", "run-1", Duration.ofMinutes(5)).orElseThrow();
    store.beginApply(lease, "p", 1, 2);
    store.recordOutcome(
        lease,
        "p",
        0,
        new ApplyOutcome(
            ChangeKind.CREATE_ACCOUNT,
            "staff:T2",
            ChangeResult.created("acc-2"),
            StateUpdate.account(Account.builder("acc-2", EntityType.STAFF).build())));
    first.dispose(); // the last connection closes: H2 closes the database file
    assertTrue(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".mv.db")));

    JdbcConnectionPool second = (JdbcConnectionPool) EmbeddedH2.dataSource(dir);
    try {
      JdbcSyncStateStore reopened = JdbcSyncStateStore.builder(second).build();
      assertEquals(0, reopened.migrate(), "the schema is already there");
      assertEquals(2, reopened.load("s").accounts().size());
      assertEquals(2, reopened.load("s").version());
      assertEquals(1, reopened.unfinishedApplies("s").size());
      assertEquals(1, reopened.unfinishedApplies("s").get(0).outcomes().size());
    } finally {
      second.dispose();
    }
  }
}
