package io.missync.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.HoldReason;
import io.missync.core.plan.PlanStatistics;
import io.missync.core.state.Account;
import io.missync.core.state.StateUpdate;
import io.missync.testkit.contract.StateArbitraries;
import io.missync.testkit.contract.StateAssertions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CodecsTest {

  @Provide
  Arbitrary<StateUpdate> updates() {
    return StateArbitraries.stateUpdates();
  }

  @Property(tries = 300)
  void everyStateUpdateReadsBackEqual(@ForAll("updates") StateUpdate u) {
    assertEquals(u, Codecs.readStateUpdate(Codecs.stateUpdate(u)));
  }

  @Test
  void aJournalledAccountWrittenBeforeSuspensionReadsAsNotSuspended() {
    StateUpdate old = Codecs.readStateUpdate("A\tacc\tSTAFF\t\\N\tf\t\\N\t\\N\tt\tf\n");
    assertEquals(
        List.of(
            Account.builder("acc", EntityType.STAFF).active(false).credentialsIssued(true).build()),
        old.accounts());
    Account suspended =
        Account.builder("acc", EntityType.STAFF).active(false).suspended(true).build();
    assertTrue(
        Codecs.readStateUpdate(Codecs.stateUpdate(StateUpdate.account(suspended)))
            .accounts()
            .get(0)
            .suspended());
  }

  @Test
  void statisticsOfEveryKindAChangeCanHaveReadBack() {
    // one stored row per (type, kind) pair a real change can produce, with distinct counts
    StringBuilder text = new StringBuilder();
    int n = 1;
    List<Object[]> expected = new ArrayList<>();
    for (EntityType t : EntityType.values()) {
      for (ChangeKind k : ChangeKind.values()) {
        boolean personKind =
            !k.name().contains("GUARDIAN")
                && (!k.name().contains("GROUP")
                    || k == ChangeKind.JOIN_GROUP
                    || k == ChangeKind.LEAVE_GROUP);
        boolean possible =
            t.isPerson()
                ? personKind
                : t == EntityType.GROUP
                    ? k.name().endsWith("_GROUP") && !personKind
                    : t == EntityType.GUARDIAN_LINK && k.name().endsWith("GUARDIAN");
        if (possible) {
          text.append("C\t").append(t).append('\t').append(k).append('\t').append(n).append('\n');
          expected.add(new Object[] {t, k, n});
          n++;
        }
      }
    }
    text.append("B\tSTUDENT\t900\nB\tCONTACT\t1500\n");
    PlanStatistics s = Codecs.readStatistics(text.toString());
    for (Object[] e : expected) {
      assertEquals(e[2], s.count((EntityType) e[0], (ChangeKind) e[1]), e[0] + " " + e[1]);
    }
    assertEquals(900, s.baseline(EntityType.STUDENT));
    assertEquals(0, s.baseline(EntityType.STAFF));
    StateAssertions.assertSameStatistics(s, Codecs.readStatistics(Codecs.statistics(s)));
    assertEquals(9 * 3 + 3 + 2, expected.size(), "9 kinds per person type, 3 group, 2 link");
  }

  @Test
  void reasonsAndDetailsReadBack() {
    List<HoldReason> reasons =
        List.of(
            new HoldReason(HoldReason.Code.COUNT_MISMATCH, EntityType.CONTACT, "12 ≠ 13\n\t\\N"),
            new HoldReason(HoldReason.Code.REVIEW_REQUIRED, null, ""));
    assertEquals(reasons, Codecs.readReasons(Codecs.reasons(reasons)));
    Map<String, String> details = Map.of("a\tb", "c\nd", "", "\\N");
    assertEquals(details, Codecs.readDetails(Codecs.details(details)));
  }

  @Test
  void unreadableDataIsATypedErrorThatShowsNoContent() {
    String secretish = "Surname-Of-A-Child";
    JdbcStoreException e =
        assertThrows(
            JdbcStoreException.class,
            () ->
                Codecs.readFields(
                    "NICKNAME\t" + secretish + "\n", Account.builder("a", EntityType.STUDENT)));
    assertFalse(e.getMessage().contains(secretish), e.getMessage());
    assertTrue(e.getMessage().contains("account fields"), e.getMessage());
    assertThrows(
        JdbcStoreException.class, () -> Codecs.readStatistics("C\tGROUP\tCREATE_ACCOUNT\t1\n"));
    assertThrows(JdbcStoreException.class, () -> Codecs.readStateUpdate("F\tFORENAME\tx\n"));
    assertThrows(
        JdbcStoreException.class,
        () -> Codecs.readStateUpdate("A\tacc\tSTUDENT\t\\N\tt\tnot-a-date\t\\N\tf\tf\n"));
    assertThrows(JdbcStoreException.class, () -> Codecs.readReasons("broken"));
  }
}
