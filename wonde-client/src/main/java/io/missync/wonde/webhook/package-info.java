/** missync wonde-client: webhook. */
@NullMarked
package io.missync.wonde.webhook;

import org.jspecify.annotations.NullMarked;
