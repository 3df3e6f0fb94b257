/** missync store-jdbc. */
@NullMarked
package io.missync.store.jdbc;

import org.jspecify.annotations.NullMarked;
