package io.missync.store.jdbc;

import io.missync.core.spi.SyncStateStore;
import io.missync.testkit.contract.SyncStateStoreContract;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/** The JDBC store keeps the SyncStateStore contract, on a real PostgreSQL. */
@AddLifecycleHook(PostgresAvailable.class)
class JdbcSyncStateStoreContractTest implements SyncStateStoreContract {
  private static JdbcSyncStateStore store;

  private static synchronized JdbcSyncStateStore shared() {
    if (store == null) {
      store =
          JdbcSyncStateStore.builder(TestPostgres.dataSource())
              .schema(TestPostgres.newSchema())
              .build();
    }
    return store;
  }

  @Override
  public SyncStateStore newStore() {
    return shared();
  }
}
