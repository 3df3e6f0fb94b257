/**
 * Core-model benchmarks: the retained heap of a district-sized snapshot against a plain-array
 * baseline ({@link io.missync.benchmarks.core.SnapshotFootprint}, a plain harness with a {@code
 * main}).
 */
@NullMarked
package io.missync.benchmarks.core;

import org.jspecify.annotations.NullMarked;
