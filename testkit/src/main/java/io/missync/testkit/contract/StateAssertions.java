package io.missync.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.missync.core.EntityType;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.PlanStatistics;
import io.missync.core.spi.HeldPlan;
import io.missync.core.state.Account;
import io.missync.core.state.ProductGroup;
import io.missync.core.state.ProductGuardianLink;
import io.missync.core.state.TargetState;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assertions on stored values. The order of a state's lists is not part of the SPI (an in-memory
 * store keeps insertion order, a database returns its own), so states compare as maps by id.
 */
public final class StateAssertions {
  private StateAssertions() {}

  /** Same school, version, accounts, groups and guardian links, whatever their order. */
  public static void assertSameState(TargetState expected, TargetState actual) {
    assertEquals(expected.schoolId(), actual.schoolId(), "school id");
    assertEquals(expected.version(), actual.version(), "version");
    assertEquals(accounts(expected), accounts(actual), "accounts");
    assertEquals(groups(expected), groups(actual), "groups");
    assertEquals(links(expected), links(actual), "guardian links");
  }

  private static Map<String, Account> accounts(TargetState s) {
    Map<String, Account> m = new TreeMap<>();
    s.accounts().forEach(a -> m.put(a.accountId(), a));
    return m;
  }

  private static Map<String, ProductGroup> groups(TargetState s) {
    Map<String, ProductGroup> m = new TreeMap<>();
    s.groups().forEach(g -> m.put(g.groupId(), g));
    return m;
  }

  private static Map<String, ProductGuardianLink> links(TargetState s) {
    Map<String, ProductGuardianLink> m = new TreeMap<>();
    s.guardianLinks().forEach(l -> m.put(l.key(), l));
    return m;
  }

  /**
   * Same counts per entity type and change kind, and same baselines. {@link PlanStatistics#equals}
   * also tells an absent baseline from a zero one, which no reader of the figures can see.
   */
  public static void assertSameStatistics(PlanStatistics expected, PlanStatistics actual) {
    for (EntityType t : EntityType.values()) {
      for (ChangeKind k : ChangeKind.values()) {
        assertEquals(expected.count(t, k), actual.count(t, k), "count of " + k + " on " + t);
      }
      assertEquals(expected.baseline(t), actual.baseline(t), "baseline of " + t);
    }
  }

  /** Every field of a held plan, statistics compared as {@link #assertSameStatistics}. */
  public static void assertSameHeldPlan(HeldPlan expected, HeldPlan actual) {
    assertEquals(expected.schoolId(), actual.schoolId(), "school id");
    assertEquals(expected.planId(), actual.planId(), "plan id");
    assertEquals(expected.stateVersion(), actual.stateVersion(), "state version");
    assertEquals(expected.heldAt(), actual.heldAt(), "held at");
    assertEquals(expected.reasons(), actual.reasons(), "reasons");
    assertSameStatistics(expected.statistics(), actual.statistics());
    assertEquals(expected.decision(), actual.decision(), "decision");
    assertEquals(expected.decider(), actual.decider(), "decided by");
    assertEquals(expected.decisionTime(), actual.decisionTime(), "decided at");
  }
}
