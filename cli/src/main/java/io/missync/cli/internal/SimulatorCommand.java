package io.missync.cli.internal;

import io.missync.testkit.wonde.WondeSimulator;
import io.missync.testkit.wonde.WondeSimulatorMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code missync simulator}: the standalone Wonde simulator ({@link WondeSimulatorMain}'s flags).
 * It prints the base URL, the app token, each school's id and token, then {@code READY}, and serves
 * until the process is stopped.
 */
@Command(
    name = "simulator",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a generated school world over the Wonde API, for testing any client. Prints the"
          + " base URL, tokens and school ids, then READY, and serves until stopped.",
      "Flags: --port N --seed N --schools N --students N [--staff N] [--phase primary|secondary]"
          + " [--sixth-form] [--latency-ms N] [--fault-rate P] [--tls] [--cert-out FILE]"
          + " [--host H] [--advertise-host H] [--domain D]"
    })
final class SimulatorCommand implements Callable<Integer> {
  private final Io io;

  @Unmatched List<String> flags = new ArrayList<>();

  @Option(
      names = "--stop-after-ready",
      hidden = true,
      description = "Stop once READY is printed (checks a set-up).")
  boolean stopAfterReady;

  SimulatorCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws InterruptedException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    WondeSimulator sim;
    try (PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      sim = WondeSimulatorMain.start(flags.toArray(String[]::new), ps);
    }
    io.out().print(bytes.toString(StandardCharsets.UTF_8));
    io.out().flush();
    if (stopAfterReady) {
      sim.close();
      return 0;
    }
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sim.close();
                  done.countDown();
                },
                "missync-simulator-shutdown"));
    done.await();
    return 0;
  }
}
