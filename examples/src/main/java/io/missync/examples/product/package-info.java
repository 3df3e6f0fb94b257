/**
 * A sample adapter: a tiny in-memory "product" with users, groups and guardian links, and the
 * {@link io.missync.core.spi.ChangeSink} that applies missync's changes to it. Copy it as the start
 * of your own adapter.
 */
@NullMarked
package io.missync.examples.product;

import org.jspecify.annotations.NullMarked;
