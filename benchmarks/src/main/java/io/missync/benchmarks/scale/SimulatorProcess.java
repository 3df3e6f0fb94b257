package io.missync.benchmarks.scale;

import io.missync.testkit.wonde.SchoolWorld;
import io.missync.testkit.wonde.SimulatorConfig;
import io.missync.testkit.wonde.WondeSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Wonde simulator in a process of its own, steered over its standard input: {@code change}
 * renames one pupil (and moves the world clock on a minute), {@code requests} prints how many
 * requests it has answered. Started by the benchmarks with their own class path.
 */
public final class SimulatorProcess implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;
  final URI baseUri;
  final String appToken;
  final List<String> schools = new ArrayList<>();

  /** Starts {@code schools} schools of {@code students} pupils with {@code latencyMs} a request. */
  public SimulatorProcess(int schools, int students, long latencyMs) throws IOException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    process =
        new ProcessBuilder(
                java,
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                SimulatorProcess.class.getName(),
                Integer.toString(schools),
                Integer.toString(students),
                Long.toString(latencyMs))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    in =
        new PrintWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    baseUri = URI.create(line());
    appToken = line();
    String l;
    while (!(l = line()).equals("READY")) {
      this.schools.add(l);
    }
  }

  private String line() throws IOException {
    String l = out.readLine();
    if (l == null) {
      throw new IOException("the simulator process ended");
    }
    return l;
  }

  /** Renames one pupil of school 0; returns when done. */
  public void change() throws IOException {
    in.println("change");
    line();
  }

  /** Requests answered so far. */
  public long requests() throws IOException {
    in.println("requests");
    return Long.parseLong(line());
  }

  @Override
  public void close() throws InterruptedException {
    in.close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  public static void main(String[] args) throws IOException {
    SimulatorConfig config =
        SimulatorConfig.builder()
            .seed(7)
            .schools(Integer.parseInt(args[0]))
            .studentsPerSchool(Integer.parseInt(args[1]))
            .latencyMs(Long.parseLong(args[2]))
            .port(0)
            // the world's clock starts at the wall clock, so updated_after (taken from this
            // process's clock) and the world's updated_at stamps share a time line
            .startTime(java.time.Instant.now())
            .build();
    try (WondeSimulator sim = WondeSimulator.start(config);
        BufferedReader commands =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      System.out.println(sim.baseUri());
      System.out.println(sim.world().appToken());
      for (SchoolWorld s : sim.world().schools()) {
        System.out.println(s.id());
      }
      System.out.println("READY");
      System.out.flush();
      int n = 0;
      String c;
      while ((c = commands.readLine()) != null) {
        if (c.equals("change")) {
          SchoolWorld s = sim.world().school(0);
          sim.world().clock().advance(Duration.ofMinutes(1));
          s.rename(s.studentIds().get(n++ % s.studentIds().size()), "Changed" + n, "Pupil");
          System.out.println("OK");
        } else if (c.equals("requests")) {
          System.out.println(sim.requests().size());
        }
        System.out.flush();
      }
    }
  }
}
