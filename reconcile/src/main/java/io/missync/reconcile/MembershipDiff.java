package io.missync.reconcile;

import io.missync.core.EntityType;
import io.missync.core.model.GroupKind;
import io.missync.core.model.Membership;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.plan.AccountRef;
import io.missync.core.plan.Change;
import io.missync.core.plan.GroupRef;
import io.missync.core.plan.JoinGroup;
import io.missync.core.plan.LeaveGroup;
import io.missync.core.plan.MoveAccount;
import io.missync.core.plan.Reason;
import io.missync.core.plan.ReasonCode;
import io.missync.core.state.Account;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Rule unit <b>memberships</b>: an account's memberships of the MIS groups live in the product
 * after the plan follow the source's memberships effective on the school day (the strongest role
 * when one is listed twice). A single leave and a single join of the same group kind is a move.
 * Leaves happen only on a snapshot complete for memberships: a partial read never takes anyone out
 * of a class. Groups and memberships not yet effective move nobody early.
 *
 * <p>Produces {@link ReasonCode#JOINED_GROUP}, {@link ReasonCode#LEFT_GROUP} and {@link
 * ReasonCode#MOVED_GROUP}. Proved by {@code PlannerTest} (membershipChangesAreMovesJoinsAndLeaves,
 * membershipsNotYetEffectiveAreNotApplied) and {@code SafetyGateTest}
 * (aHalfLoadedMembershipExportPassesTheGroupLeaveThreshold).
 */
final class MembershipDiff {
  private final SyncPolicy policy;
  private final MisSnapshot snap;
  private final LocalDate today;
  private final Map<String, GroupRef> liveGroups;
  private final Map<String, String> productGroupToSource;
  private final List<Change> memberships;

  /**
   * @param liveGroups the MIS groups live in the product after the plan (filled by the group stage
   *     before any person is planned)
   * @param productGroupToSource product group id to MIS group id, for the live groups
   * @param out where the changes go
   */
  MembershipDiff(
      SyncPolicy policy,
      MisSnapshot snap,
      LocalDate today,
      Map<String, GroupRef> liveGroups,
      Map<String, String> productGroupToSource,
      List<Change> out) {
    this.policy = policy;
    this.snap = snap;
    this.today = today;
    this.liveGroups = liveGroups;
    this.productGroupToSource = productGroupToSource;
    this.memberships = out;
  }

  private static int rank(MembershipRole r) {
    switch (r) {
      case MAIN_TEACHER:
        return 2;
      case TEACHER:
        return 1;
      default:
        return 0;
    }
  }

  /** Appends the joins, leaves and moves that bring the account's memberships in step. */
  void diff(PersonRef ref, AccountRef aref, @Nullable Account acc) {
    Map<String, MembershipRole> have = acc == null ? Map.of() : acc.groups();
    if (liveGroups.isEmpty() && have.isEmpty()) {
      return;
    }
    // what the source wants, by MIS group id (strongest role when listed more than once)
    Map<String, MembershipRole> want = new HashMap<>();
    if (!liveGroups.isEmpty()) {
      boolean respect = policy.respectEffectiveDates();
      for (Membership m : snap.membershipsOf(ref)) {
        if (!liveGroups.containsKey(m.groupId()) || (respect && !m.isEffectiveOn(today))) {
          continue;
        }
        want.merge(m.groupId(), m.role(), (a, b) -> rank(a) >= rank(b) ? a : b);
      }
    }
    // fast path: the account already has exactly the wanted managed memberships
    int managed = 0;
    for (String productGroup : have.keySet()) {
      if (productGroupToSource.containsKey(productGroup)) {
        managed++;
      }
    }
    if (managed == want.size()) {
      boolean same = true;
      for (Map.Entry<String, MembershipRole> e : want.entrySet()) {
        String pg = Objects.requireNonNull(liveGroups.get(e.getKey())).productGroupId();
        if (pg == null || have.get(pg) != e.getValue()) {
          same = false;
          break;
        }
      }
      if (same) {
        return;
      }
    }
    Map<String, MembershipRole> current = new HashMap<>();
    for (Map.Entry<String, MembershipRole> e : have.entrySet()) {
      String src = productGroupToSource.get(e.getKey());
      if (src != null) {
        current.put(src, e.getValue());
      }
    }
    List<String> joins = new ArrayList<>();
    List<String> leaves = new ArrayList<>();
    for (Map.Entry<String, MembershipRole> e : want.entrySet()) {
      MembershipRole cur = current.get(e.getKey());
      if (cur == null) {
        joins.add(e.getKey());
      } else if (cur != e.getValue()) {
        memberships.add(
            new JoinGroup(
                aref,
                group(e.getKey()),
                e.getValue(),
                Reason.of(
                    ReasonCode.JOINED_GROUP,
                    "group",
                    e.getKey(),
                    "role",
                    e.getValue().name(),
                    "previousRole",
                    cur.name())));
      }
    }
    if (snap.isComplete(EntityType.MEMBERSHIP)) {
      for (String src : current.keySet()) {
        if (!want.containsKey(src)) {
          leaves.add(src);
        }
      }
    }
    // a single leave and a single join of the same kind is a move
    EnumMap<GroupKind, int[]> perKind = new EnumMap<>(GroupKind.class);
    for (String j : joins) {
      perKind.computeIfAbsent(kindOf(j), k -> new int[2])[0]++;
    }
    for (String l : leaves) {
      perKind.computeIfAbsent(kindOf(l), k -> new int[2])[1]++;
    }
    for (String l : leaves) {
      int[] n = Objects.requireNonNull(perKind.get(kindOf(l)));
      if (n[0] == 1 && n[1] == 1) {
        String j = joins.stream().filter(x -> kindOf(x) == kindOf(l)).findFirst().orElseThrow();
        MembershipRole role = Objects.requireNonNull(want.get(j));
        memberships.add(
            new MoveAccount(
                aref,
                group(l),
                group(j),
                role,
                Reason.of(ReasonCode.MOVED_GROUP, "from", l, "to", j, "kind", kindOf(l).name())));
      } else {
        memberships.add(
            new LeaveGroup(aref, group(l), Reason.of(ReasonCode.LEFT_GROUP, "group", l)));
      }
    }
    for (String j : joins) {
      int[] n = Objects.requireNonNull(perKind.get(kindOf(j)));
      if (n[0] == 1 && n[1] == 1) {
        continue;
      }
      MembershipRole role = Objects.requireNonNull(want.get(j));
      memberships.add(
          new JoinGroup(
              aref,
              group(j),
              role,
              Reason.of(ReasonCode.JOINED_GROUP, "group", j, "role", role.name())));
    }
  }

  private GroupRef group(String sourceId) {
    return Objects.requireNonNull(liveGroups.get(sourceId));
  }

  private GroupKind kindOf(String sourceId) {
    return snap.group(sourceId).orElseThrow().kind();
  }
}
