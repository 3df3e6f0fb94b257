package io.missync.benchmarks.wonde;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A companion to {@link StudentsPageDecodeBenchmark} for shared, overloaded machines where JMH's
 * wall-clock averages are dominated by CPU starvation: runs the same four benchmark methods
 * interleaved and reports, per operation, the median thread CPU time and the minimum wall time.
 * Run: {@code java -cp benchmarks/target/benchmarks.jar io.missync.benchmarks.wonde.DecodeCpuTime}.
 */
public final class DecodeCpuTime {
  private DecodeCpuTime() {}

  private interface Op {
    void run(Blackhole bh) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    StudentsPageDecodeBenchmark b = new StudentsPageDecodeBenchmark();
    b.setUp();
    Blackhole bh =
        new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is"
                + " dangerous.");
    String[] names = {
      "jacksonReadTree", "typedPage", "jacksonReadTreeReadSyncFields", "typedPageReadSyncFields"
    };
    Op[] ops = {
      x -> x.consume(b.jacksonReadTree()),
      x -> x.consume(b.typedPage()),
      b::jacksonReadTreeReadSyncFields,
      b::typedPageReadSyncFields
    };
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int warmup = 300;
    int rounds = 60;
    int perRound = 5;
    for (int i = 0; i < warmup; i++) {
      for (Op op : ops) {
        op.run(bh);
      }
    }
    long[][] cpu = new long[ops.length][rounds];
    long[] minWall = new long[ops.length];
    Arrays.fill(minWall, Long.MAX_VALUE);
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < ops.length; k++) {
        long c0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < perRound; i++) {
          long w0 = System.nanoTime();
          ops[k].run(bh);
          minWall[k] = Math.min(minWall[k], System.nanoTime() - w0);
        }
        cpu[k][r] = (mx.getCurrentThreadCpuTime() - c0) / perRound;
      }
    }
    double[] median = new double[ops.length];
    for (int k = 0; k < ops.length; k++) {
      Arrays.sort(cpu[k]);
      median[k] = cpu[k][rounds / 2] / 1000.0;
      System.out.printf(
          "%-32s median CPU %8.0f us/op   min wall %8.0f us/op%n",
          names[k], median[k], minWall[k] / 1000.0);
    }
    System.out.printf(
        "ratio typedPage / readTree: CPU %.2f, wall %.2f%n",
        median[1] / median[0], (double) minWall[1] / minWall[0]);
    System.out.printf(
        "ratio typedPageReadSyncFields / jacksonReadTreeReadSyncFields: CPU %.2f, wall %.2f%n",
        median[3] / median[2], (double) minWall[3] / minWall[2]);
    System.out.printf(
        "ratio typedPageReadSyncFields / readTree: CPU %.2f, wall %.2f%n",
        median[3] / median[0], (double) minWall[3] / minWall[0]);
  }
}
