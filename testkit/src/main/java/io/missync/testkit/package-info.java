/** missync testkit. */
@NullMarked
package io.missync.testkit;

import org.jspecify.annotations.NullMarked;
