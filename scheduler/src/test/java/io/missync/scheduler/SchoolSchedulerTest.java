package io.missync.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.reconcile.RunResult;
import io.missync.store.jdbc.TestH2;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** One scheduler in this JVM over embedded H2: schedules, triggers, failures. */
class SchoolSchedulerTest {
  private final DataSource ds = TestH2.dataSource();
  private final String table = TestH2.newSchema().toUpperCase(java.util.Locale.ROOT);

  private record Ran(String school, RunKind kind) {}

  private SchoolScheduler.Builder builder(SchoolJob job) throws Exception {
    try (var c = ds.getConnection();
        var s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + table);
    }
    return SchoolScheduler.builder(ds, job)
        .tableName(table + ".tasks")
        .threads(2)
        .pollingInterval(Duration.ofMillis(100))
        .heartbeat(Duration.ofMillis(500))
        .missedHeartbeats(4)
        .retryAfter(Duration.ofMillis(300))
        .triggerRetry(Duration.ofMillis(100))
        .shutdownMaxWait(Duration.ofSeconds(5));
  }

  private static RunResult nothing() {
    return null;
  }

  @Test
  void aSchoolRunsFullFirstThenIncrementallyAndFullAgainWhenDue() throws Exception {
    List<Ran> ran = Collections.synchronizedList(new ArrayList<>());
    try (SchoolScheduler s =
        builder(
                (school, kind) -> {
                  ran.add(new Ran(school, kind));
                  return nothing();
                })
            .build()) {
      assertTrue(
          s.register(
              "school-1", new SchoolSchedule(Duration.ofMillis(1500), Duration.ofMillis(200))));
      assertFalse(s.register("school-1", SchoolSchedule.defaults()));
      s.start();
      awaitSize(ran, 12, Duration.ofSeconds(30));
    }
    List<RunKind> kinds = ran.stream().map(Ran::kind).toList();
    assertEquals(RunKind.FULL, kinds.get(0), kinds.toString());
    assertTrue(kinds.subList(1, kinds.size()).contains(RunKind.INCREMENTAL), kinds.toString());
    assertTrue(
        kinds.subList(1, kinds.size()).contains(RunKind.FULL),
        "a full read fell due again: " + kinds);
    assertTrue(ran.stream().allMatch(r -> r.school().equals("school-1")));
  }

  @Test
  void aWebhookRunsTheSchoolNowOrRightAfterItsCurrentRunNeverTwoAtOnce() throws Exception {
    List<Ran> ran = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (SchoolScheduler s =
        builder(
                (school, kind) -> {
                  int now = inFlight.incrementAndGet();
                  maxInFlight.accumulateAndGet(now, Math::max);
                  try {
                    ran.add(new Ran(school, kind));
                    firstStarted.countDown();
                    release.await(20, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    inFlight.decrementAndGet();
                  }
                  return nothing();
                })
            .build()) {
      s.register("school-1", new SchoolSchedule(Duration.ofHours(2), Duration.ofHours(1)));
      s.start();
      assertTrue(firstStarted.await(20, TimeUnit.SECONDS));
      // running: the request waits for the run to end, and a second one adds nothing
      assertEquals(
          SchoolScheduler.Trigger.AFTER_CURRENT_RUN, s.runNow("school-1", RunKind.INCREMENTAL));
      assertEquals(
          SchoolScheduler.Trigger.AFTER_CURRENT_RUN, s.runNow("school-1", RunKind.INCREMENTAL));
      Thread.sleep(600);
      assertEquals(1, ran.size(), "no second run while the first is in progress");
      release.countDown();
      awaitSize(ran, 2, Duration.ofSeconds(20));
      Thread.sleep(800);
      assertEquals(2, ran.size(), "the two requests made one run: " + ran);
      assertEquals(RunKind.INCREMENTAL, ran.get(1).kind());
      // idle: due now, and a full request wins over an incremental one
      assertEquals(SchoolScheduler.Trigger.DUE_NOW, s.runNow("school-1", RunKind.FULL));
      awaitSize(ran, 3, Duration.ofSeconds(20));
      assertEquals(RunKind.FULL, ran.get(2).kind());
      assertEquals(1, maxInFlight.get());
      assertThrows(
          SchoolScheduler.UnknownSchoolException.class, () -> s.runNow("nope", RunKind.FULL));
    }
  }

  @Test
  void aFailedRunIsTriedAgainWithTheSameKind() throws Exception {
    List<Ran> ran = Collections.synchronizedList(new ArrayList<>());
    try (SchoolScheduler s =
        builder(
                (school, kind) -> {
                  ran.add(new Ran(school, kind));
                  if (ran.size() < 3) {
                    throw new IllegalStateException("MIS unavailable");
                  }
                  return nothing();
                })
            .build()) {
      s.register("school-1", new SchoolSchedule(Duration.ofHours(2), Duration.ofHours(1)));
      s.start();
      awaitSize(ran, 3, Duration.ofSeconds(20));
      Thread.sleep(500);
    }
    assertEquals(3, ran.size(), "after success the next run is an hour away: " + ran);
    assertTrue(ran.stream().allMatch(r -> r.kind() == RunKind.FULL), ran.toString());
  }

  @Test
  void schedulesAreValidated() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new SchoolSchedule(Duration.ofMinutes(1), Duration.ofMinutes(2)));
    assertThrows(
        IllegalArgumentException.class, () -> new SchoolSchedule(Duration.ZERO, Duration.ZERO));
  }

  private static void awaitSize(List<?> list, int n, Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (list.size() < n) {
      if (System.nanoTime() > end) {
        throw new AssertionError("only " + list.size() + " of " + n + ": " + list);
      }
      Thread.sleep(20);
    }
  }
}
