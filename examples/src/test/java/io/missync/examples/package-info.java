/** Proofs that the sample adapter keeps missync's contracts. */
@NullMarked
package io.missync.examples;

import org.jspecify.annotations.NullMarked;
