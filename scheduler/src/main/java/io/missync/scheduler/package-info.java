/**
 * Many schools across worker processes: every school is one execution in <a
 * href="https://github.com/kagkarlsson/db-scheduler">db-scheduler</a>'s table, in the database the
 * store already uses. A worker picks a due school by row locking, keeps a heartbeat while it runs,
 * and reschedules the school when done; a worker that dies is noticed when its heartbeat stops, and
 * another one runs the school again. Start with {@link io.missync.scheduler.SchoolScheduler}.
 */
@NullMarked
package io.missync.scheduler;

import org.jspecify.annotations.NullMarked;
