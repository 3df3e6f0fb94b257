package io.missync.testkit.gen;

import io.missync.core.model.MisSnapshot;
import java.util.function.UnaryOperator;

/**
 * A named change to a school, for stateful tests and readable counterexamples.
 *
 * @param description what the mutation does (shown by jqwik when a property fails)
 * @param operator the change
 */
public record SchoolMutation(String description, UnaryOperator<MisSnapshot> operator) {
  public MisSnapshot apply(MisSnapshot s) {
    return operator.apply(s);
  }

  @Override
  public String toString() {
    return description;
  }
}
