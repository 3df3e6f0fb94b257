/**
 * The change vocabulary: a {@link io.missync.core.plan.Plan} is an ordered list of {@link
 * io.missync.core.plan.Change}s, each with a {@link io.missync.core.plan.Reason}, plus review items
 * that are never applied automatically, statistics and the safety gate's verdict.
 */
@NullMarked
package io.missync.core.plan;

import org.jspecify.annotations.NullMarked;
