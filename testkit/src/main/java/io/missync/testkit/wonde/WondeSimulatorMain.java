package io.missync.testkit.wonde;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator as a standalone process.
 *
 * <pre>
 * java -jar missync-testkit-VERSION-simulator.jar --port 8080 --seed 42 --schools 2 --students 2000
 *      [--staff N] [--phase primary|secondary] [--sixth-form] [--latency-ms 50] [--fault-rate 0.05]
 *      [--tls --cert-out sim.pem] [--host 127.0.0.1] [--domain api.example:443]
 * </pre>
 *
 * It prints the base URL, the app token and each school's id and token (this is the one place a
 * token is printed: the operator needs it), then {@code READY}, and serves until killed.
 */
public final class WondeSimulatorMain {
  private WondeSimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    WondeSimulator sim;
    try {
      sim = start(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
      return;
    }
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sim.close();
                  done.countDown();
                },
                "wonde-sim-shutdown"));
    done.await();
  }

  /** The flags {@link #start} takes. */
  public static String usage() {
    return "usage: --port N --seed N --schools N --students N [--staff N] [--phase primary|secondary]"
        + " [--sixth-form] [--latency-ms N] [--fault-rate P] [--tls] [--cert-out FILE]"
        + " [--host H] [--advertise-host H] [--domain D]";
  }

  /** Parses the flags, starts the simulator and prints how to reach it. */
  public static WondeSimulator start(String[] args, PrintStream out) {
    SimulatorConfig.Builder b = SimulatorConfig.builder().port(8080);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--port":
          b.port(intArg(args, ++i, a));
          break;
        case "--seed":
          b.seed(Long.parseLong(arg(args, ++i, a)));
          break;
        case "--schools":
          b.schools(intArg(args, ++i, a));
          break;
        case "--students":
          b.studentsPerSchool(intArg(args, ++i, a));
          break;
        case "--staff":
          b.staffPerSchool(intArg(args, ++i, a));
          break;
        case "--phase":
          b.phase(
              SimulatorConfig.Phase.valueOf(arg(args, ++i, a).toUpperCase(java.util.Locale.ROOT)));
          break;
        case "--sixth-form":
          b.sixthForm(true);
          break;
        case "--latency-ms":
          b.latencyMs(Long.parseLong(arg(args, ++i, a)));
          break;
        case "--fault-rate":
          b.faultRate(Double.parseDouble(arg(args, ++i, a)));
          break;
        case "--tls":
          b.tls(true);
          break;
        case "--cert-out":
          b.certOut(Path.of(arg(args, ++i, a)));
          break;
        case "--host":
          b.bindHost(arg(args, ++i, a));
          break;
        case "--advertise-host":
          b.advertisedHost(arg(args, ++i, a));
          break;
        case "--domain":
          b.regionDomain(arg(args, ++i, a));
          break;
        case "--help":
        case "-h":
          throw new IllegalArgumentException("help requested");
        default:
          throw new IllegalArgumentException("unknown flag " + a);
      }
    }
    SimulatorConfig config = b.build();
    if (config.certOut().isPresent() && !config.tls()) {
      throw new IllegalArgumentException("--cert-out needs --tls");
    }
    WondeSimulator sim = WondeSimulator.start(config);
    out.println("Wonde simulator listening on " + sim.baseUri());
    config.certOut().ifPresent(p -> out.println("certificate (PEM): " + p.toAbsolutePath()));
    out.println("app token: " + sim.world().appToken());
    for (SchoolWorld s : sim.world().schools()) {
      out.println(
          "school "
              + s.id()
              + " \""
              + s.name()
              + "\" students="
              + s.studentIds().size()
              + " token="
              + s.token());
    }
    out.println("READY");
    out.flush();
    return sim;
  }

  private static String arg(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  private static int intArg(String[] args, int i, String flag) {
    try {
      return Integer.parseInt(arg(args, i, flag));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs an integer");
    }
  }
}
