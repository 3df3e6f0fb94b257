/** missync benchmarks. */
@NullMarked
package io.missync.benchmarks;

import org.jspecify.annotations.NullMarked;
