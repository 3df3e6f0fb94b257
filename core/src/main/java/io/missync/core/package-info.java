/**
 * The shared vocabulary of missync: the exception root and the kinds of entity every module talks
 * about. The model lives in {@link io.missync.core.model}, the change vocabulary in {@link
 * io.missync.core.plan}, the product-side state in {@link io.missync.core.state} and the service
 * provider interfaces in {@link io.missync.core.spi}.
 */
@NullMarked
package io.missync.core;

import org.jspecify.annotations.NullMarked;
