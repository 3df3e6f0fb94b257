/** missync examples. */
@NullMarked
package io.missync.examples;

import org.jspecify.annotations.NullMarked;
