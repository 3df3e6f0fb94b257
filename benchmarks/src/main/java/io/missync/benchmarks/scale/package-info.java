/**
 * Scale-out figures: incremental against full sync with the simulator in another process, schools
 * per minute by one and two worker processes, the first sync's apply through each store.
 */
@NullMarked
package io.missync.benchmarks.scale;

import org.jspecify.annotations.NullMarked;
