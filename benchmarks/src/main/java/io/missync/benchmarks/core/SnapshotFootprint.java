package io.missync.benchmarks.core;

import io.missync.core.EntityType;
import io.missync.core.model.Contact;
import io.missync.core.model.Gender;
import io.missync.core.model.Group;
import io.missync.core.model.GroupKind;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.Membership;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.model.SourceInfo;
import io.missync.core.model.Student;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Retained heap of a district-sized {@link MisSnapshot} against a baseline holding the same strings
 * in plain arrays (the least any representation can keep), measured side by side in one JVM.
 *
 * <p>Run: {@code java -Xmx12g -cp benchmarks/target/benchmarks.jar
 * io.missync.benchmarks.core.SnapshotFootprint 1000000}
 */
public final class SnapshotFootprint {
  private SnapshotFootprint() {}

  public static void main(String[] args) {
    int students = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int contacts = students * 2;
    int groups = Math.max(10, students / 25);
    int perStudent = 8;

    long before = usedAfterGc();
    Object[] baseline = baseline(students, contacts, groups, perStudent);
    long baselineBytes = usedAfterGc() - before;
    System.out.println("baseline arrays built: " + baseline.length + " arrays");
    baseline = null;

    before = usedAfterGc();
    long t0 = System.nanoTime();
    MisSnapshot snapshot = snapshot(students, contacts, groups, perStudent);
    long buildMs = (System.nanoTime() - t0) / 1_000_000;
    snapshot.studentsByUpn("A000000000000"); // build the lazy key indexes too
    long snapshotBytes = usedAfterGc() - before;

    System.out.printf(
        Locale.ROOT,
        "students=%d contacts=%d groups=%d memberships=%d links=%d build=%d ms%n",
        snapshot.count(EntityType.STUDENT),
        snapshot.count(EntityType.CONTACT),
        snapshot.count(EntityType.GROUP),
        snapshot.count(EntityType.MEMBERSHIP),
        snapshot.count(EntityType.GUARDIAN_LINK),
        buildMs);
    System.out.printf(
        Locale.ROOT,
        "baseline (raw strings in arrays): %.1f MiB%nsnapshot with all indexes:        %.1f MiB%n"
            + "ratio: %.2f   bytes per student (all records included): %d%n",
        baselineBytes / 1048576.0,
        snapshotBytes / 1048576.0,
        (double) snapshotBytes / baselineBytes,
        snapshotBytes / students);
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return heap.getUsed();
  }

  /** The same strings the snapshot holds, in flat arrays: ids, names, UPNs, membership pairs. */
  private static Object[] baseline(int students, int contacts, int groups, int perStudent) {
    String[] sid = new String[students];
    String[] sname = new String[students * 2];
    String[] upn = new String[students];
    for (int i = 0; i < students; i++) {
      sid[i] = "S" + i;
      sname[2 * i] = "Fore" + (i % 5000);
      sname[2 * i + 1] = "Sur" + i;
      upn[i] = upn(i);
    }
    String[] cid = new String[contacts];
    String[] cname = new String[contacts * 2];
    for (int i = 0; i < contacts; i++) {
      cid[i] = "C" + i;
      cname[2 * i] = "Par" + (i % 5000);
      cname[2 * i + 1] = "Sur" + (i / 2);
    }
    String[] gid = new String[groups];
    for (int g = 0; g < groups; g++) {
      gid[g] = "G" + g;
    }
    int[] memberships = new int[students * perStudent * 2];
    for (int i = 0; i < students; i++) {
      for (int k = 0; k < perStudent; k++) {
        memberships[2 * (i * perStudent + k)] = i;
        memberships[2 * (i * perStudent + k) + 1] = (i + k * 7919) % groups;
      }
    }
    return new Object[] {sid, sname, upn, cid, cname, gid, memberships};
  }

  private static String upn(int i) {
    return String.format(Locale.ROOT, "A%011d%d", i, i % 10);
  }

  private static MisSnapshot snapshot(int students, int contacts, int groups, int perStudent) {
    MisSnapshot.Builder b =
        MisSnapshot.builder(new SourceInfo("district", "bench", "SIMS", Instant.EPOCH));
    for (int g = 0; g < groups; g++) {
      b.addGroup(Group.builder().id("G" + g).kind(GroupKind.CLASS).name("Class " + g).build());
    }
    LocalDate dob = LocalDate.of(2012, 1, 1);
    for (int i = 0; i < students; i++) {
      b.addStudent(
          Student.builder()
              .id("S" + i)
              .legalName("Fore" + (i % 5000), "Sur" + i)
              .upn(upn(i))
              .gender(i % 2 == 0 ? Gender.FEMALE : Gender.MALE)
              .yearGroup(String.valueOf(7 + i % 5))
              .dateOfBirth(dob.plusDays(i % 1500))
              .build());
      PersonRef ref = PersonRef.student("S" + i);
      for (int k = 0; k < perStudent; k++) {
        b.addMembership(Membership.of("G" + ((i + k * 7919) % groups), ref, MembershipRole.MEMBER));
      }
    }
    for (int i = 0; i < contacts; i++) {
      b.addContact(
          Contact.builder().id("C" + i).legalName("Par" + (i % 5000), "Sur" + (i / 2)).build());
      b.addGuardianLink(
          GuardianLink.builder("C" + i, "S" + (i / 2))
              .relationship(i % 2 == 0 ? Relationship.MOTHER : Relationship.FATHER)
              .parentalResponsibility(true)
              .priority(1 + i % 2)
              .build());
    }
    return b.allComplete().build();
  }
}
