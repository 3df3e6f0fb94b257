package io.missync.testkit.planner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.MisSnapshot;
import io.missync.core.plan.Change;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.Plan;
import io.missync.core.plan.ReasonCode;
import io.missync.core.plan.ReviewItem;
import io.missync.testkit.gen.SchoolMutation;
import io.missync.testkit.gen.SchoolMutations;
import io.missync.testkit.gen.Schools;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * DESIGN.md: "Every change explains itself: a reason code and the facts that led to it." Every
 * change and review item of every plan carries at least one fact, with a reason code that fits its
 * kind (a deactivation never says "new in source").
 */
class ExplanationProperties {
  private static final Map<ChangeKind, Set<ReasonCode>> ALLOWED = new EnumMap<>(ChangeKind.class);

  static {
    ALLOWED.put(
        ChangeKind.DEACTIVATE_ACCOUNT,
        EnumSet.of(
            ReasonCode.LEFT_SOURCE,
            ReasonCode.LEAVING_DATE_PASSED,
            ReasonCode.EMPLOYMENT_ENDED,
            ReasonCode.DELETED_IN_SOURCE,
            ReasonCode.NO_ACTIVE_STUDENT,
            ReasonCode.NOT_ELIGIBLE));
    ALLOWED.put(ChangeKind.CREATE_ACCOUNT, EnumSet.of(ReasonCode.NEW_IN_SOURCE));
    ALLOWED.put(ChangeKind.REACTIVATE_ACCOUNT, EnumSet.of(ReasonCode.REJOINED));
    ALLOWED.put(ChangeKind.DELETE_ACCOUNT, EnumSet.of(ReasonCode.GRACE_PERIOD_EXPIRED));
    ALLOWED.put(
        ChangeKind.REKEY_ACCOUNT,
        EnumSet.of(ReasonCode.MIS_MIGRATION, ReasonCode.MATCHED_EXISTING_ACCOUNT));
    ALLOWED.put(ChangeKind.UPDATE_ACCOUNT, EnumSet.of(ReasonCode.FIELDS_CHANGED));
    ALLOWED.put(ChangeKind.UNLINK_GUARDIAN, EnumSet.of(ReasonCode.GUARDIAN_REMOVED));
    ALLOWED.put(
        ChangeKind.LINK_GUARDIAN,
        EnumSet.of(ReasonCode.GUARDIAN_ADDED, ReasonCode.RELATIONSHIP_CHANGED));
    ALLOWED.put(ChangeKind.ARCHIVE_GROUP, EnumSet.of(ReasonCode.GROUP_GONE));
  }

  @Provide
  Arbitrary<MisSnapshot> schools() {
    return Schools.schools(0, 30);
  }

  @Provide
  Arbitrary<SchoolMutation> mutations() {
    return SchoolMutations.mutations(Schools.TODAY);
  }

  @Provide
  Arbitrary<EntityType> personTypes() {
    return Arbitraries.of(EntityType.STUDENT, EntityType.STAFF, EntityType.CONTACT);
  }

  private static void explained(Plan p, String after) {
    for (Change c : p.changes()) {
      assertFalse(c.reason().evidence().facts().isEmpty(), () -> after + ": no facts for " + c);
      Set<ReasonCode> ok = ALLOWED.get(c.kind());
      assertTrue(
          ok == null || ok.contains(c.reason().code()),
          () -> after + ": " + c.kind() + " with " + c.reason().code());
    }
    for (ReviewItem r : p.reviewItems()) {
      assertFalse(r.reason().evidence().facts().isEmpty(), () -> after + ": no facts for " + r);
    }
  }

  @Property(tries = 100)
  void everyChangeExplainsItself(
      @ForAll("schools") MisSnapshot school,
      @ForAll("mutations") SchoolMutation mutation,
      @ForAll("personTypes") EntityType type,
      @ForAll @IntRange(min = 0, max = 90) int keepPercent,
      @ForAll long seed) {
    World w = new World(school);
    explained(w.lastPlan, "first sync");
    explained(w.harness.plan(mutation.apply(school)), mutation.toString());
    explained(w.harness.plan(SchoolMutations.migration(school)), "migration");
    explained(w.harness.plan(SchoolMutations.partial(school, type, keepPercent, seed)), "partial");
    explained(
        w.harness.plan(SchoolMutations.truncated(school, type, keepPercent, seed)), "truncated");
  }
}
