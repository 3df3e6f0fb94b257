package io.missync.testkit.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.model.MisSnapshot;
import io.missync.core.spi.SnapshotUnavailableException;
import io.missync.testkit.fetch.FetchOracle.Outcome;
import io.missync.testkit.wonde.Fault;
import io.missync.testkit.wonde.SchoolWorld;
import io.missync.testkit.wonde.SimulatorConfig;
import io.missync.wonde.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One fault on the first request of each feed an incremental fetch reads, after leavers (student,
 * staff, contact), a deleted class and a rename. Retried faults must not change the result; the
 * others must not produce a wrong snapshot: a missed deletion must never leave a leaver in a type
 * that claims to be complete.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncrementalFaultTest {
  static final List<String> PATHS =
      List.of(
          "/deletions",
          "/students-leaver",
          "/counts",
          "/students",
          "/employees",
          "/contacts",
          "/groups",
          "/classes");

  static final List<String> CHANGED_RECORD_FEEDS =
      List.of("/students", "/employees", "/contacts", "/groups", "/classes");

  private FetchFixture f;
  private MisSnapshot previous;
  private MisSnapshot truth;

  @BeforeAll
  void start() {
    f =
        new FetchFixture(
            SimulatorConfig.builder().seed(71).studentsPerSchool(60).staffPerSchool(16).build(),
            RetryPolicy.defaults(),
            b -> b);
    SchoolWorld s = f.school;
    previous = f.source.fetchFull();
    f.sim.world().clock().advance(Duration.ofMinutes(5));
    List<String> students = s.studentIds();
    s.studentLeaves(students.get(0));
    s.employeeLeaves(s.employeeIds().get(0));
    s.contactLeaves(s.guardianIdsOf(students.get(1)).get(0));
    s.rename(students.get(2), "Perpetua", "Winterbottom");
    s.deleteGroupOrClass(s.classIds().get(0));
    s.deleteGroupOrClass(s.groupIds("HOUSE").get(0));
    f.sim.world().clock().advance(Duration.ofMinutes(5));
    truth = f.truth();
  }

  @AfterAll
  void stop() {
    f.close();
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Fault fault :
        List.of(
            Fault.status(503),
            Fault.tooManyRequests(1),
            Fault.connectionReset(),
            Fault.truncatedBody(),
            Fault.truncatedJson(),
            Fault.missingMeta(),
            Fault.emptyData())) {
      for (String path : PATHS) {
        out.add(Arguments.of(fault, path));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("cases")
  void incrementalUnderOneFault(Fault fault, String path) {
    f.sim.faults().clear();
    f.sim.faults().onNth(path, 1, fault);
    Outcome o =
        FetchOracle.judge(
            "incremental, " + fault + " on " + path,
            () -> f.source.fetchIncremental(previous),
            truth,
            previous);
    if (fault.kind() != Fault.Kind.TRUNCATED_JSON
        && fault.kind() != Fault.Kind.MISSING_META
        && fault.kind() != Fault.Kind.EMPTY_DATA) {
      assertEquals(Outcome.IDENTICAL, o, "a retried fault must not change the snapshot");
    }
  }

  /**
   * An empty {@code 200} without {@code meta} on an {@code updated_after} list would look exactly
   * like "nothing changed" and hide updates (here a rename) while the type stays COMPLETE. The
   * reference says {@code per_page} forces pagination, so an incremental read refuses such a page:
   * the read fails with a typed error, and the caller falls back to a full read.
   */
  @ParameterizedTest(name = "EMPTY_DATA on {0}")
  @MethodSource("changedRecordFeeds")
  void anEmptyUnpaginatedDeltaPageFailsTheRead(String path) {
    f.sim.faults().clear();
    f.sim.faults().onNth(path, 1, Fault.emptyData());
    SnapshotUnavailableException e =
        assertThrows(SnapshotUnavailableException.class, () -> f.source.fetchIncremental(previous));
    assertTrue(e.getMessage().contains("meta.pagination"), e.getMessage());
  }

  static Stream<String> changedRecordFeeds() {
    return CHANGED_RECORD_FEEDS.stream();
  }
}
