package io.missync.store.jdbc;

import io.missync.core.EntityType;
import io.missync.core.model.GroupKind;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.HoldReason;
import io.missync.core.plan.PlanStatistics;
import io.missync.core.state.Account;
import io.missync.core.state.AccountField;
import io.missync.core.state.ProductGroup;
import io.missync.core.state.ProductGuardianLink;
import io.missync.core.state.StateUpdate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Encodes values into {@link TextRecords} and back. Record layouts (tags first):
 *
 * <ul>
 *   <li>account fields column: {@code FIELD value} per managed field;
 *   <li>memberships column: {@code groupId ROLE} per membership, in the account's order;
 *   <li>state update (journal): {@code A accountId KIND linkId|\N active deactivatedOn|\N
 *       username|\N credentialsIssued protected suspended}, followed by that account's {@code F
 *       FIELD value} and {@code M groupId ROLE} records; {@code RA accountId}; {@code G groupId
 *       sourceId|\N KIND name subject|\N archived}; {@code RG groupId}; {@code L contactId
 *       studentId relationship parentalResponsibility}; {@code RL linkKey}. Booleans are {@code
 *       t}/{@code f}, dates ISO-8601. An {@code A} record written before accounts could be
 *       suspended has no {@code suspended} field and reads as not suspended;
 *   <li>hold reasons: {@code CODE ENTITY_TYPE|\N message};
 *   <li>plan statistics: {@code C ENTITY_TYPE CHANGE_KIND count} and {@code B ENTITY_TYPE
 *       baseline};
 *   <li>audit details: {@code name value}.
 * </ul>
 *
 * Unknown tags or enum names make the value unreadable: a {@link JdbcStoreException} that names
 * what was being read, never the content.
 */
final class Codecs {
  private Codecs() {}

  // ---- account columns ----

  static String fields(Map<AccountField, String> fields) {
    List<List<@Nullable String>> rs = new ArrayList<>(fields.size());
    fields.forEach((f, v) -> rs.add(Arrays.asList(f.name(), v)));
    return TextRecords.write(rs);
  }

  static String memberships(Map<String, MembershipRole> groups) {
    List<List<@Nullable String>> rs = new ArrayList<>(groups.size());
    groups.forEach((g, r) -> rs.add(Arrays.asList(g, r.name())));
    return TextRecords.write(rs);
  }

  static void readFields(String text, Account.Builder into) {
    for (List<@Nullable String> r : records(text, "account fields")) {
      into.field(
          enumOf(AccountField.class, field(r, 0, "account fields"), "account fields"),
          field(r, 1, "account fields"));
    }
  }

  static void readMemberships(String text, Account.Builder into) {
    for (List<@Nullable String> r : records(text, "memberships")) {
      into.group(
          field(r, 0, "memberships"),
          enumOf(MembershipRole.class, field(r, 1, "memberships"), "memberships"));
    }
  }

  // ---- state update ----

  static String stateUpdate(StateUpdate u) {
    List<List<@Nullable String>> rs = new ArrayList<>();
    for (String id : u.removedAccounts()) {
      rs.add(Arrays.asList("RA", id));
    }
    for (Account a : u.accounts()) {
      rs.add(
          Arrays.asList(
              "A",
              a.accountId(),
              a.kind().name(),
              a.link().map(PersonRef::id).orElse(null),
              bool(a.active()),
              a.deactivatedOn().map(LocalDate::toString).orElse(null),
              a.username().orElse(null),
              bool(a.credentialsIssued()),
              bool(a.isProtected()),
              bool(a.suspended())));
      a.fields().forEach((f, v) -> rs.add(Arrays.asList("F", f.name(), v)));
      a.groups().forEach((g, r) -> rs.add(Arrays.asList("M", g, r.name())));
    }
    for (String id : u.removedGroups()) {
      rs.add(Arrays.asList("RG", id));
    }
    for (ProductGroup g : u.groups()) {
      rs.add(
          Arrays.asList(
              "G",
              g.groupId(),
              g.sourceGroupId(),
              g.kind().name(),
              g.name(),
              g.subject(),
              bool(g.archived())));
    }
    for (String key : u.removedGuardianLinks()) {
      rs.add(Arrays.asList("RL", key));
    }
    for (ProductGuardianLink l : u.guardianLinks()) {
      rs.add(
          Arrays.asList(
              "L",
              l.contactAccountId(),
              l.studentAccountId(),
              l.relationship().value(),
              bool(l.parentalResponsibility())));
    }
    return TextRecords.write(rs);
  }

  static StateUpdate readStateUpdate(String text) {
    String what = "journal state update";
    List<Account> accounts = new ArrayList<>();
    List<String> removedAccounts = new ArrayList<>();
    List<ProductGroup> groups = new ArrayList<>();
    List<String> removedGroups = new ArrayList<>();
    List<ProductGuardianLink> links = new ArrayList<>();
    List<String> removedLinks = new ArrayList<>();
    Account.@Nullable Builder current = null;
    for (List<@Nullable String> r : records(text, what)) {
      String tag = field(r, 0, what);
      if (!tag.equals("F") && !tag.equals("M") && current != null) {
        accounts.add(current.build());
        current = null;
      }
      switch (tag) {
        case "RA" -> removedAccounts.add(field(r, 1, what));
        case "A" -> {
          EntityType kind = enumOf(EntityType.class, field(r, 2, what), what);
          String link = r.size() > 3 ? r.get(3) : null;
          String day = r.size() > 5 ? r.get(5) : null;
          current =
              Account.builder(field(r, 1, what), kind)
                  .link(link == null ? null : new PersonRef(kind, link))
                  .active(bool(field(r, 4, what), what))
                  .deactivatedOn(day == null ? null : date(day, what))
                  .username(r.size() > 6 ? r.get(6) : null)
                  .credentialsIssued(bool(field(r, 7, what), what))
                  .protectedAccount(bool(field(r, 8, what), what))
                  // absent from records written before schema version 4
                  .suspended(r.size() > 9 && bool(field(r, 9, what), what));
        }
        case "F", "M" -> {
          if (current == null) {
            throw unreadable(what, "field or membership record without an account");
          }
          if (tag.equals("F")) {
            current.field(enumOf(AccountField.class, field(r, 1, what), what), field(r, 2, what));
          } else {
            current.group(field(r, 1, what), enumOf(MembershipRole.class, field(r, 2, what), what));
          }
        }
        case "RG" -> removedGroups.add(field(r, 1, what));
        case "G" ->
            groups.add(
                new ProductGroup(
                    field(r, 1, what),
                    r.size() > 2 ? r.get(2) : null,
                    enumOf(GroupKind.class, field(r, 3, what), what),
                    field(r, 4, what),
                    r.size() > 5 ? r.get(5) : null,
                    bool(field(r, 6, what), what)));
        case "RL" -> removedLinks.add(field(r, 1, what));
        case "L" ->
            links.add(
                new ProductGuardianLink(
                    field(r, 1, what),
                    field(r, 2, what),
                    Relationship.of(field(r, 3, what)),
                    bool(field(r, 4, what), what)));
        default -> throw unreadable(what, "unknown record tag");
      }
    }
    if (current != null) {
      accounts.add(current.build());
    }
    return new StateUpdate(accounts, removedAccounts, groups, removedGroups, links, removedLinks);
  }

  // ---- held plans ----

  static String reasons(List<HoldReason> reasons) {
    List<List<@Nullable String>> rs = new ArrayList<>(reasons.size());
    for (HoldReason h : reasons) {
      rs.add(
          Arrays.asList(h.code().name(), h.type().map(EntityType::name).orElse(null), h.message()));
    }
    return TextRecords.write(rs);
  }

  static List<HoldReason> readReasons(String text) {
    String what = "held plan reasons";
    List<HoldReason> out = new ArrayList<>();
    for (List<@Nullable String> r : records(text, what)) {
      String type = r.size() > 1 ? r.get(1) : null;
      out.add(
          new HoldReason(
              enumOf(HoldReason.Code.class, field(r, 0, what), what),
              type == null ? null : enumOf(EntityType.class, type, what),
              field(r, 2, what)));
    }
    return out;
  }

  static String statistics(PlanStatistics s) {
    List<List<@Nullable String>> rs = new ArrayList<>();
    for (EntityType t : EntityType.values()) {
      for (ChangeKind k : ChangeKind.values()) {
        int n = s.count(t, k);
        if (n != 0) {
          rs.add(Arrays.asList("C", t.name(), k.name(), Integer.toString(n)));
        }
      }
    }
    for (EntityType t : EntityType.values()) {
      int b = s.baseline(t);
      if (b != 0) {
        rs.add(Arrays.asList("B", t.name(), Integer.toString(b)));
      }
    }
    return TextRecords.write(rs);
  }

  /** Reads statistics back from their stored figures. */
  static PlanStatistics readStatistics(String text) {
    String what = "held plan statistics";
    EnumMap<EntityType, EnumMap<ChangeKind, Integer>> counts = new EnumMap<>(EntityType.class);
    EnumMap<EntityType, Integer> baseline = new EnumMap<>(EntityType.class);
    for (List<@Nullable String> r : records(text, what)) {
      String tag = field(r, 0, what);
      if (tag.equals("C")) {
        EntityType t = enumOf(EntityType.class, field(r, 1, what), what);
        ChangeKind k = enumOf(ChangeKind.class, field(r, 2, what), what);
        counts
            .computeIfAbsent(t, x -> new EnumMap<>(ChangeKind.class))
            .put(k, integer(field(r, 3, what), what));
      } else if (tag.equals("B")) {
        baseline.put(
            enumOf(EntityType.class, field(r, 1, what), what), integer(field(r, 2, what), what));
      } else {
        throw unreadable(what, "unknown record tag");
      }
    }
    try {
      return PlanStatistics.of(counts, baseline);
    } catch (IllegalArgumentException e) {
      throw unreadable(what, "impossible figure");
    }
  }

  // ---- audit details ----

  static String details(Map<String, String> details) {
    List<List<@Nullable String>> rs = new ArrayList<>(details.size());
    details.forEach((k, v) -> rs.add(Arrays.asList(k, v)));
    return TextRecords.write(rs);
  }

  static Map<String, String> readDetails(String text) {
    LinkedHashMap<String, String> out = new LinkedHashMap<>();
    for (List<@Nullable String> r : records(text, "audit details")) {
      out.put(field(r, 0, "audit details"), field(r, 1, "audit details"));
    }
    return out;
  }

  // ---- helpers ----

  static String bool(boolean b) {
    return b ? "t" : "f";
  }

  private static boolean bool(String s, String what) {
    return switch (s) {
      case "t" -> true;
      case "f" -> false;
      default -> throw unreadable(what, "not a boolean");
    };
  }

  private static LocalDate date(String s, String what) {
    try {
      return LocalDate.parse(s);
    } catch (java.time.format.DateTimeParseException e) {
      throw unreadable(what, "not a date");
    }
  }

  private static int integer(String s, String what) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw unreadable(what, "not a number");
    }
  }

  private static List<List<@Nullable String>> records(String text, String what) {
    try {
      return TextRecords.read(text);
    } catch (IllegalArgumentException e) {
      throw unreadable(what, e.getMessage());
    }
  }

  private static String field(List<@Nullable String> r, int i, String what) {
    String v = i < r.size() ? r.get(i) : null;
    if (v == null) {
      throw unreadable(what, "field " + i + " is missing");
    }
    return v;
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String name, String what) {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw unreadable(what, "unknown " + type.getSimpleName() + " (written by a newer version?)");
    }
  }

  static JdbcStoreException unreadable(String what, @Nullable String why) {
    return new JdbcStoreException("store-jdbc: stored " + what + " is unreadable: " + why);
  }
}
