/** JMH benchmarks of the Wonde client's decoding. */
@NullMarked
package io.missync.benchmarks.wonde;

import org.jspecify.annotations.NullMarked;
