package io.missync.testkit.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.Contact;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Student;
import io.missync.core.plan.Change;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.DeactivateAccount;
import io.missync.core.plan.Plan;
import io.missync.core.state.Account;
import io.missync.core.state.ProductGuardianLink;
import io.missync.core.state.TargetState;
import io.missync.testkit.gen.SchoolMutations;
import io.missync.testkit.gen.Schools;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Partial reads (deltas, failed pages) never imply leavers by absence, but what they say outright
 * counts in the same run: a reported deletion deactivates the pupil and every contact whose last
 * linked pupil that was; a link shown with parental responsibility withdrawn is unlinked.
 */
class PartialReadProperties {

  @Provide
  Arbitrary<MisSnapshot> schools() {
    return Schools.schools(0, 30);
  }

  private static MisSnapshot.Builder allPartial(MisSnapshot.Builder b) {
    for (EntityType t :
        new EntityType[] {
          EntityType.STUDENT, EntityType.CONTACT, EntityType.GUARDIAN_LINK, EntityType.MEMBERSHIP
        }) {
      b.completeness(t, Completeness.PARTIAL);
    }
    return b;
  }

  private static Set<String> deactivatedAccounts(Plan p) {
    Set<String> out = new TreeSet<>();
    for (Change c : p.changes()) {
      if (c instanceof DeactivateAccount d) {
        out.add(d.account().accountId());
      }
    }
    return out;
  }

  /** Active contacts whose every product link is to a student account in {@code goneStudents}. */
  private static Set<String> contactsLeftWithout(TargetState st, Set<String> goneStudents) {
    Set<String> out = new TreeSet<>();
    for (Account a : st.accounts()) {
      if (a.kind() != EntityType.CONTACT || !a.active() || a.isProtected()) {
        continue;
      }
      boolean any = false;
      boolean active = false;
      for (ProductGuardianLink l : st.guardianLinks()) {
        if (l.contactAccountId().equals(a.accountId())) {
          any = true;
          active |=
              !goneStudents.contains(l.studentAccountId())
                  && st.account(l.studentAccountId()).map(Account::active).orElse(false);
        }
      }
      if (any && !active) {
        out.add(a.accountId());
      }
    }
    return out;
  }

  @Property(tries = 100)
  void aPartialDeltaWithDeletionsTakesTheirOnlyChildsContactsAndNobodyElse(
      @ForAll("schools") MisSnapshot school,
      @ForAll @IntRange(min = 0, max = 100) int deletePercent,
      @ForAll boolean orphanedContactsInTheDelta,
      @ForAll long seed) {
    World w = new World(school);
    TargetState before = w.state();
    List<Student> students = new ArrayList<>(school.students());
    students.sort(Comparator.comparing(Student::id));
    Collections.shuffle(students, new Random(seed));
    Set<PersonRef> gone = new HashSet<>();
    for (Student s : students.subList(0, students.size() * deletePercent / 100)) {
      gone.add(s.ref());
    }
    MisSnapshot.Builder b = school.toBuilder();
    gone.forEach(b::remove);
    b.removeMembershipsIf(m -> gone.contains(m.person()));
    b.removeGuardianLinksIf(l -> gone.contains(l.student()));
    gone.forEach(b::markDeleted);
    if (!orphanedContactsInTheDelta) {
      // the delta holds only changed records: contacts left with no link are simply not in it
      MisSnapshot mid = b.build();
      for (Contact c : mid.contacts()) {
        if (mid.linksOfContact(c.id()).isEmpty()) {
          b.remove(c.ref());
          b.removeMembershipsIf(m -> m.person().equals(c.ref()));
        }
      }
    }
    MisSnapshot delta = allPartial(b).build();

    Set<String> goneAccounts = new TreeSet<>();
    for (PersonRef r : gone) {
      before.accountFor(r).filter(Account::active).ifPresent(a -> goneAccounts.add(a.accountId()));
    }
    Set<String> expected = new TreeSet<>(goneAccounts);
    expected.addAll(contactsLeftWithout(before, goneAccounts));

    Plan p = w.harness.plan(delta);
    assertEquals(expected, deactivatedAccounts(p), () -> "deleted " + gone);
    w.harness.apply(p);
    w.snapshot = delta;
    w.lastPlan = p;
    assertEquals(List.of(), w.contactRuleViolations());
    assertEquals(List.of(), w.sinkDisagreements());
    assertEquals(List.of(), w.harness.plan(delta).changes(), "converges");

    // the next full read agrees with the delta: nobody the delta took out comes back
    MisSnapshot full = SchoolMutations.removePeople(school, gone);
    Plan next = w.harness.plan(full);
    for (Change c : next.changes()) {
      assertFalse(
          c.kind() == ChangeKind.REACTIVATE_ACCOUNT || c.kind() == ChangeKind.CREATE_ACCOUNT,
          () -> "full read after the delta planned " + c);
    }
    w.next(full);
    assertEquals(List.of(), w.activeLeavers());
    assertEquals(List.of(), w.contactRuleViolations());
  }

  @Property(tries = 100)
  void parentalResponsibilityWithdrawnInAPartialReadUnlinksAtOnce(
      @ForAll("schools") MisSnapshot school,
      @ForAll @IntRange(min = 0, max = 100) int withdrawPercent,
      @ForAll long seed) {
    World w = new World(school);
    TargetState before = w.state();
    List<GuardianLink> links = new ArrayList<>();
    for (GuardianLink l : school.guardianLinks()) {
      if (l.parentalResponsibility()) {
        links.add(l);
      }
    }
    links.sort(Comparator.comparing(GuardianLink::key));
    Collections.shuffle(links, new Random(seed));
    List<GuardianLink> withdrawn = links.subList(0, links.size() * withdrawPercent / 100);
    Set<String> withdrawnKeys = new HashSet<>();
    withdrawn.forEach(l -> withdrawnKeys.add(l.key()));
    MisSnapshot.Builder b = school.toBuilder();
    b.removeGuardianLinksIf(l -> withdrawnKeys.contains(l.key()));
    withdrawn.forEach(l -> b.addGuardianLink(l.toBuilder().parentalResponsibility(false).build()));
    MisSnapshot read = allPartial(b).build();

    // the product links those withdrawals name
    Set<String> productKeys = new TreeSet<>();
    for (GuardianLink l : withdrawn) {
      String c = before.accountFor(l.contact()).map(Account::accountId).orElse(null);
      String s = before.accountFor(l.student()).map(Account::accountId).orElse(null);
      if (c != null && s != null) {
        productKeys.add(c + "|" + s);
      }
    }
    Plan p = w.harness.plan(read);
    w.harness.apply(p);
    w.snapshot = read;
    w.lastPlan = p;
    TargetState after = w.state();
    for (ProductGuardianLink l : after.guardianLinks()) {
      assertEquals(false, productKeys.contains(l.key()), () -> "still linked " + l.key());
    }
    for (Change c : p.changes()) {
      if (c instanceof DeactivateAccount d) {
        assertEquals(EntityType.CONTACT, d.entityType(), () -> "deactivated " + d);
      }
    }
    assertEquals(List.of(), w.contactRuleViolations());
    assertEquals(List.of(), w.sinkDisagreements());
    assertEquals(List.of(), w.harness.plan(read).changes(), "converges");
  }
}
