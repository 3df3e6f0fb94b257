package io.missync.testkit.fetch;

import static org.junit.jupiter.api.Assertions.fail;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.MisSnapshot;
import io.missync.core.spi.SnapshotUnavailableException;
import io.missync.wonde.WondeException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Judges a fetch against the ground truth. Allowed outcomes: the identical snapshot; a typed
 * failure ({@link SnapshotUnavailableException} or {@link WondeException}); or, as the {@code
 * SnapshotSource} contract allows, an honestly partial snapshot: at least one type not COMPLETE,
 * every COMPLETE type exactly as the truth has it, and every record of every type one the truth has
 * (nothing stale, nothing invented; for an incremental fetch a type that is not COMPLETE may still
 * hold records of the previous snapshot). Anything else, or any other exception, fails the test.
 */
final class FetchOracle {
  enum Outcome {
    IDENTICAL,
    TYPED_FAILURE,
    HONEST_PARTIAL
  }

  private FetchOracle() {}

  static Outcome judge(String what, Supplier<MisSnapshot> fetch, MisSnapshot truth) {
    return judge(what, fetch, truth, null);
  }

  /**
   * As {@link #judge(String, Supplier, MisSnapshot)} for an incremental fetch from {@code
   * previous}: a type that is not COMPLETE may also still hold records of {@code previous} (a
   * removal it could not confirm), never anything else.
   */
  static Outcome judge(
      String what, Supplier<MisSnapshot> fetch, MisSnapshot truth, @Nullable MisSnapshot previous) {
    MisSnapshot s;
    try {
      s = fetch.get();
    } catch (SnapshotUnavailableException | WondeException e) {
      return Outcome.TYPED_FAILURE;
    }
    if (truth.sameContentAs(s) && s.sameContentAs(truth)) {
      return Outcome.IDENTICAL;
    }
    StringBuilder wrong = new StringBuilder();
    boolean anyIncomplete = false;
    for (EntityType t : EntityType.values()) {
      if (s.completeness(t) != Completeness.COMPLETE) {
        anyIncomplete = true;
      }
      Set<Object> got = records(s, t);
      Set<Object> want = records(truth, t);
      Set<Object> extra = new HashSet<>(got);
      extra.removeAll(want);
      if (previous != null && s.completeness(t) != Completeness.COMPLETE) {
        extra.removeAll(records(previous, t));
      }
      if (!extra.isEmpty()) {
        wrong.append(t).append(": ").append(extra.size()).append(" record(s) not in truth, e.g. ");
        wrong.append(extra.iterator().next()).append('\n');
      }
      if (s.completeness(t) == Completeness.COMPLETE && !got.equals(want)) {
        wrong.append(t).append(" claims COMPLETE but has ").append(got.size());
        wrong.append(" of ").append(want.size()).append(" records\n");
      }
    }
    if (!anyIncomplete) {
      wrong.append("differs from truth yet claims every type COMPLETE: ");
      wrong.append(truth.differencesFrom(s, 5)).append('\n');
    }
    if (wrong.length() > 0) {
      fail(what + ": wrong snapshot returned\n" + wrong);
    }
    return Outcome.HONEST_PARTIAL;
  }

  private static Set<Object> records(MisSnapshot s, EntityType t) {
    List<?> l =
        switch (t) {
          case STUDENT -> s.students();
          case STAFF -> s.staff();
          case CONTACT -> s.contacts();
          case GROUP -> s.groups();
          case MEMBERSHIP -> s.memberships();
          case GUARDIAN_LINK -> s.guardianLinks();
        };
    return new HashSet<>(l);
  }
}
