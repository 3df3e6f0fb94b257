package io.missync.testkit.fetch;

import static io.missync.testkit.fetch.FetchFixture.assertSameContent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.model.GuardianLink;
import io.missync.core.model.MisSnapshot;
import io.missync.testkit.wonde.GuardianRelationship;
import io.missync.testkit.wonde.SimulatorConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 over real HTTP: a member of staff who is also a parent (an employee and a contact with
 * one UPI), a court order on a relationship, and classes without {@code year_group}, through the
 * typed client and the snapshot adapter, full and incremental.
 */
class StaffParentFetchTest {

  @Test
  void aStaffParentAndACourtOrderArriveInFullAndIncrementalFetches() {
    try (FetchFixture f =
        new FetchFixture(SimulatorConfig.builder().seed(21).studentsPerSchool(120).build())) {
      String teacher = f.school.employeeIds().get(0);
      List<String> pupils = f.school.studentIds();
      String child = pupils.get(0);
      String contact =
          f.school.addStaffParent(teacher, child, GuardianRelationship.parent("Mother", 1));
      MisSnapshot full = f.source.fetchFull();
      assertSameContent("full", f.truth(), full);
      assertEquals(teacher, full.contact(contact).orElseThrow().staffId().orElseThrow());
      assertEquals(contact, full.contactSameAsStaff(teacher).orElseThrow().id());
      assertTrue(full.staffMember(teacher).isPresent(), "still a member of staff");
      assertTrue(
          full.guardiansOf(child).stream().anyMatch(l -> l.contactId().equals(contact)),
          "the guardian link is kept");
      full.groups().stream()
          .filter(g -> g.kind() == io.missync.core.model.GroupKind.CLASS)
          .forEach(g -> assertTrue(g.yearGroup().isPresent(), g.id() + " has its pupils' year"));

      // later: the staff parent is linked to a sibling and a court order is recorded
      String sibling = pupils.get(1);
      f.school.linkGuardian(sibling, contact, GuardianRelationship.parent("Mother", 1));
      String other =
          f.school.guardianIdsOf(child).stream()
              .filter(c -> !c.equals(contact))
              .findFirst()
              .orElseThrow();
      f.school.setCourtOrder(child, other, true);
      f.sim.world().clock().advance(java.time.Duration.ofMinutes(30));
      MisSnapshot inc = f.source.fetchIncremental(full);
      assertSameContent("incremental", f.truth(), inc);
      assertEquals(2, inc.linksOfContact(contact).size());
      GuardianLink ordered =
          inc.guardiansOf(child).stream()
              .filter(l -> l.contactId().equals(other))
              .findFirst()
              .orElseThrow();
      assertTrue(ordered.courtOrder());
      assertFalse(
          inc.guardiansOf(child).stream()
              .filter(l -> l.contactId().equals(contact))
              .findFirst()
              .orElseThrow()
              .courtOrder());
    }
  }
}
