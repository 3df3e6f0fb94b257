/** missync wonde-client: internal. */
@NullMarked
package io.missync.wonde.internal;

import org.jspecify.annotations.NullMarked;
