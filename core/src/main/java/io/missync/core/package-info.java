/** missync core. */
@NullMarked
package io.missync.core;

import org.jspecify.annotations.NullMarked;
