/** CSV benchmarks: parser choice and the OneRoster import against the bare parser. */
@NullMarked
package io.missync.benchmarks.csv;

import org.jspecify.annotations.NullMarked;
