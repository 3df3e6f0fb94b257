/**
 * Full-fetch benchmark: the snapshot adapter against naive sequential paging, over the simulator.
 */
@NullMarked
package io.missync.benchmarks.fetch;

import org.jspecify.annotations.NullMarked;
