package io.missync.testkit.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.missync.core.model.MisSnapshot;
import io.missync.testkit.fetch.FetchOracle.Outcome;
import io.missync.testkit.wonde.Fault;
import io.missync.testkit.wonde.SchoolWorld;
import io.missync.testkit.wonde.SimulatorConfig;
import io.missync.wonde.RetryPolicy;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random faults on any request (school lookup, counts, every list page, deletions, leavers): a full
 * or incremental fetch gives the identical snapshot, a typed failure or an honestly partial
 * snapshot, never a wrong one. Which requests fail depends only on the seed.
 */
class RandomFaultProperties {
  private static FetchFixture full;

  @BeforeContainer
  static void start() {
    full =
        new FetchFixture(
            SimulatorConfig.builder().seed(61).studentsPerSchool(80).staffPerSchool(24).build(),
            RetryPolicy.defaults().withMaxAttempts(3),
            b -> b.perPage(10));
  }

  @AfterContainer
  static void stop() {
    full.close();
  }

  @Provide
  Arbitrary<Fault> faults() {
    return Arbitraries.of(
        Fault.status(503),
        Fault.status(502),
        Fault.tooManyRequests(1),
        Fault.connectionReset(),
        Fault.truncatedBody(),
        Fault.truncatedJson(),
        Fault.missingMeta(),
        Fault.emptyData(),
        Fault.emptyObject(),
        Fault.latency(5));
  }

  private static Fault[] all() {
    return new Fault[] {
      Fault.status(503),
      Fault.tooManyRequests(1),
      Fault.connectionReset(),
      Fault.truncatedBody(),
      Fault.truncatedJson(),
      Fault.missingMeta(),
      Fault.emptyData()
    };
  }

  @Property(tries = 15)
  void fullFetchUnderOneRandomFaultKind(@ForAll long seed, @ForAll("faults") Fault fault) {
    full.sim.faults().clear();
    full.sim.faults().random("*", seed, 0.15, fault);
    Outcome o = FetchOracle.judge(fault + " seed " + seed, full.source::fetchFull, full.truth());
    full.sim.faults().clear();
    if (fault.kind() == Fault.Kind.LATENCY) {
      assertEquals(Outcome.IDENTICAL, o);
    }
  }

  @Property(tries = 10)
  void fullFetchUnderMixedRandomFaults(@ForAll long seed) {
    full.sim.faults().clear();
    full.sim.faults().random("*", seed, 0.1, all());
    FetchOracle.judge("mixed seed " + seed, full.source::fetchFull, full.truth());
    full.sim.faults().clear();
  }

  /** Every fault kind, EMPTY_DATA included: an incremental read refuses unpaginated pages. */
  @Provide
  Arbitrary<Fault> incrementalFaults() {
    return faults();
  }

  @Property(tries = 10)
  void incrementalFetchUnderRandomFaults(
      @ForAll long seed, @ForAll("incrementalFaults") Fault fault) {
    try (FetchFixture f =
        new FetchFixture(
            SimulatorConfig.builder().seed(seed).studentsPerSchool(40).staffPerSchool(12).build(),
            RetryPolicy.defaults().withMaxAttempts(3),
            b -> b.perPage(10))) {
      SchoolWorld s = f.school;
      MisSnapshot previous = f.source.fetchFull();
      f.sim.world().clock().advance(Duration.ofMinutes(5));
      List<String> students = s.studentIds();
      s.studentLeaves(students.get(0));
      s.employeeLeaves(s.employeeIds().get(0));
      s.contactLeaves(s.guardianIdsOf(students.get(1)).get(0));
      s.rename(students.get(2), "Ottoline", "Featherstonehaugh");
      s.deleteGroupOrClass(s.classIds().get(0));
      f.sim.world().clock().advance(Duration.ofMinutes(5));
      f.sim.faults().random("*", seed, 0.2, fault);
      FetchOracle.judge(
          "incremental, " + fault + " seed " + seed,
          () -> f.source.fetchIncremental(previous),
          f.truth(),
          previous);
    }
  }
}
