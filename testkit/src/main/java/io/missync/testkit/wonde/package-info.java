/**
 * A Wonde-compatible HTTP simulator over a generated, mutable school world.
 *
 * <p>Start one with {@link io.missync.testkit.wonde.WondeSimulator#start(SimulatorConfig)}, drive
 * changes through {@link io.missync.testkit.wonde.SchoolWorld}, inject faults through {@link
 * io.missync.testkit.wonde.FaultPlan}, or run {@link io.missync.testkit.wonde.WondeSimulatorMain}
 * as a standalone process.
 */
@NullMarked
package io.missync.testkit.wonde;

import org.jspecify.annotations.NullMarked;
