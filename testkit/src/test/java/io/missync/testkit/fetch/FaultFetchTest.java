package io.missync.testkit.fetch;

import static io.missync.testkit.fetch.FetchOracle.Outcome.IDENTICAL;
import static io.missync.testkit.fetch.FetchOracle.Outcome.TYPED_FAILURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.MisSnapshot;
import io.missync.core.spi.SnapshotUnavailableException;
import io.missync.testkit.fetch.FetchOracle.Outcome;
import io.missync.testkit.wonde.Fault;
import io.missync.testkit.wonde.RecordedRequest;
import io.missync.testkit.wonde.SimulatorConfig;
import io.missync.wonde.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults scheduled on one request of a full fetch. Faults the client retries (5xx, 429, resets,
 * truncated bodies) must not change the snapshot at all; the others must give a typed failure, the
 * identical snapshot, or an honestly partial one (see {@link FetchOracle}). Pages of 10 so that
 * request 2 of a list is a middle page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultFetchTest {
  static final List<String> PATHS =
      List.of("/counts", "/students", "/employees", "/contacts", "/groups", "/classes");

  private FetchFixture f;
  private MisSnapshot truth;

  @BeforeAll
  void start() {
    f =
        new FetchFixture(
            SimulatorConfig.builder().seed(51).studentsPerSchool(100).staffPerSchool(24).build(),
            RetryPolicy.defaults(),
            b -> b.perPage(10));
    truth = f.truth();
  }

  @AfterAll
  void stop() {
    f.close();
  }

  @BeforeEach
  void clear() {
    f.sim.faults().clear();
    f.sleeper.clear();
  }

  static Stream<Arguments> retried() {
    List<Fault> faults =
        List.of(
            Fault.status(500),
            Fault.status(503),
            Fault.tooManyRequests(2),
            Fault.connectionReset(),
            Fault.truncatedBody(),
            Fault.latency(20));
    return cases(faults);
  }

  static Stream<Arguments> notRetried() {
    return cases(List.of(Fault.truncatedJson(), Fault.missingMeta(), Fault.emptyData()));
  }

  private static Stream<Arguments> cases(List<Fault> faults) {
    List<Arguments> out = new ArrayList<>();
    for (Fault fault : faults) {
      for (String path : PATHS) {
        for (int n : new int[] {1, 2}) {
          if (n == 2 && path.equals("/counts")) {
            continue; // one counts request per fetch
          }
          out.add(Arguments.of(fault, path, n));
        }
      }
    }
    return out.stream();
  }

  private List<RecordedRequest> faulted(int from) {
    List<RecordedRequest> all = f.sim.requests();
    return all.subList(from, all.size()).stream()
        .filter(r -> r.injectedFault().isPresent())
        .toList();
  }

  @ParameterizedTest(name = "{0} on {1} #{2}")
  @MethodSource("retried")
  void retriedFaultsLeaveTheSnapshotIdentical(Fault fault, String path, int n) {
    int before = f.sim.requests().size();
    f.sim.faults().onNth(path, n, fault);
    Outcome o = FetchOracle.judge(fault + " on " + path, f.source::fetchFull, truth);
    assertEquals(1, faulted(before).size(), "the fault was injected once");
    assertEquals(IDENTICAL, o, "a retried fault must not change the snapshot");
    if (fault.kind() == Fault.Kind.TOO_MANY_REQUESTS) {
      assertEquals(List.of(Duration.ofSeconds(2)), f.sleeper.waits(), "Retry-After honoured");
    }
  }

  @ParameterizedTest(name = "{0} on {1} #{2}")
  @MethodSource("notRetried")
  void otherFaultsGiveTheSnapshotATypedFailureOrAnHonestPartial(Fault fault, String path, int n) {
    int before = f.sim.requests().size();
    f.sim.faults().onNth(path, n, fault);
    Outcome o = FetchOracle.judge(fault + " on " + path + " #" + n, f.source::fetchFull, truth);
    assertEquals(1, faulted(before).size(), "the fault was injected once");
    if (fault.kind() == Fault.Kind.TRUNCATED_JSON) {
      assertEquals(TYPED_FAILURE, o, "malformed JSON is never a snapshot");
    }
    if (fault.kind() == Fault.Kind.EMPTY_DATA && !path.equals("/counts")) {
      // an empty 200 (wrong region, half-loaded school) must not read as "everyone left"
      assertNotEquals(IDENTICAL, o);
    }
  }

  @Test
  void emptyStudentListIsPartialNeverEveryoneLeft() {
    f.sim.faults().onNth("/students", 1, Fault.emptyData());
    MisSnapshot s = f.source.fetchFull();
    assertTrue(s.students().isEmpty());
    assertFalse(s.isComplete(EntityType.STUDENT));
    assertFalse(s.isComplete(EntityType.GUARDIAN_LINK));
  }

  @Test
  void outageOfAnyEndpointIsATypedFailure() {
    for (String path : PATHS) {
      for (Fault fault : List.of(Fault.status(503), Fault.connectionReset())) {
        f.sim.faults().clear();
        f.sim.faults().always(path, fault);
        assertThrows(
            SnapshotUnavailableException.class, f.source::fetchFull, fault + " on " + path);
      }
    }
    f.sim.faults().clear();
    assertEquals(IDENTICAL, FetchOracle.judge("after the outage", f.source::fetchFull, truth));
  }

  @Test
  void clientErrorsAreNotRetriedAndFailTyped() {
    for (int status : new int[] {400, 401, 403, 404}) {
      f.sim.faults().clear();
      f.sleeper.clear();
      f.sim.faults().onNth("/groups", 1, Fault.status(status));
      assertThrows(SnapshotUnavailableException.class, f.source::fetchFull, "status " + status);
      assertEquals(List.of(), f.sleeper.waits(), "no retry of " + status);
    }
  }

  static final Set<Fault.Kind> RETRIED =
      EnumSet.of(
          Fault.Kind.STATUS,
          Fault.Kind.TOO_MANY_REQUESTS,
          Fault.Kind.CONNECTION_RESET,
          Fault.Kind.TRUNCATED_BODY,
          Fault.Kind.LATENCY);
}
