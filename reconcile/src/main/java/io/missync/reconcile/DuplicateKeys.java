package io.missync.reconcile;

import io.missync.core.EntityType;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import io.missync.core.plan.Reason;
import io.missync.core.plan.ReasonCode;
import io.missync.core.plan.ReviewItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rule unit <b>duplicate keys</b>: a key that must be unique among the people of a type (a pupil's
 * UPN, a member of staff's email, ignoring case) and is shared by several is a data-entry error in
 * the MIS, reported as one {@link ReviewItem.DuplicateKey} per key (naming the key, never its
 * value). The people sharing it are neither created nor re-keyed on any match while it stands:
 * their matches to existing accounts are reviewed instead, so the duplicate key never hands anyone
 * an existing account. People already linked to their own account by MIS id carry on as before.
 *
 * <p>Produces {@link ReasonCode#DUPLICATE_KEY}. Proved by {@code
 * RulebookBehaviourTest.duplicateUpnsAndStaffEmailsAreReviewItems}, {@code
 * RulebookBehaviourTest.aDuplicatedUpnNeverMatchesAnExistingAccount} and {@code
 * SafeguardingReviewTest.aMigrationWithDuplicatedUpnsReviewsBothAndDeactivatesNobody}.
 */
final class DuplicateKeys {
  private DuplicateKeys() {}

  /**
   * Keys that must be unique among the people of a type and are not (two pupils with one UPN, two
   * staff with one email): one review item per key; the people sharing it are neither created nor
   * re-keyed on any match while it stands (their matches are reviewed instead).
   */
  static void find(
      MisSnapshot snap, EntityType type, Set<PersonRef> duplicateKeyed, List<ReviewItem> reviews) {
    Map<String, List<PersonRef>> byKey = new HashMap<>();
    String keyName;
    if (type == EntityType.STUDENT) {
      keyName = "UPN";
      for (Student s : snap.students()) {
        String upn = s.upn().orElse(null);
        if (upn != null && snap.studentsByUpn(upn).size() > 1) {
          byKey.computeIfAbsent(upn, k -> new ArrayList<>(2)).add(s.ref());
        }
      }
    } else {
      keyName = "EMAIL";
      Map<String, List<PersonRef>> all = new HashMap<>();
      for (StaffMember s : snap.staff()) {
        s.emailKey().ifPresent(k -> all.computeIfAbsent(k, x -> new ArrayList<>(1)).add(s.ref()));
      }
      all.forEach(
          (k, v) -> {
            if (v.size() > 1) {
              byKey.put(k, v);
            }
          });
    }
    for (List<PersonRef> people : byKey.values()) {
      people.sort(Comparator.naturalOrder());
      duplicateKeyed.addAll(people);
      reviews.add(
          new ReviewItem.DuplicateKey(
              type,
              keyName,
              people,
              Reason.of(
                  ReasonCode.DUPLICATE_KEY,
                  "key",
                  keyName,
                  "people",
                  Integer.toString(people.size()))));
    }
  }
}
