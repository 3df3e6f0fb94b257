/**
 * Service provider interfaces: where snapshots come from ({@link
 * io.missync.core.spi.SnapshotSource}), where changes go ({@link io.missync.core.spi.ChangeSink}),
 * what is remembered between runs ({@link io.missync.core.spi.SyncStateStore}), and how credentials
 * are made ({@link io.missync.core.spi.UsernameGenerator}, {@link
 * io.missync.core.spi.PasswordGenerator}). Each has a contract test in missync-testkit.
 */
@NullMarked
package io.missync.core.spi;

import org.jspecify.annotations.NullMarked;
