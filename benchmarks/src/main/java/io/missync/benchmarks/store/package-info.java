/** Benchmarks of the state stores: how applying a plan scales with its size. */
@NullMarked
package io.missync.benchmarks.store;

import org.jspecify.annotations.NullMarked;
