package io.missync.testkit.fetch;

import static io.missync.testkit.fetch.FetchOracle.Outcome.IDENTICAL;
import static io.missync.testkit.fetch.FetchOracle.Outcome.TYPED_FAILURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.MisSnapshot;
import io.missync.core.spi.SnapshotUnavailableException;
import io.missync.testkit.wonde.Fault;
import io.missync.testkit.wonde.RecordedRequest;
import io.missync.testkit.wonde.SimulatorConfig;
import io.missync.testkit.wonde.WireVariants;
import io.missync.wonde.RetryPolicy;
import io.missync.wonde.snapshot.FetchIssue;
import io.missync.wonde.snapshot.WondeFetch;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A full fetch requests pages 2..N of a list at once, by page number, once the school's count (or a
 * total in the pages' meta) says how many pages there are; where the paging is not plainly by page
 * number, or nothing says how many records there are, it follows {@code next} page by page. These
 * tests watch the requests the simulator received, fault single pages whatever order concurrent
 * requests arrive in, and change the school between two pages of one read.
 *
 * <p>100 students in pages of 10: ten pages of students.
 */
class ConcurrentPagingTest {
  private static final Pattern PAGE = Pattern.compile("(?:^|&)page=(\\d+)");

  private FetchFixture f;

  private FetchFixture fixture(SimulatorConfig.Builder config) {
    f =
        new FetchFixture(
            config.seed(61).studentsPerSchool(100).staffPerSchool(24).build(),
            RetryPolicy.defaults(),
            b -> b.perPage(10));
    return f;
  }

  private FetchFixture fixture() {
    return fixture(SimulatorConfig.builder());
  }

  @AfterEach
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  private static int page(RecordedRequest r) {
    Matcher m = PAGE.matcher(r.query());
    int page = 1;
    while (m.find()) {
      page = Integer.parseInt(m.group(1));
    }
    return page;
  }

  private List<RecordedRequest> requests(String suffix, int from) {
    List<RecordedRequest> all = f.sim.requests();
    return all.subList(from, all.size()).stream().filter(r -> r.path().endsWith(suffix)).toList();
  }

  private static List<Integer> pages(List<RecordedRequest> rs) {
    return rs.stream().map(ConcurrentPagingTest::page).sorted().toList();
  }

  private static boolean hasIssue(WondeFetch w, EntityType t, String text) {
    for (FetchIssue i : w.issues()) {
      if (i.entityType() == t && i.problem().contains(text)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void pagesTwoToNAreRequestedByNumberAndAtOnce() {
    fixture(SimulatorConfig.builder().latencyMs(40));
    MisSnapshot truth = f.truth();
    int before = f.sim.requests().size();
    assertEquals(IDENTICAL, FetchOracle.judge("concurrent pages", f.source::fetchFull, truth));
    List<RecordedRequest> students = requests("/students", before);
    // each page once, none past the end: the count said 100 records, 10 a page
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), pages(students));
    for (RecordedRequest r : students) {
      if (page(r) > 1) {
        assertTrue(r.query().contains("per_page=10"), "same parameters: " + r.query());
        assertTrue(r.query().contains("include="), "same includes: " + r.query());
      }
    }
    int overlap = students.stream().mapToInt(RecordedRequest::inFlight).max().orElse(0);
    // following next, no two pages of one list are ever in flight together
    assertTrue(overlap > 1, "pages of students overlapped: " + overlap);
    for (EntityType t : List.of(EntityType.STUDENT, EntityType.STAFF, EntityType.CONTACT)) {
      assertEquals(Completeness.COMPLETE, f.source.fetchFull().completeness(t), t.toString());
    }
  }

  @Test
  void withoutACountTheListIsReadByFollowingNext() {
    fixture(SimulatorConfig.builder().latencyMs(20));
    MisSnapshot truth = f.truth();
    // the counts answer counts nothing, and the pages' meta has no total (as Wonde documents it)
    f.sim.faults().onNth("/counts", 1, Fault.emptyObject());
    int before = f.sim.requests().size();
    WondeFetch w = f.source.fetchFullWithReport();
    FetchFixture.assertSameContent("sequential fallback", truth, w.snapshot());
    List<RecordedRequest> students = requests("/students", before);
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), pages(students));
    for (RecordedRequest r : students) {
      assertEquals(1, r.inFlight(), "one page at a time: page " + page(r));
    }
    // in the order of the next links
    assertEquals(
        List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
        students.stream().map(ConcurrentPagingTest::page).toList());
  }

  @Test
  void aTotalInThePagesMetaPlansTheReadWithoutACount() {
    fixture(
        SimulatorConfig.builder()
            .latencyMs(40)
            .variants(WireVariants.defaults().withPaginationTotals(true)));
    MisSnapshot truth = f.truth();
    f.sim.faults().onNth("/counts", 1, Fault.emptyObject());
    int before = f.sim.requests().size();
    WondeFetch w = f.source.fetchFullWithReport();
    FetchFixture.assertSameContent("planned from last_page", truth, w.snapshot());
    // no count to check against, but the pages' total is met
    assertFalse(hasIssue(w, EntityType.STUDENT, "changed while"), w.issues().toString());
    List<RecordedRequest> students = requests("/students", before);
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), pages(students));
    assertTrue(students.stream().anyMatch(r -> r.inFlight() > 1), "pages overlapped");
  }

  @Test
  void aRetriedFaultOnAMiddlePageChangesNothing() {
    fixture();
    MisSnapshot truth = f.truth();
    for (Fault fault : List.of(Fault.status(503), Fault.connectionReset(), Fault.truncatedBody())) {
      f.sim.faults().clear();
      f.sim.faults().onPage("/students", 5, fault);
      f.sim.faults().onPage("/contacts", 3, fault);
      int before = f.sim.requests().size();
      assertEquals(IDENTICAL, FetchOracle.judge(fault + " on page 5", f.source::fetchFull, truth));
      long page5 = requests("/students", before).stream().filter(r -> page(r) == 5).count();
      assertEquals(2, page5, fault + ": page 5 read twice (the fault, then the retry)");
    }
  }

  @Test
  void aMiddlePageThatKeepsFailingFailsTheFetch() {
    fixture();
    f.sim.faults().alwaysOnPage("/students", 5, Fault.status(503));
    assertThrows(SnapshotUnavailableException.class, f.source::fetchFull);
    f.sim.faults().clear();
    f.sim.faults().onPage("/contacts", 4, Fault.truncatedJson());
    assertThrows(SnapshotUnavailableException.class, f.source::fetchFull);
  }

  @Test
  void anEmptyMiddlePageIsNeverAWholeList() {
    fixture();
    MisSnapshot truth = f.truth();
    f.sim.faults().onPage("/students", 5, Fault.emptyData());
    WondeFetch w = f.source.fetchFullWithReport();
    assertEquals(Completeness.PARTIAL, w.snapshot().completeness(EntityType.STUDENT));
    assertEquals(Completeness.PARTIAL, w.snapshot().completeness(EntityType.GUARDIAN_LINK));
    assertTrue(hasIssue(w, EntityType.STUDENT, "page 5 came back without pagination meta"));
    f.sim.faults().clear();
    f.sim.faults().onPage("/students", 5, Fault.emptyData());
    assertNotEquals(IDENTICAL, FetchOracle.judge("empty page 5", f.source::fetchFull, truth));
  }

  @Test
  void aFullMiddlePageWithoutMetaFailsTheFetch() {
    fixture();
    MisSnapshot truth = f.truth();
    f.sim.faults().onPage("/students", 5, Fault.missingMeta());
    assertEquals(TYPED_FAILURE, FetchOracle.judge("no meta on page 5", f.source::fetchFull, truth));
  }

  @Test
  void recordsRemovedBetweenPagesMakeTheListPartial() {
    fixture(SimulatorConfig.builder().latencyMs(10));
    List<String> first = f.school.studentIds().subList(0, 3);
    // three students on page 1 leave after page 1 was read: later pages move up by three
    f.sim.beforeAnswering(
        (path, query) -> path.endsWith("/students") && query.contains("page=4"),
        () -> first.forEach(f.school::studentLeaves));
    WondeFetch w = f.source.fetchFullWithReport();
    assertEquals(Completeness.PARTIAL, w.snapshot().completeness(EntityType.STUDENT));
    assertEquals(Completeness.PARTIAL, w.snapshot().completeness(EntityType.GUARDIAN_LINK));
    assertTrue(hasIssue(w, EntityType.STUDENT, "Wonde counts"), w.issues().toString());
  }

  @Test
  void aPageWithADifferentTotalMakesTheListPartial() {
    fixture(
        SimulatorConfig.builder()
            .latencyMs(10)
            .variants(WireVariants.defaults().withPaginationTotals(true)));
    List<String> added = new ArrayList<>();
    // a student joins while the pages are read: later pages give another total and one more page
    f.sim.beforeAnswering(
        (path, query) -> path.endsWith("/students") && query.contains("page=6"),
        () -> {
          for (int i = 0; i < 5; i++) {
            added.add(f.school.addStudent("7"));
          }
        });
    int before = f.sim.requests().size();
    WondeFetch w = f.source.fetchFullWithReport();
    assertEquals(5, added.size());
    assertEquals(Completeness.PARTIAL, w.snapshot().completeness(EntityType.STUDENT));
    assertTrue(
        hasIssue(w, EntityType.STUDENT, "changed while its pages were read"),
        w.issues().toString());
    // the list was read to its new end by following next from the last planned page
    assertTrue(pages(requests("/students", before)).contains(11), "page 11 read");
    for (String id : added) {
      assertTrue(w.snapshot().student(id).isPresent(), "new student " + id + " read");
    }
    // once the school is still, the next fetch is whole again
    f.sim.clearActions();
    WondeFetch again = f.source.fetchFullWithReport();
    assertEquals(Completeness.COMPLETE, again.snapshot().completeness(EntityType.STUDENT));
    FetchFixture.assertSameContent("after the change", f.truth(), again.snapshot());
  }

  @Test
  void withoutMetaTheSmallListIsOnePage() {
    fixture();
    MisSnapshot truth = f.truth();
    f.sim.faults().onPage("/employees", 1, Fault.emptyData());
    WondeFetch w = f.source.fetchFullWithReport();
    assertFalse(w.snapshot().isComplete(EntityType.STAFF));
    assertEquals(IDENTICAL, FetchOracle.judge("after", f.source::fetchFull, truth));
  }
}
