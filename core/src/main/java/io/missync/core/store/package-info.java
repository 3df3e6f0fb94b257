/** Ready-made {@link io.missync.core.spi.SyncStateStore}s: {@link InMemorySyncStateStore}. */
@NullMarked
package io.missync.core.store;

import org.jspecify.annotations.NullMarked;
