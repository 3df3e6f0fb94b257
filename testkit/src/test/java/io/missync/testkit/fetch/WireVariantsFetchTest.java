package io.missync.testkit.fetch;

import static io.missync.testkit.fetch.FetchFixture.assertSameContent;

import io.missync.testkit.wonde.SimulatorConfig;
import io.missync.testkit.wonde.WireVariants;
import io.missync.testkit.wonde.WireVariants.DateStyle;
import io.missync.testkit.wonde.WireVariants.NullInclude;
import io.missync.testkit.wonde.WireVariants.RelationshipStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A full fetch equals the ground truth under every wire variant: each option on its own (the rest
 * default), and all non-default options at once. One simulator; the variant is switched between
 * fetches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireVariantsFetchTest {
  private FetchFixture f;

  @BeforeAll
  void start() {
    f = new FetchFixture(SimulatorConfig.builder().seed(41).studentsPerSchool(120).build());
  }

  @AfterAll
  void stop() {
    f.close();
  }

  static Stream<WireVariants> variants() {
    WireVariants d = WireVariants.defaults();
    List<WireVariants> out = new ArrayList<>();
    out.add(d);
    for (DateStyle s : DateStyle.values()) {
      out.add(d.withDateOfBirth(s));
      out.add(d.withEducationDates(s));
    }
    for (RelationshipStyle s : RelationshipStyle.values()) {
      out.add(d.withRelationship(s));
    }
    for (NullInclude s : NullInclude.values()) {
      out.add(d.withNullInclude(s));
    }
    out.add(d.withOmitMetaForSmallLists(false));
    out.add(d.withMicroseconds(false));
    out.add(d.withLeaverDeletionType("student_leaver"));
    out.add(
        d.withDateOfBirth(DateStyle.DATE_STRING)
            .withEducationDates(DateStyle.DATETIME_OBJECT)
            .withRelationship(RelationshipStyle.STRING)
            .withNullInclude(NullInclude.ABSENT)
            .withOmitMetaForSmallLists(false)
            .withMicroseconds(false)
            .withLeaverDeletionType("student_leaver"));
    out.add(d.withDateOfBirth(DateStyle.NULL).withEducationDates(DateStyle.NULL));
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("variants")
  void fullFetchEqualsTruth(WireVariants v) {
    f.sim.variants(v);
    assertSameContent(v.toString(), f.truth(), f.source.fetchFull());
  }
}
