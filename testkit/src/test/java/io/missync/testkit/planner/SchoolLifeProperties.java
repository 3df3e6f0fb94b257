package io.missync.testkit.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.missync.core.model.MisSnapshot;
import io.missync.testkit.gen.SchoolMutation;
import io.missync.testkit.gen.SchoolMutations;
import io.missync.testkit.gen.Schools;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * A school's life as a stateful property: a generated school is synced, then goes through a
 * sequence of joiners, leavers, staff leavers, moves, rollovers, migrations and contact changes,
 * each synced in turn. After every step the product has converged, no leaver keeps access, every
 * contact is active exactly when a linked student is, and the product's own model agrees with the
 * stored state.
 */
class SchoolLifeProperties {

  @Provide
  Arbitrary<ActionChain<World>> lives() {
    return Schools.schools(0, 25)
        .flatMap(
            school ->
                ActionChain.<World>startWith(() -> new World(school))
                    .withAction(new Mutate())
                    .withMaxTransformations(8));
  }

  @Property(tries = 40)
  void aSchoolsLifeKeepsTheRules(@ForAll("lives") ActionChain<World> chain) {
    chain
        .withInvariant(
            "converged", w -> assertEquals(List.of(), w.unsettled(w.harness.plan(w.snapshot))))
        .withInvariant("no active leaver", w -> assertEquals(List.of(), w.activeLeavers()))
        .withInvariant("contact rule", w -> assertEquals(List.of(), w.contactRuleViolations()))
        .withInvariant("sink agrees", w -> assertEquals(List.of(), w.sinkDisagreements()))
        .run();
  }

  /** One mutation of the school, synced. */
  static final class Mutate implements Action.Independent<World> {
    @Override
    public Arbitrary<Transformer<World>> transformer() {
      return SchoolMutations.mutations(Schools.TODAY)
          .map(
              (SchoolMutation m) ->
                  Transformer.mutate(
                      m.description(),
                      (World w) -> {
                        MisSnapshot next = m.apply(w.snapshot);
                        w.next(next);
                      }));
    }
  }
}
