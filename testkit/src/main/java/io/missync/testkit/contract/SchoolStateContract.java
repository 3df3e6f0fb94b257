package io.missync.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.Membership;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.model.SourceInfo;
import io.missync.core.model.Student;
import io.missync.core.spi.SchoolMode;
import io.missync.core.spi.SchoolState;
import io.missync.core.spi.SyncStateStore;
import io.missync.testkit.gen.Schools;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The school-state clauses of {@link SyncStateStore}: the school's {@link SchoolState} and the
 * snapshot an incremental read builds on. {@link SyncStateStoreContract} includes these; implement
 * this one alone to prove only them.
 */
public interface SchoolStateContract {

  /** The store under test; may be shared between tests. */
  SyncStateStore newStore();

  /** A school id no other test uses. */
  default String newSchoolId() {
    return "contract-" + UUID.randomUUID();
  }

  private static Instant ms(long epochMilli) {
    return Instant.ofEpochMilli(epochMilli);
  }

  @Test
  default void schoolStateOfAnUnknownSchoolIsActiveWithAFirstFullReadDue() {
    String school = newSchoolId();
    SchoolState s = newStore().schoolState(school);
    assertEquals(SchoolState.initial(school), s);
    assertEquals(SchoolMode.ACTIVE, s.mode());
    assertTrue(s.fullReadDue());
  }

  @Test
  default void everyFieldOfASchoolStateIsKept() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    SchoolState frozen =
        new SchoolState(
            school,
            SchoolMode.FROZEN,
            ms(1_767_225_600_123L),
            "webhook.accessRevoked",
            false,
            "",
            ms(1_767_000_000_456L),
            "SIMS>Arbor@2026-01-02T00:00:00Z",
            true);
    assertEquals(frozen, store.updateSchoolState(school, s -> frozen));
    assertEquals(frozen, store.schoolState(school));
    SchoolState bare =
        new SchoolState(
            school, SchoolMode.MIGRATING, null, "", true, "on.demand", null, null, false);
    store.updateSchoolState(school, s -> bare);
    assertEquals(bare, store.schoolState(school));
  }

  @Test
  default void anUpdateSeesTheCurrentStateAndSchoolsAreIndependent() {
    SyncStateStore store = newStore();
    String a = newSchoolId();
    String b = newSchoolId();
    Instant at = ms(1_767_225_600_000L);
    store.updateSchoolState(a, s -> s.withMode(SchoolMode.MIGRATING, "migration.detected", at));
    SchoolState next = store.updateSchoolState(a, s -> s.withFullReadDone(at.plusSeconds(60)));
    assertEquals(SchoolMode.MIGRATING, next.mode());
    assertEquals(at, next.modeSince());
    assertFalse(next.fullReadDue());
    assertEquals(next, store.schoolState(a));
    assertEquals(SchoolState.initial(b), store.schoolState(b));
  }

  @Test
  default void anUpdateReturningTheSameStateChangesNothing() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    SchoolState first = store.updateSchoolState(school, s -> s);
    assertEquals(SchoolState.initial(school), first);
    assertEquals(first, store.schoolState(school));
  }

  @Test
  default void anUpdateMayNotMoveTheStateToAnotherSchool() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    String other = newSchoolId();
    assertThrows(
        IllegalArgumentException.class,
        () -> store.updateSchoolState(school, s -> SchoolState.initial(other)));
    assertEquals(SchoolState.initial(other), store.schoolState(other));
  }

  @Test
  default void concurrentUpdatesOfOneSchoolAreSerialisedAndNoneIsLost() throws Exception {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    int threads = 6;
    int each = 15;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  for (int i = 0; i < each; i++) {
                    // a counter in the migration key: a lost update would lose an increment
                    store.updateSchoolState(
                        school,
                        s ->
                            s.withMigrationKey(
                                Integer.toString(
                                    Integer.parseInt(s.lastMigration().orElse("0")) + 1)));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(
        Integer.toString(threads * each), store.schoolState(school).lastMigration().orElseThrow());
  }

  // ------------------------------------------------------------------ base snapshot

  @Test
  default void aSchoolWithoutABaseHasNone() {
    assertTrue(newStore().snapshotBase(newSchoolId()).isEmpty());
  }

  /** A snapshot with every kind of thing a base must keep. */
  static MisSnapshot awkwardSnapshot(String school) {
    Student s1 = Student.builder().id("S1").legalName("Zoë", "Nguyễn").upn("A123456789012").build();
    Student s2 = Student.builder().id("S2").legalName("Ruth", "Bennett").build();
    return MisSnapshot.builder(
            new SourceInfo(school, "wonde", "SIMS", Instant.ofEpochSecond(1_767_225_600, 123_456)))
        .addStudent(s1)
        .addStudent(s2)
        .addMembership(Membership.of("G-missing", s1.ref(), MembershipRole.MEMBER))
        .addGuardianLink(GuardianLink.builder("C-missing", "S2").priority(2).build())
        .completeness(EntityType.STUDENT, Completeness.COMPLETE)
        .completeness(EntityType.CONTACT, Completeness.PARTIAL)
        .sourceCount(EntityType.STUDENT, 2)
        .markDeleted(PersonRef.student("S9"))
        .build();
  }

  /** Asserts that a base read back is the snapshot saved. */
  static void assertSameBase(MisSnapshot expected, MisSnapshot actual) {
    assertEquals(List.of(), expected.differencesFrom(actual, 5));
    assertEquals(expected.source(), actual.source());
    assertEquals(expected.deletedPeople(), actual.deletedPeople());
    assertEquals(expected.unresolvedMemberships(), actual.unresolvedMemberships());
    assertEquals(expected.unresolvedGuardianLinks(), actual.unresolvedGuardianLinks());
    for (EntityType t : EntityType.values()) {
      assertEquals(expected.sourceCount(t), actual.sourceCount(t), "source count of " + t);
    }
    assertEquals(expected.students(), actual.students(), "students in order");
    assertEquals(expected.groups(), actual.groups(), "groups in order");
  }

  @Test
  default void aBaseIsKeptWithEverythingAnIncrementalReadUses() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    MisSnapshot s = awkwardSnapshot(school);
    store.saveSnapshotBase(school, s);
    assertSameBase(s, store.snapshotBase(school).orElseThrow());
  }

  @Test
  default void savingABaseReplacesTheLastAndClearingForgetsIt() {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    String other = newSchoolId();
    MisSnapshot first = awkwardSnapshot(school);
    MisSnapshot second =
        first.toBuilder()
            .remove(PersonRef.student("S2"))
            .source(new SourceInfo(school, "wonde", "Arbor", ms(1_767_300_000_000L)))
            .build();
    store.saveSnapshotBase(school, first);
    store.saveSnapshotBase(other, first);
    store.saveSnapshotBase(school, second);
    assertSameBase(second, store.snapshotBase(school).orElseThrow());
    assertSameBase(first, store.snapshotBase(other).orElseThrow());
    store.clearSnapshotBase(school);
    assertTrue(store.snapshotBase(school).isEmpty());
    assertTrue(store.snapshotBase(other).isPresent());
  }

  @Property(tries = 8)
  default void generatedSchoolsComeBackAsSaved(@ForAll("schools") MisSnapshot s) {
    SyncStateStore store = newStore();
    String school = newSchoolId();
    store.saveSnapshotBase(school, s);
    assertSameBase(s, store.snapshotBase(school).orElseThrow());
  }

  @Provide
  default Arbitrary<MisSnapshot> schools() {
    return Schools.schools(0, 60);
  }
}
