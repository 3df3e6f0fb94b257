package io.missync.testkit.contract;

import io.missync.core.spi.TokenStore;
import io.missync.core.store.InMemoryTokenStore;

/** The in-memory token store keeps the contract. */
class InMemoryTokenStoreContractTest implements TokenStoreContract {
  private final InMemoryTokenStore store = new InMemoryTokenStore();

  @Override
  public TokenStore newTokenStore() {
    return store;
  }
}
