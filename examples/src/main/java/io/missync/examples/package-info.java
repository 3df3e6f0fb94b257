/** A runnable demo of missync end to end: {@link io.missync.examples.Demo}. */
@NullMarked
package io.missync.examples;

import org.jspecify.annotations.NullMarked;
