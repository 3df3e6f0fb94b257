package io.missync.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.plan.Plan;
import io.missync.core.spi.HeldPlan;
import io.missync.core.store.InMemorySyncStateStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code missync review} against a store holding a plan: list, approve by short id, discard. */
class ReviewCommandTest {
  private final StringWriter out = new StringWriter();
  private final Io io =
      new Io(
          new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), false, q -> null);

  private static InMemorySyncStateStore storeHolding(Plan plan) {
    InMemorySyncStateStore store = new InMemorySyncStateStore();
    store.holdPlan(
        new HeldPlan(
            plan.schoolId(),
            plan.id(),
            plan.stateVersion(),
            Instant.parse("2026-09-07T08:00:00Z"),
            plan.gateVerdict().orElseThrow().reasons(),
            plan.statistics(),
            HeldPlan.Decision.PENDING,
            null,
            null));
    return store;
  }

  private ReviewCommand command(String... args) {
    ReviewCommand c = new ReviewCommand(io);
    new CommandLine(c).parseArgs(args);
    return c;
  }

  @Test
  void listsHeldPlansWithShortIdsAndReasons() {
    Plan plan = Plans.hostile();
    int code = command("--store", "jdbc:x", "--school", "SCHOOL-1").run(storeHolding(plan));
    assertEquals(0, code);
    assertTrue(
        out.toString().startsWith("plan 0123456789ab  held 2026-09-07T08:00:00Z  PENDING"),
        out.toString());
    assertTrue(
        out.toString().contains("more changes to pupils than the safety threshold"),
        out.toString());
  }

  @Test
  void approvesByShortIdAndRecordsWho() {
    Plan plan = Plans.hostile();
    InMemorySyncStateStore store = storeHolding(plan);
    command(
            "--store",
            "jdbc:x",
            "--school",
            "SCHOOL-1",
            "--approve",
            "0123456789ab",
            "--by",
            "ms.head")
        .run(store);
    HeldPlan h = store.heldPlan("SCHOOL-1", plan.id()).orElseThrow();
    assertEquals(HeldPlan.Decision.APPROVED, h.decision());
    assertEquals("ms.head", h.decider().orElseThrow());
    // a decided plan is not decided again
    assertThrows(
        IllegalArgumentException.class,
        () ->
            command("--store", "jdbc:x", "--school", "SCHOOL-1", "--discard", "0123456789ab")
                .run(store));
  }

  @Test
  void discardsAndRefusesUnknownOrTooShortIds() {
    Plan plan = Plans.hostile();
    InMemorySyncStateStore store = storeHolding(plan);
    assertThrows(
        IllegalArgumentException.class,
        () -> command("--store", "jdbc:x", "--school", "SCHOOL-1", "--discard", "0123").run(store));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            command("--store", "jdbc:x", "--school", "SCHOOL-1", "--discard", "ffffffff")
                .run(store));
    command("--store", "jdbc:x", "--school", "SCHOOL-1", "--discard", "01234567").run(store);
    assertEquals(
        HeldPlan.Decision.DISCARDED,
        store.heldPlan("SCHOOL-1", plan.id()).orElseThrow().decision());
  }
}
