package io.missync.reconcile;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.Group;
import io.missync.core.model.GroupKind;
import io.missync.core.model.MisSnapshot;
import io.missync.core.plan.ArchiveGroup;
import io.missync.core.plan.Change;
import io.missync.core.plan.CreateGroup;
import io.missync.core.plan.Evidence;
import io.missync.core.plan.GroupRef;
import io.missync.core.plan.Reason;
import io.missync.core.plan.ReasonCode;
import io.missync.core.plan.UpdateGroup;
import io.missync.core.state.ProductGroup;
import io.missync.core.state.TargetState;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Rule unit <b>groups and effective dates</b>: MIS groups of the synced kinds are mirrored; a group
 * not yet effective on the school day is not created (next year's groups loaded early move nobody),
 * one whose end date passed is archived; a group gone from a snapshot complete for groups is
 * archived; in a migration a vanished group is re-keyed to the one new group of the same kind and
 * name (outside one, a new year's "7A" is not last year's).
 *
 * <p>Produces {@link ReasonCode#GROUP_CHANGED} and {@link ReasonCode#GROUP_GONE} (group creates
 * carry {@code NEW_IN_SOURCE} and group re-keys {@code MIS_MIGRATION}, the joiner and re-key rules'
 * codes). Proved by {@code PlannerTest} (groupsAreUpdatedArchivedAndFilteredByKind,
 * anMisMigrationRekeysGroupsByKindAndNameSoTheyKeepTheirContentAndMembers,
 * groupIdsChangingWithoutAMigrationAreNewGroupsNotLastYearsOnes) and {@code
 * SafeguardingReviewTest.anEmptyCompleteGroupReadIsHeld}.
 */
final class GroupStage {
  private final SyncPolicy policy;
  private final TargetState state;
  private final MisSnapshot snap;
  private final LocalDate today;
  private final boolean migrationUnderway;

  GroupStage(
      SyncPolicy policy,
      TargetState state,
      MisSnapshot snap,
      LocalDate today,
      boolean migrationUnderway) {
    this.policy = policy;
    this.state = state;
    this.snap = snap;
    this.today = today;
    this.migrationUnderway = migrationUnderway;
  }

  /**
   * During a migration, a product group whose MIS group vanished is re-keyed to the one new MIS
   * group of the same kind and name, so it keeps its content and members; a name shared by several
   * groups on either side is ambiguous and left to the usual create and archive. Outside a
   * migration nothing is matched: a new academic year's "7A" is not last year's.
   */
  private Map<String, ProductGroup> groupRekeys() {
    if (!migrationUnderway || !snap.isComplete(EntityType.GROUP)) {
      return Map.of();
    }
    Map<String, List<ProductGroup>> vanishedByName = new HashMap<>();
    for (ProductGroup pg : state.groups()) {
      String src = pg.sourceGroupId();
      if (src != null && !pg.archived() && policy.syncs(pg.kind()) && snap.group(src).isEmpty()) {
        vanishedByName.computeIfAbsent(pg.kind() + "|" + pg.name(), k -> new ArrayList<>()).add(pg);
      }
    }
    Map<String, List<Group>> newByName = new HashMap<>();
    for (Group g : snap.groups()) {
      if (policy.syncs(g.kind()) && state.groupForSource(g.id()).isEmpty()) {
        newByName.computeIfAbsent(g.kind() + "|" + groupName(g), k -> new ArrayList<>()).add(g);
      }
    }
    Map<String, ProductGroup> out = new HashMap<>();
    newByName.forEach(
        (key, groups) -> {
          List<ProductGroup> old = vanishedByName.getOrDefault(key, List.of());
          if (groups.size() == 1 && old.size() == 1) {
            out.put(groups.get(0).id(), old.get(0));
          }
        });
    return out;
  }

  /**
   * Plans the groups: creates, updates (and re-keys in a migration) and archives into the given
   * buckets, and fills {@code liveGroups} (MIS group id to its product group, for the groups live
   * after the plan) and {@code productGroupToSource}.
   */
  void plan(
      List<Change> groupCreates,
      List<Change> groupUpdates,
      List<Change> archives,
      Map<String, GroupRef> liveGroups,
      Map<String, String> productGroupToSource) {
    boolean respect = policy.respectEffectiveDates();
    Map<String, ProductGroup> rekeyed = groupRekeys();
    Set<String> rekeyedProductGroups = new HashSet<>();
    for (Group g : snap.groups()) {
      if (!policy.syncs(g.kind())) {
        continue;
      }
      String name = groupName(g);
      String subject = g.subject().orElse(null);
      ProductGroup pg = state.groupForSource(g.id()).orElse(null);
      boolean effective = !respect || g.isEffectiveOn(today);
      if (!effective) {
        boolean ended = g.effectiveTo().map(d -> d.isBefore(today)).orElse(false);
        if (pg != null && !pg.archived() && ended) {
          archives.add(
              new ArchiveGroup(
                  GroupRef.of(g.id(), pg.groupId()),
                  Reason.of(
                      ReasonCode.GROUP_GONE,
                      "effectiveTo",
                      g.effectiveTo().map(LocalDate::toString).orElse(""))));
        }
        continue;
      }
      ProductGroup previous = pg == null ? rekeyed.get(g.id()) : null;
      if (previous != null) {
        GroupRef ref = GroupRef.of(g.id(), previous.groupId());
        Evidence ev =
            Evidence.of(
                "previousSourceGroupId",
                Objects.requireNonNull(previous.sourceGroupId()),
                "matchedOn",
                "KIND_AND_NAME");
        groupUpdates.add(new UpdateGroup(ref, g.kind(), name, subject, Rekeys.group(ev)));
        liveGroups.put(g.id(), ref);
        productGroupToSource.put(previous.groupId(), g.id());
        rekeyedProductGroups.add(previous.groupId());
      } else if (pg == null) {
        groupCreates.add(
            new CreateGroup(
                GroupRef.of(g.id(), null), g.kind(), name, subject, Joiners.group(g.kind())));
        liveGroups.put(g.id(), GroupRef.of(g.id(), null));
      } else {
        GroupRef ref = GroupRef.of(g.id(), pg.groupId());
        if (pg.archived()
            || pg.kind() != g.kind()
            || !pg.name().equals(name)
            || !Objects.equals(pg.subject(), subject)) {
          Evidence ev = Evidence.of("kind", pg.kind().name(), "name", pg.name());
          if (pg.subject() != null) {
            ev = ev.with("subject", pg.subject());
          }
          if (pg.archived()) {
            ev = ev.with("archived", "true");
          }
          groupUpdates.add(
              new UpdateGroup(
                  ref, g.kind(), name, subject, new Reason(ReasonCode.GROUP_CHANGED, ev)));
        }
        liveGroups.put(g.id(), ref);
        productGroupToSource.put(pg.groupId(), g.id());
      }
    }
    if (snap.isComplete(EntityType.GROUP)) {
      for (ProductGroup pg : state.groups()) {
        String src = pg.sourceGroupId();
        if (src == null
            || pg.archived()
            || !policy.syncs(pg.kind())
            || rekeyedProductGroups.contains(pg.groupId())) {
          continue;
        }
        if (snap.group(src).isEmpty()) {
          archives.add(
              new ArchiveGroup(
                  GroupRef.of(src, pg.groupId()),
                  Reason.of(ReasonCode.GROUP_GONE, "groups", Completeness.COMPLETE.name())));
        }
      }
    }
  }

  private String groupName(Group g) {
    return g.kind() == GroupKind.YEAR ? policy.yearGroups().map(g.name()) : g.name();
  }
}
