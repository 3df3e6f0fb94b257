package io.missync.store.jdbc;

import io.missync.core.spi.SyncStateStore;
import io.missync.testkit.contract.SyncStateStoreContract;

/** The JDBC store keeps the SyncStateStore contract on embedded H2 in file mode. */
class JdbcSyncStateStoreH2ContractTest implements SyncStateStoreContract {
  private static JdbcSyncStateStore store;

  private static synchronized JdbcSyncStateStore shared() {
    if (store == null) {
      store = JdbcSyncStateStore.builder(TestH2.dataSource()).schema(TestH2.newSchema()).build();
    }
    return store;
  }

  @Override
  public SyncStateStore newStore() {
    return shared();
  }
}
