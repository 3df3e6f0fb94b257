package io.missync.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.missync.core.plan.ReasonCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rule index (package docs of {@code io.missync.reconcile}) is true of the code: every {@link
 * ReasonCode} is produced by exactly one rule unit, the one the index names. A unit "produces" a
 * code when its source writes {@code ReasonCode.X}; the gate, the runner, the applier and the
 * fingerprint only read codes and are not units.
 */
class RuleIndexTest {
  private static final Path SOURCES = Path.of("src/main/java/io/missync/reconcile");
  private static final Set<String> READERS =
      Set.of(
          "SafetyGate.java",
          "SyncRunner.java",
          "Applier.java",
          "ChangeOrder.java",
          "PlanFingerprint.java",
          "Planner.java");

  /** The rule index, as the package docs list it. */
  private static final Map<ReasonCode, String> INDEX = new EnumMap<>(ReasonCode.class);

  static {
    put("Joiners", ReasonCode.NEW_IN_SOURCE);
    put("FieldRules", ReasonCode.FIELDS_CHANGED);
    put("MembershipDiff", ReasonCode.JOINED_GROUP, ReasonCode.LEFT_GROUP, ReasonCode.MOVED_GROUP);
    put(
        "Leavers",
        ReasonCode.LEFT_SOURCE,
        ReasonCode.LEAVING_DATE_PASSED,
        ReasonCode.EMPLOYMENT_ENDED,
        ReasonCode.DELETED_IN_SOURCE);
    put("ContactsFollowLastChild", ReasonCode.NO_ACTIVE_STUDENT, ReasonCode.NOT_ELIGIBLE);
    put("Rejoiners", ReasonCode.REJOINED);
    put("HardDeletes", ReasonCode.GRACE_PERIOD_EXPIRED);
    put("Rekeys", ReasonCode.MIS_MIGRATION, ReasonCode.MATCHED_EXISTING_ACCOUNT);
    put(
        "GuardianLinkRules",
        ReasonCode.GUARDIAN_ADDED,
        ReasonCode.RELATIONSHIP_CHANGED,
        ReasonCode.GUARDIAN_REMOVED);
    put("GroupStage", ReasonCode.GROUP_CHANGED, ReasonCode.GROUP_GONE);
    put("UncertainMatches", ReasonCode.UNCERTAIN_MATCH, ReasonCode.AMBIGUOUS_MATCH);
    put("RejectedRows", ReasonCode.REJECTED_ROW);
    put("DuplicateKeys", ReasonCode.DUPLICATE_KEY);
    put("OperatorSuspensions", ReasonCode.OPERATOR_SUSPENDED);
  }

  private static void put(String unit, ReasonCode... codes) {
    for (ReasonCode c : codes) {
      INDEX.put(c, unit);
    }
  }

  @Test
  void everyReasonCodeIsProducedByExactlyTheOneUnitTheIndexNames() throws IOException {
    Pattern code = Pattern.compile("ReasonCode\\.([A-Z_]+)");
    Map<String, Set<String>> producers = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(SOURCES)) {
      files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (READERS.contains(name)) {
        continue;
      }
      String src = Files.readString(f);
      // javadoc mentions ({@link ReasonCode#X}) use '#', code uses '.'
      Matcher m = code.matcher(src);
      while (m.find()) {
        producers.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(name.replace(".java", ""));
      }
    }
    Map<String, Set<String>> expected = new TreeMap<>();
    for (ReasonCode c : ReasonCode.values()) {
      expected.put(c.name(), Set.of(INDEX.get(c)));
    }
    assertEquals(expected, producers);
  }

  @Test
  void theIndexCoversEveryCode() {
    assertEquals(Set.of(ReasonCode.values()), INDEX.keySet());
  }
}
