package io.missync.benchmarks.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.missync.core.EntityType;
import io.missync.core.model.MisSnapshot;
import io.missync.testkit.wonde.SchoolWorld;
import io.missync.testkit.wonde.SimulatorConfig;
import io.missync.testkit.wonde.WondeSimulator;
import io.missync.wonde.TokenProvider;
import io.missync.wonde.WondeClient;
import io.missync.wonde.snapshot.WondeSnapshotSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Wall time and peak heap of a full fetch of one 2,000-student school from the Wonde simulator with
 * 30 ms latency per request: {@link WondeSnapshotSource#fetchFull()} against a baseline that pages
 * the same endpoints with the same includes sequentially, following {@code meta.pagination.next},
 * with plain {@link HttpClient} and Jackson {@code readTree}. The baseline runs twice: with Wonde's
 * default page size (no {@code per_page}, 50 a page, as the official clients do) and with {@code
 * per_page=200}; the adapter runs with its defaults and with one request in flight, so the gain can
 * be split into page size and concurrency. The simulator runs in the same JVM, so its own garbage
 * is in every peak-heap figure alike.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests} then {@code java -Xmx1g -cp
 * benchmarks/target/benchmarks.jar io.missync.benchmarks.fetch.FullFetchBenchmark [rounds]}.
 */
public final class FullFetchBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FullFetchBenchmark() {}

  /** The adapter's full-fetch requests (see WondeSnapshotSource), as paths and includes. */
  private static final List<String> LISTS =
      List.of(
          "students?include=education_details,year,contact_details,contacts",
          "employees?include=employment_details,contact_details,classes",
          "contacts?include=contact_details",
          "groups?include=students,employees",
          "classes?include=subject,students,employees");

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    try (WondeSimulator sim =
        WondeSimulator.start(
            SimulatorConfig.builder().seed(7).studentsPerSchool(2000).latencyMs(30).build())) {
      SchoolWorld school = sim.world().school(0);
      WondeClient client =
          WondeClient.builder()
              .tokens(TokenProvider.perSchool(Map.of(school.id(), school.token())))
              .baseUri(sim.baseUri())
              .build();
      WondeSnapshotSource adapter = WondeSnapshotSource.builder(client, school.id()).build();
      WondeClient serialClient =
          WondeClient.builder()
              .tokens(TokenProvider.perSchool(Map.of(school.id(), school.token())))
              .baseUri(sim.baseUri())
              .maxConcurrentRequestsPerHost(1)
              .build();
      WondeSnapshotSource serial = WondeSnapshotSource.builder(serialClient, school.id()).build();
      HttpClient http = HttpClient.newHttpClient();
      String base = sim.baseUri() + "schools/" + school.id() + "/";
      String token = school.token();

      String[] names = {
        "baseline sequential, 50/page",
        "baseline sequential, 200/page",
        "adapter fetchFull (defaults)",
        "adapter fetchFull, 1 in flight"
      };
      List<Supplier<Integer>> runs =
          List.of(
              () -> baseline(http, base, token, 0),
              () -> baseline(http, base, token, 200),
              () -> records(adapter.fetchFull()),
              () -> records(serial.fetchFull()));
      int first = sim.requests().size();
      MisSnapshot check = adapter.fetchFull();
      // the adapter's first-page requests, to check the baseline asks for the same
      sim.requests().subList(first, sim.requests().size()).stream()
          .filter(r -> !r.query().matches("(.*&)?page=.*"))
          .map(r -> "  adapter requests " + r.path().replaceAll(".*/", "") + "?" + r.query())
          .sorted()
          .forEach(System.out::println);
      System.out.printf(
          Locale.ROOT,
          "school: %d students, %d staff, %d contacts, %d groups+classes%n",
          check.count(EntityType.STUDENT),
          check.count(EntityType.STAFF),
          check.count(EntityType.CONTACT),
          check.count(EntityType.GROUP));
      // warm-up: one of each (also warms the adapter's region cache and the JIT)
      int[] items = new int[runs.size()];
      for (int k = 0; k < runs.size(); k++) {
        items[k] = runs.get(k).get();
      }
      long[][] ms = new long[runs.size()][rounds];
      long[][] heap = new long[runs.size()][rounds];
      int[] requests = new int[runs.size()];
      for (int round = 0; round < rounds; round++) {
        for (int k = 0; k < runs.size(); k++) {
          System.gc();
          resetPeaks();
          int before = sim.requests().size();
          long t0 = System.nanoTime();
          items[k] = runs.get(k).get();
          ms[k][round] = (System.nanoTime() - t0) / 1_000_000;
          heap[k][round] = peakHeap();
          requests[k] = sim.requests().size() - before;
        }
      }
      long[] median = new long[runs.size()];
      for (int k = 0; k < runs.size(); k++) {
        long[] t = ms[k].clone();
        Arrays.sort(t);
        median[k] = t[rounds / 2];
        long[] h = heap[k].clone();
        Arrays.sort(h);
        System.out.printf(
            Locale.ROOT,
            "%-32s median %6d ms (runs %s), %3d requests, %6d items, peak heap median %5d MiB%n",
            names[k],
            median[k],
            Arrays.toString(ms[k]),
            requests[k],
            items[k],
            h[rounds / 2] >> 20);
      }
      System.out.printf(
          Locale.ROOT,
          "speed-up adapter vs baseline 50/page: %.2fx; vs baseline 200/page: %.2fx;"
              + " adapter 1-in-flight vs baseline 200/page: %.2fx%n",
          (double) median[0] / median[2],
          (double) median[1] / median[2],
          (double) median[1] / median[3]);
    }
  }

  private static int records(MisSnapshot s) {
    int n = 0;
    for (EntityType t : EntityType.values()) {
      n += s.count(t);
    }
    return n;
  }

  /**
   * Sequential paging with plain HttpClient + readTree; keeps every item, as a naive sync would.
   */
  private static int baseline(HttpClient http, String base, String token, int perPage) {
    List<JsonNode> items = new ArrayList<>();
    try {
      get(http, base.substring(0, base.length() - 1), token);
      get(http, base + "counts?include=students,employees,contacts,groups,classes", token);
      for (String list : LISTS) {
        String url = base + list + (perPage > 0 ? "&per_page=" + perPage : "");
        while (url != null) {
          JsonNode page = get(http, url, token);
          page.path("data").forEach(items::add);
          JsonNode p = page.path("meta").path("pagination");
          url = p.path("more").asBoolean(false) ? p.path("next").asText() : null;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return items.size();
  }

  private static JsonNode get(HttpClient http, String url, String token)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IOException("HTTP " + r.statusCode());
    }
    return JSON.readTree(r.body());
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
