package io.missync.benchmarks.plan;

import io.missync.core.model.MisSnapshot;
import io.missync.core.plan.Plan;
import io.missync.core.state.TargetState;
import io.missync.reconcile.Planner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: planning a district with 5% churn, and the index-only baseline over the same inputs.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar PlanBenchmark -p students=10000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx6g"})
public class PlanBenchmark {
  @Param({"10000", "100000"})
  public int students;

  private TargetState state = TargetState.empty("district");
  private MisSnapshot after = District.build(1, 0);
  private Planner planner = District.planner();

  @Setup
  public void setUp() {
    MisSnapshot before = District.build(students, 1);
    state = District.mirror(before);
    after = District.churn(before, students, 2);
    planner = District.planner();
  }

  @Benchmark
  public Plan plan() {
    return planner.plan(state, after);
  }

  @Benchmark
  public int indexOnly() {
    return IndexBaseline.index(state, after);
  }
}
