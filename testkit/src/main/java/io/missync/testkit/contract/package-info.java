/**
 * Contract tests for missync's SPIs, for adapter writers to prove their implementations: implement
 * {@link io.missync.testkit.contract.SyncStateStoreContract} or {@link
 * io.missync.testkit.contract.ChangeSinkContract} in a test class, supply the implementation, and
 * JUnit Jupiter and jqwik run every clause of the SPI's javadoc against it.
 */
@NullMarked
package io.missync.testkit.contract;

import org.jspecify.annotations.NullMarked;
