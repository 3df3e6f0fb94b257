package io.missync.testkit.wonde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.GroupKind;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.Student;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorldGenerationTest {

  @Test
  void aTwoThousandPupilSchoolIsQuickToGenerateAndRealistic() {
    SimulatorConfig config = SimulatorConfig.builder().seed(2026).studentsPerSchool(2000).build();
    World.generate(config); // warm up class loading
    // CPU time, not wall time: the build machine is shared and often overloaded
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long c0 = mx.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    World world = World.generate(config);
    long cpuMs = (mx.getCurrentThreadCpuTime() - c0) / 1_000_000;
    long wallMs = (System.nanoTime() - t0) / 1_000_000;
    System.out.println(
        "generated a 2,000-pupil school in " + cpuMs + " ms CPU, " + wallMs + " ms wall");
    assertTrue(cpuMs < 1_000, "generation took " + cpuMs + " ms of CPU");
    MisSnapshot s = world.school(0).toSnapshot();
    assertEquals(2000, s.count(EntityType.STUDENT));
    assertEquals(150, s.count(EntityType.STAFF));
    double contactsPerStudent = (double) s.guardianLinks().size() / 2000;
    assertTrue(contactsPerStudent > 1.6 && contactsPerStudent < 2.3, "" + contactsPerStudent);
    assertTrue(s.count(EntityType.CONTACT) < s.guardianLinks().size(), "siblings share contacts");
    assertTrue(s.problems().isEmpty(), s.problems().toString());
    long classes = s.groups().stream().filter(g -> g.kind() == GroupKind.CLASS).count();
    assertTrue(classes > 300, "" + classes);
    Set<String> upns = new HashSet<>();
    for (Student st : s.students()) {
      String upn = st.upn().orElseThrow();
      assertTrue(upns.add(upn), "UPNs are unique");
      assertTrue(validUpnCheckLetter(upn), upn);
      int year = Integer.parseInt(st.yearGroup().orElseThrow());
      LocalDate dob = st.dateOfBirth().orElseThrow();
      // 2026/27 academic year: Year n pupils were born Sep (2021-n) .. Aug (2022-n)
      assertFalse(dob.isBefore(LocalDate.of(2021 - year, 9, 1)), st.id() + " " + dob);
      assertTrue(dob.isBefore(LocalDate.of(2022 - year, 9, 1)), st.id() + " " + dob);
    }
  }

  /** DfE UPN check letter: sum of digit x position (2..13) mod 23 indexes the letter table. */
  static boolean validUpnCheckLetter(String upn) {
    int sum = 0;
    for (int i = 1; i < 13; i++) {
      sum += (upn.charAt(i) - '0') * (i + 1);
    }
    return "ABCDEFGHJKLMNPQRTUVWXYZ".charAt(sum % 23) == upn.charAt(0);
  }

  @Test
  void theSameSeedGivesTheSameWorld() {
    SimulatorConfig c =
        SimulatorConfig.builder().seed(77).schools(2).studentsPerSchool(200).build();
    World a = World.generate(c);
    World b = World.generate(c);
    assertEquals(a.appToken(), b.appToken());
    for (int i = 0; i < 2; i++) {
      assertEquals(a.school(i).id(), b.school(i).id());
      assertEquals(a.school(i).token(), b.school(i).token());
      assertTrue(a.school(i).toSnapshot().sameContentAs(b.school(i).toSnapshot()));
    }
    // and the same mutations give the same ids
    assertEquals(a.school(0).addStudent("8"), b.school(0).addStudent("8"));
    World other = World.generate(SimulatorConfig.builder().seed(78).studentsPerSchool(200).build());
    assertFalse(other.school(0).id().equals(a.school(0).id()));
  }

  @Test
  void primaryAndSixthFormAndNoClassesVariants() {
    World primary =
        World.generate(
            SimulatorConfig.builder()
                .seed(1)
                .phase(SimulatorConfig.Phase.PRIMARY)
                .publishClasses(false)
                .studentsPerSchool(210)
                .build());
    SchoolWorld p = primary.school(0);
    assertEquals(List.of("R", "1", "2", "3", "4", "5", "6"), p.years());
    assertTrue(p.classIds().isEmpty(), "some primaries publish no classes");
    assertFalse(p.groupIds("REGISTRATION").isEmpty());
    RolloverResult r = p.rollover();
    for (String j : r.joiners()) {
      assertEquals("R", p.yearOf(j));
    }
    World sixth =
        World.generate(
            SimulatorConfig.builder().seed(1).sixthForm(true).studentsPerSchool(140).build());
    assertEquals(7, sixth.school(0).years().size());
    assertEquals("13", sixth.school(0).years().get(6));
    World au =
        World.generate(
            SimulatorConfig.builder().seed(1).regionCode("AUS").studentsPerSchool(5).build());
    assertTrue(au.school(0).id().startsWith("B"));
  }

  @Test
  void aLargeSchoolIsServedPageByPage() {
    try (WondeSimulator sim =
        WondeSimulator.start(SimulatorConfig.builder().seed(5).studentsPerSchool(2000).build())) {
      SimHttp http = new SimHttp(sim);
      SchoolWorld school = sim.world().school(0);
      long t0 = System.nanoTime();
      List<String> ids =
          SimHttp.ids(
              http.walk(
                  "schools/" + school.id() + "/students?per_page=200&include=contacts,classes",
                  school.token()));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println("fetched 2,000 pupils with contacts and classes in " + ms + " ms");
      assertEquals(school.studentIds(), ids);
    }
  }
}
