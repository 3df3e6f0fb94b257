package io.missync.benchmarks.store;

import io.missync.core.credentials.CohortCredentialPolicy;
import io.missync.core.credentials.PasswordGenerators;
import io.missync.core.credentials.UsernameTemplate;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.SourceInfo;
import io.missync.core.model.Student;
import io.missync.core.plan.Plan;
import io.missync.core.spi.ChangeResult;
import io.missync.core.spi.ChangeSink;
import io.missync.core.spi.CredentialPolicy;
import io.missync.core.spi.Lease;
import io.missync.core.spi.SyncStateStore;
import io.missync.core.state.TargetState;
import io.missync.core.store.InMemorySyncStateStore;
import io.missync.reconcile.Applier;
import io.missync.reconcile.Planner;
import io.missync.reconcile.SyncListener;
import io.missync.reconcile.SyncPolicy;
import io.missync.store.jdbc.JdbcSyncStateStore;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * How the cost of applying one change grows with the plan: plans of N account creates (N pupils new
 * to an empty school) applied through the real {@link Applier} into each store, with a sink that
 * only hands out ids, so the figures are missync's own cost (planning excluded; password generation
 * included, a constant per create). The aim (issue 15): the per-change cost at 50,000 changes
 * within 1.2x that at 1,000.
 *
 * <p>Stores, side by side in one JVM:
 *
 * <ul>
 *   <li>{@code memory}: {@link InMemorySyncStateStore} as it is.
 *   <li>{@code memory-copying}: the same store plus the journal bookkeeping it did before it was
 *       made linear (copy, add, sort and copy the outcome list for every change), re-enacted by
 *       {@link CopyingJournalStore}: the "before" of the in-memory store.
 *   <li>{@code jdbc}: {@link JdbcSyncStateStore} on the PostgreSQL named by {@code
 *       MISSYNC_BENCH_JDBC_URL} (with {@code MISSYNC_BENCH_JDBC_USER}, {@code
 *       MISSYNC_BENCH_JDBC_PASSWORD}), in a fresh schema; left out when the variable is not set.
 * </ul>
 *
 * <p>Each store first applies three warm-up plans of 20,000 changes; then each size, the largest
 * first, is applied into fresh schools as many times as make about 150,000 changes in all ({@code
 * -DchangesPerSize}; at least 3, an odd number), and the median wall time and the applying thread's
 * CPU time per change are reported, with each size's ratio to the smallest. A database does its
 * work in its own processes: for {@code jdbc} the wall time is the figure, the thread's CPU time
 * covers the client side only.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * MISSYNC_BENCH_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/postgres \
 *   java -cp benchmarks/target/benchmarks.jar io.missync.benchmarks.store.ApplyScaling 1000 50000
 * </pre>
 */
public final class ApplyScaling {
  private static final Clock CLOCK =
      Clock.fixed(LocalDate.of(2026, 1, 15).atTime(8, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ApplyScaling() {}

  public static void main(String[] args) {
    int[] sizes =
        args.length == 0
            ? new int[] {1_000, 50_000}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    // enough rounds that every size applies about as many changes in all, and at least 3
    int budget = Integer.getInteger("changesPerSize", 150_000);
    int warmup = Integer.getInteger("warmup", 20_000);
    List<String> only =
        List.of(System.getProperty("stores", "").split(",")).stream()
            .filter(x -> !x.isBlank())
            .toList();
    Map<String, Supplier<SyncStateStore>> stores = new LinkedHashMap<>();
    stores.put("memory", () -> new InMemorySyncStateStore(CLOCK));
    stores.put("memory-copying", () -> new CopyingJournalStore(new InMemorySyncStateStore(CLOCK)));
    String url = System.getenv("MISSYNC_BENCH_JDBC_URL");
    if (url != null) {
      DataSource ds =
          oneConnection(
              url,
              System.getenv().getOrDefault("MISSYNC_BENCH_JDBC_USER", ""),
              System.getenv().getOrDefault("MISSYNC_BENCH_JDBC_PASSWORD", ""));
      String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      JdbcSyncStateStore jdbc = JdbcSyncStateStore.builder(ds).schema(schema).build();
      stores.put("jdbc", () -> jdbc);
    }
    System.out.println(
        "store            changes  wall_ms  us/change  ratio  cpu_us/change  cpu_ratio  gc_ms");
    int[] ascending = sizes.clone();
    Arrays.sort(ascending);
    for (Map.Entry<String, Supplier<SyncStateStore>> e : stores.entrySet()) {
      Supplier<SyncStateStore> fresh = e.getValue();
      if (!only.isEmpty() && !only.contains(e.getKey())) {
        continue;
      }
      for (int i = 0; i < 3; i++) {
        apply(fresh.get(), warmup);
      }
      // the largest first, so that the smallest is not flattered by the warm-up's last steps
      Map<Integer, double[]> perChange = new LinkedHashMap<>();
      for (int k = ascending.length - 1; k >= 0; k--) {
        int n = ascending[k];
        int rounds = Math.max(3, budget / n) | 1;
        long[] wall = new long[rounds];
        long[] cpu = new long[rounds];
        long[] gc = new long[rounds];
        for (int r = 0; r < rounds; r++) {
          long[] t = apply(fresh.get(), n);
          wall[r] = t[0];
          cpu[r] = t[1];
          gc[r] = t[2];
        }
        Arrays.sort(gc);
        Arrays.sort(wall);
        Arrays.sort(cpu);
        perChange.put(
            n,
            new double[] {
              wall[rounds / 2] / 1000.0 / n,
              cpu[rounds / 2] / 1000.0 / n,
              wall[rounds / 2],
              gc[rounds / 2]
            });
      }
      double[] base = java.util.Objects.requireNonNull(perChange.get(ascending[0]));
      for (int n : ascending) {
        double[] f = java.util.Objects.requireNonNull(perChange.get(n));
        System.out.printf(
            Locale.ROOT,
            "%-15s %8d %8d %10.2f %6.2f %14.2f %10.2f %6d%n",
            e.getKey(),
            n,
            (long) (f[2] / 1_000_000),
            f[0],
            f[0] / base[0],
            f[1],
            f[1] / base[1],
            (long) f[3]);
      }
    }
  }

  /** Plans and applies N creates into a fresh school; returns the apply's wall and CPU ns. */
  private static long[] apply(SyncStateStore store, int n) {
    Plan p = plan(n, "bench-" + UUID.randomUUID());
    String school = p.schoolId();
    Lease lease = store.tryAcquireLease(school, "bench", Duration.ofHours(1)).orElseThrow();
    AtomicLong ids = new AtomicLong();
    ChangeSink sink = (context, change) -> ChangeResult.created("acc-" + ids.incrementAndGet());
    Applier applier =
        new Applier(store, sink, credentials(), CLOCK, SyncPolicy.DEFAULT_SCHOOL_ZONE);
    System.gc();
    long g0 = gcMillis();
    long c0 = THREADS.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    applier.apply(p, lease, Duration.ofHours(1), SyncListener.NONE);
    long wall = System.nanoTime() - t0;
    long cpu = THREADS.getCurrentThreadCpuTime() - c0;
    long gc = gcMillis() - g0;
    store.releaseLease(lease);
    return new long[] {wall, cpu, gc};
  }

  private static long gcMillis() {
    long ms = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      ms += Math.max(0, b.getCollectionTime());
    }
    return ms;
  }

  private static final Map<Integer, MisSnapshot> SNAPSHOTS = new LinkedHashMap<>();

  /** N pupils and nothing else: a plan of N account creates. */
  private static MisSnapshot snapshot(int n) {
    return SNAPSHOTS.computeIfAbsent(
        n,
        k -> {
          MisSnapshot.Builder b =
              MisSnapshot.builder(new SourceInfo("bench", "synthetic", "SIMS", CLOCK.instant()));
          for (int i = 0; i < k; i++) {
            b.addStudent(
                Student.builder()
                    .id("S" + i)
                    .legalName("Pupil", "Surname" + i)
                    .yearGroup("Y8")
                    .build());
          }
          return b.allComplete().build();
        });
  }

  private static Plan plan(int n, String school) {
    Plan p =
        new Planner(SyncPolicy.defaults(), credentials(), CLOCK)
            .plan(TargetState.empty(school), snapshot(n));
    if (p.changes().size() != n) {
      throw new IllegalStateException("expected " + n + " creates, got " + p.changes().size());
    }
    return p;
  }

  private static CredentialPolicy credentials() {
    return CohortCredentialPolicy.builder()
        .defaults(UsernameTemplate.initialSurname(), PasswordGenerators.randomText(10))
        .build();
  }

  /**
   * One connection for the whole (single-threaded) run, handed out again and again: its {@code
   * close()} does nothing, as with a pool, so connecting is not part of the figures.
   */
  private static DataSource oneConnection(String url, String user, String password) {
    Connection real;
    try {
      real = DriverManager.getConnection(url, user, password);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to " + url, e);
    }
    Connection shared =
        (Connection)
            Proxy.newProxyInstance(
                ApplyScaling.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, margs) -> {
                  if (method.getName().equals("close")) {
                    return null;
                  }
                  try {
                    return method.invoke(real, margs);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    return (DataSource)
        Proxy.newProxyInstance(
            ApplyScaling.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, margs) -> {
              if (method.getName().equals("getConnection")) {
                return shared;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
