package io.missync.testkit.fetch;

import static io.missync.testkit.fetch.FetchFixture.assertSameContent;

import io.missync.core.model.MisSnapshot;
import io.missync.testkit.wonde.SimulatorConfig;
import org.junit.jupiter.api.Test;

/** A full fetch through the typed client and the snapshot adapter equals the simulator's truth. */
class FullFetchGroundTruthTest {

  @Test
  void secondarySchool() {
    try (FetchFixture f =
        new FetchFixture(SimulatorConfig.builder().seed(11).studentsPerSchool(240).build())) {
      MisSnapshot fetched = f.source.fetchFull();
      assertSameContent("secondary", f.truth(), fetched);
    }
  }

  @Test
  void primarySchoolWithoutClasses() {
    try (FetchFixture f =
        new FetchFixture(
            SimulatorConfig.builder()
                .seed(12)
                .studentsPerSchool(150)
                .phase(SimulatorConfig.Phase.PRIMARY)
                .publishClasses(false)
                .build())) {
      MisSnapshot fetched = f.source.fetchFull();
      assertSameContent("primary", f.truth(), fetched);
    }
  }
}
