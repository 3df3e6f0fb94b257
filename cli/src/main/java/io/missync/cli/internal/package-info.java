/**
 * The subcommands of {@code missync} and what they print: the terminal review summary ({@link
 * io.missync.cli.internal.ReviewSummary}) and the HTML plan report ({@link
 * io.missync.cli.internal.PlanReport}). Not an API: it may change in any release.
 */
@NullMarked
package io.missync.cli.internal;

import org.jspecify.annotations.NullMarked;
