package io.missync.benchmarks.plan;

import io.missync.core.model.MisSnapshot;
import io.missync.core.plan.Plan;
import io.missync.core.state.TargetState;
import io.missync.reconcile.Planner;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Plans a synthetic district with 5% churn at several sizes and compares each with the index-only
 * baseline in the same JVM. For each size: build the district, mirror it into a product state,
 * churn it, then alternate baseline and planner runs (warm-up first) and report medians, the ratio,
 * the time per student, and the peak heap while planning.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -Xmx12g -cp benchmarks/target/benchmarks.jar io.missync.benchmarks.plan.PlanScaling 10000 100000
 * </pre>
 */
public final class PlanScaling {
  private PlanScaling() {}

  public static void main(String[] args) {
    int[] sizes =
        args.length == 0
            ? new int[] {10_000, 100_000}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    System.out.println(
        "students  changes  baseline_ms  plan_ms  ratio  us/student  cpu_base_ms  cpu_plan_ms"
            + "  cpu_ratio  cpu_us/student  input_heap_mb  peak_heap_mb");
    for (int n : sizes) {
      run(n);
    }
  }

  private static void run(int students) {
    MisSnapshot before = District.build(students, 1);
    TargetState state = District.mirror(before);
    MisSnapshot after = District.churn(before, students, 2);
    before = null;
    Planner planner = District.planner();
    int rounds = students >= 1_000_000 ? 3 : students >= 100_000 ? 5 : 15;
    int warmup = students >= 1_000_000 ? 1 : 3;
    List<Long> base = new ArrayList<>();
    List<Long> plan = new ArrayList<>();
    List<Long> baseCpu = new ArrayList<>();
    List<Long> planCpu = new ArrayList<>();
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int changes = 0;
    long sink = 0;
    for (int i = 0; i < warmup + rounds; i++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      sink += IndexBaseline.index(state, after);
      long t1 = System.nanoTime();
      long c1 = threads.getCurrentThreadCpuTime();
      Plan p = planner.plan(state, after);
      long t2 = System.nanoTime();
      long c2 = threads.getCurrentThreadCpuTime();
      changes = p.changes().size();
      sink += p.id().hashCode();
      if (i >= warmup) {
        base.add(t1 - t0);
        plan.add(t2 - t1);
        baseCpu.add(c1 - c0);
        planCpu.add(c2 - c1);
      }
    }
    System.gc();
    long inputHeap = usedHeap();
    resetPeaks();
    Plan p = planner.plan(state, after);
    long peak = peakHeap();
    sink += p.changes().size();
    double b = median(base) / 1e6;
    double pl = median(plan) / 1e6;
    double cb = median(baseCpu) / 1e6;
    double cp = median(planCpu) / 1e6;
    System.out.printf(
        Locale.ROOT,
        "%8d  %7d  %11.1f  %7.1f  %5.2f  %10.3f  %11.1f  %11.1f  %9.2f  %14.3f  %13d  %12d%n",
        students,
        changes,
        b,
        pl,
        pl / b,
        pl * 1000 / students,
        cb,
        cp,
        cp / cb,
        cp * 1000 / students,
        inputHeap >> 20,
        peak >> 20);
    if (sink == 42) {
      System.out.println();
    }
  }

  private static double median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    s.sort(null);
    return s.get(s.size() / 2);
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
