/**
 * Reconciliation: the pure {@link io.missync.reconcile.Planner} that turns a snapshot and the
 * product's state into a {@link io.missync.core.plan.Plan} under a {@link
 * io.missync.reconcile.SyncPolicy}; the {@link io.missync.reconcile.SafetyGate} that holds risky
 * plans; the {@link io.missync.reconcile.Applier} that applies a plan through the vendor's sink
 * with a journal; and the {@link io.missync.reconcile.SyncRunner} that ties them together.
 */
@NullMarked
package io.missync.reconcile;

import org.jspecify.annotations.NullMarked;
