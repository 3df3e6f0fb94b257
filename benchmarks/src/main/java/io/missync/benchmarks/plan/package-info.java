/**
 * Planner benchmarks: planning a synthetic district against an index-only baseline ({@link
 * io.missync.benchmarks.plan.PlanScaling}, a plain harness with a {@code main}), and a JMH
 * benchmark of the same work ({@link io.missync.benchmarks.plan.PlanBenchmark}).
 */
@NullMarked
package io.missync.benchmarks.plan;

import org.jspecify.annotations.NullMarked;
