/**
 * The {@code missync} command line: {@link io.missync.cli.Missync}. Its subcommands (demo,
 * validate, plan, review, simulator) live in {@code io.missync.cli.internal} and are not an API.
 */
@NullMarked
package io.missync.cli;

import org.jspecify.annotations.NullMarked;
