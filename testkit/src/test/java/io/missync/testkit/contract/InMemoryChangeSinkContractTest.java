package io.missync.testkit.contract;

import io.missync.core.spi.ChangeSink;

/** The contract runs, and a small idempotent in-memory product keeps it. */
class InMemoryChangeSinkContractTest implements ChangeSinkContract {

  @Override
  public ChangeSink newSink() {
    return new InMemoryChangeSink();
  }

  @Override
  public ProductProbe probe(ChangeSink sink) {
    return (InMemoryChangeSink) sink;
  }
}
