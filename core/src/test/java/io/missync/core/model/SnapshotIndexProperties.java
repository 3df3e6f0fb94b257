package io.missync.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.missync.core.EntityType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The CSR indexes agree with a plain filter over the same input, for any input. */
class SnapshotIndexProperties {

  @Property(tries = 200)
  void membershipIndexesAgreeWithAFilter(
      @ForAll @IntRange(min = 0, max = 12) int students,
      @ForAll @IntRange(min = 0, max = 5) int groups,
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 9999) Integer> picks) {
    MisSnapshot.Builder b = MisSnapshot.builder(new SourceInfo("S", "prop", null, Instant.EPOCH));
    for (int i = 0; i < students; i++) {
      b.addStudent(Student.builder().id("S" + i).legalName("A", "B").build());
    }
    for (int g = 0; g < groups; g++) {
      b.addGroup(Group.builder().id("G" + g).kind(GroupKind.CLASS).name("C" + g).build());
    }
    List<Membership> input = new ArrayList<>();
    for (int p : picks) {
      // indexes past the ranges make dangling references on purpose
      Membership m =
          Membership.of(
              "G" + (p % (groups + 1)),
              PersonRef.student("S" + ((p / 7) % (students + 1))),
              MembershipRole.values()[p % 3]);
      input.add(m);
      b.addMembership(m);
    }
    MisSnapshot s = b.build();
    Set<String> keys = new LinkedHashSet<>();
    List<Membership> expected = new ArrayList<>();
    for (Membership m : input) {
      boolean resolvable = s.group(m.groupId()).isPresent() && s.person(m.person()).isPresent();
      if (resolvable && keys.add(m.key())) {
        expected.add(m);
      }
    }
    assertEquals(expected, s.memberships());
    for (int i = 0; i <= students; i++) {
      PersonRef ref = PersonRef.student("S" + i);
      assertEquals(
          expected.stream().filter(m -> m.person().equals(ref)).collect(Collectors.toList()),
          s.membershipsOf(ref));
    }
    for (int g = 0; g <= groups; g++) {
      String id = "G" + g;
      assertEquals(
          expected.stream().filter(m -> m.groupId().equals(id)).collect(Collectors.toList()),
          s.membersOf(id));
    }
    assertEquals(
        input.size(),
        s.memberships().size()
            + s.unresolvedMemberships().size()
            + s.problems().stream()
                .filter(p -> p.kind() == SnapshotProblem.Kind.DUPLICATE_MEMBERSHIP)
                .count());
    assertEquals(expected.size(), s.count(EntityType.MEMBERSHIP));
  }
}
