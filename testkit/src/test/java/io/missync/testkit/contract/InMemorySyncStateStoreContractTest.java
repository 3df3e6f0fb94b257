package io.missync.testkit.contract;

import io.missync.core.spi.SyncStateStore;
import io.missync.core.store.InMemorySyncStateStore;

/** The reference in-memory store keeps the contract. */
class InMemorySyncStateStoreContractTest implements SyncStateStoreContract {
  private final InMemorySyncStateStore store = new InMemorySyncStateStore();

  @Override
  public SyncStateStore newStore() {
    return store;
  }
}
