package io.missync.scheduler;

import io.missync.store.jdbc.TestPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A {@link Worker} in a JVM of its own, started with this test's class path. */
final class WorkerProcess implements AutoCloseable {
  final String name;
  private final Process process;
  private final Path log;

  private final java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A {@link Worker}: name, schema, simulator, threads, 500 ms heartbeats. */
  WorkerProcess(String name, String schema, URI simulator, String appToken, int threads)
      throws IOException {
    this(
        name,
        Worker.class.getName(),
        List.of(name, schema, simulator.toString(), Integer.toString(threads), "500"),
        appToken);
  }

  /** Any main class of the test class path that prints READY when it has started. */
  WorkerProcess(String name, String mainClass, List<String> args, String appToken)
      throws IOException {
    this.name = name;
    this.log = Files.createTempFile("missync-worker-" + name, ".log");
    String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>();
    command.addAll(
        List.of(
            javaBin,
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
            "-cp",
            System.getProperty("java.class.path"),
            mainClass));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    TestPostgres.Address a = TestPostgres.address();
    pb.environment().put("MISSYNC_TEST_JDBC_URL", a.url());
    pb.environment().put("MISSYNC_TEST_JDBC_USER", a.user());
    pb.environment().put("MISSYNC_TEST_JDBC_PASSWORD", a.password());
    pb.environment().put("MISSYNC_TEST_APP_TOKEN", appToken);
    pb.redirectErrorStream(true);
    this.process = pb.start();
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.add(line);
                  if (line.equals("READY")) {
                    ready.complete(true);
                  }
                  Files.writeString(
                      log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                }
              } catch (IOException ignored) {
                // the process is gone
              }
              ready.complete(false);
            },
            "worker-" + name + "-output");
    pump.setDaemon(true);
    pump.start();
    try {
      if (!ready.get(120, TimeUnit.SECONDS)) {
        throw new IOException("worker " + name + " ended before READY:\n" + output());
      }
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IOException("worker " + name + " did not start: " + e + "\n" + output(), e);
    }
  }

  /** Waits until the process has printed {@code line}; false if it did not in time or died. */
  boolean awaitLine(String line, java.time.Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!lines.contains(line)) {
      if (System.nanoTime() > end || !process.isAlive()) {
        return lines.contains(line);
      }
      Thread.sleep(20);
    }
    return true;
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL on Linux: no shutdown hook, no finally block, no goodbye to the database. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.getOutputStream().close(); // the worker stops when its input closes
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
    Files.deleteIfExists(log);
  }
}
