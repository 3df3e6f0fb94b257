/** missync wonde-client. */
@NullMarked
package io.missync.wonde;

import org.jspecify.annotations.NullMarked;
