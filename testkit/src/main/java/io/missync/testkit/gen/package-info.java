/**
 * jqwik generators for adapter writers and testers: whole schools of varying size and shape ({@link
 * io.missync.testkit.gen.Schools}), the changes a school goes through ({@link
 * io.missync.testkit.gen.SchoolMutations}: joiners, leavers, moves, rollover, an MIS migration,
 * contact changes, partial and truncated reads), and an in-memory product ({@link
 * io.missync.testkit.gen.InMemoryProductSink}) that applies plans, for convergence properties and
 * as a reference sink.
 */
@NullMarked
package io.missync.testkit.gen;

import org.jspecify.annotations.NullMarked;
