/** Implementation of the Wonde simulator: world model, generator, JSON rendering, HTTP routing. */
@NullMarked
package io.missync.testkit.wonde.internal;

import org.jspecify.annotations.NullMarked;
