/**
 * A Wonde-compatible HTTP simulator over a generated, mutable school world.
 *
 * <pre>{@code
 * try (WondeSimulator sim = WondeSimulator.start(
 *     SimulatorConfig.builder().seed(7).schools(1).studentsPerSchool(2000).build())) {
 *   SchoolWorld school = sim.world().school(0);
 *   URI students = sim.baseUri().resolve("schools/" + school.id() + "/students?include=contacts");
 *   // GET it with "Authorization: Bearer " + school.token() (or Basic base64(token + ":"))
 *
 *   sim.world().clock().advance(Duration.ofHours(1));
 *   school.studentLeaves(school.studentIds().get(0));   // -> /students-leaver + /deletions
 *   sim.faults().onNth("/students", 3, Fault.status(503));
 *   MisSnapshot truth = sim.snapshot(school.id());     // what a correct full fetch must equal
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link io.missync.testkit.wonde.WondeSimulator}: start, base URI, faults, request log, wire
 *       variants, ground truth, TLS client context.
 *   <li>{@link io.missync.testkit.wonde.World} and {@link io.missync.testkit.wonde.SchoolWorld}:
 *       the generated schools, their ids and every mutation (starters, leavers, moves, guardians,
 *       restores, rollover, MIS migration).
 *   <li>{@link io.missync.testkit.wonde.FaultPlan} and {@link io.missync.testkit.wonde.Fault}:
 *       scheduled or seeded-random latency, 429, 5xx, resets, truncation, missing meta, empty data.
 *   <li>{@link io.missync.testkit.wonde.WireVariants}: which of the uncertain wire shapes to serve.
 *   <li>{@link io.missync.testkit.wonde.WondeSimulatorMain}: the standalone process.
 * </ul>
 *
 * <p>The JDK server writes headers and body in separate writes; the simulator sets {@code
 * sun.net.httpserver.nodelay=true} (unless already set) before the server class loads, or every
 * response would wait ~40 ms for a delayed ACK. If another JDK {@code HttpServer} started earlier
 * in the same JVM, set that property yourself at JVM start.
 */
@NullMarked
package io.missync.testkit.wonde;

import org.jspecify.annotations.NullMarked;
