/** missync reconcile. */
@NullMarked
package io.missync.reconcile;

import org.jspecify.annotations.NullMarked;
