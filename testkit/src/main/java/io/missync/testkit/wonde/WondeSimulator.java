package io.missync.testkit.wonde;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.missync.core.model.MisSnapshot;
import io.missync.testkit.wonde.internal.SelfSignedTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A Wonde-compatible HTTP(S) server over a generated {@link World}, built on the JDK's {@code
 * com.sun.net.httpserver}.
 *
 * <pre>{@code
 * try (WondeSimulator sim = WondeSimulator.start(SimulatorConfig.builder().seed(7).build())) {
 *   SchoolWorld school = sim.world().school(0);
 *   URI students = sim.baseUri().resolve("schools/" + school.id() + "/students");
 *   sim.faults().onNth("/students", 3, Fault.status(503));
 *   // ... GET with "Authorization: Bearer " + school.token()
 * }
 * }</pre>
 */
public final class WondeSimulator implements AutoCloseable {
  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm
    // and delayed ACKs add ~40 ms to every small response. Read once when the server class loads.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final SimulatorConfig config;
  private final World world;
  private final FaultPlan faults;
  private final SimHandler handler;
  private final HttpServer server;
  private final ExecutorService executor;
  private final @Nullable SelfSignedTls tls;
  private final URI baseUri;

  private WondeSimulator(SimulatorConfig config, World world) throws IOException {
    this.config = config;
    this.world = world;
    this.faults = new FaultPlan();
    if (config.faultRate() > 0) {
      faults.baselineRandom(
          config.seed(),
          config.faultRate(),
          Fault.status(503),
          Fault.tooManyRequests(1),
          Fault.connectionReset(),
          Fault.truncatedBody());
    }
    this.handler = new SimHandler(world, faults, config.latencyMs(), config.variants());
    InetSocketAddress addr = new InetSocketAddress(config.bindHost(), config.port());
    if (config.tls()) {
      SelfSignedTls t = SelfSignedTls.generate(config.advertisedHost());
      HttpsServer https = HttpsServer.create(addr, 128);
      https.setHttpsConfigurator(new HttpsConfigurator(t.serverContext()));
      this.tls = t;
      this.server = https;
      Optional<Path> out = config.certOut();
      if (out.isPresent()) {
        Files.writeString(out.get(), t.pem(), StandardCharsets.US_ASCII);
      }
    } else {
      this.tls = null;
      this.server = HttpServer.create(addr, 128);
    }
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            config.threads(),
            r -> {
              Thread th = new Thread(r, "wonde-sim-" + n.incrementAndGet());
              th.setDaemon(true);
              return th;
            });
    server.setExecutor(executor);
    server.createContext("/", handler);
    server.start();
    String host = config.advertisedHost();
    String hostPart = host.contains(":") ? "[" + host + "]" : host;
    int port = server.getAddress().getPort();
    String origin = (config.tls() ? "https" : "http") + "://" + hostPart + ":" + port;
    handler.bind(origin, config.regionDomain().orElse(hostPart + ":" + port));
    this.baseUri = URI.create(origin + "/v1.0/");
  }

  /** Generates the world and starts serving it; the port is free-chosen unless configured. */
  public static WondeSimulator start(SimulatorConfig config) {
    try {
      return new WondeSimulator(config, World.generate(config));
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the Wonde simulator", e);
    }
  }

  /** {@code http(s)://host:port/v1.0/}; resolve {@code "schools/<id>/students"} against it. */
  public URI baseUri() {
    return baseUri;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public World world() {
    return world;
  }

  public SimulatorConfig config() {
    return config;
  }

  public FaultPlan faults() {
    return faults;
  }

  /** Requests received so far (the last 10,000), oldest first. */
  public List<RecordedRequest> requests() {
    return handler.requests();
  }

  public WireVariants variants() {
    return handler.variants();
  }

  /**
   * Runs {@code action} once, on the simulator's thread, before answering the first request whose
   * raw path and raw query match {@code when}: e.g. to change the world between two pages of one
   * read ({@code (path, query) -> path.endsWith("/contacts") && query.contains("page=3")}). The
   * request is then answered from the changed world.
   */
  public void beforeAnswering(
      java.util.function.BiPredicate<String, String> when, Runnable action) {
    handler.beforeRouting(when, action);
  }

  /** Drops every {@link #beforeAnswering} action not yet run. */
  public void clearActions() {
    handler.clearHooks();
  }

  /** Switches the wire shapes served from the next request on. */
  public void variants(WireVariants variants) {
    handler.variants(variants);
  }

  /**
   * The ground truth for one school under the wire variants being served now: what a correct full
   * fetch from this simulator must equal (see {@link SchoolWorld#toSnapshot(WireVariants)}).
   */
  public MisSnapshot snapshot(String schoolId) {
    return world.school(schoolId).toSnapshot(handler.variants());
  }

  /** The self-signed server certificate, when TLS is on. */
  public Optional<Certificate> certificate() {
    SelfSignedTls t = tls;
    return t == null ? Optional.empty() : Optional.of(t.certificate());
  }

  /** A client SSL context trusting only this simulator's certificate, when TLS is on. */
  public Optional<SSLContext> clientSslContext() {
    SelfSignedTls t = tls;
    return t == null ? Optional.empty() : Optional.of(t.clientContext());
  }

  /** Stops the server at once; in-flight exchanges are dropped. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
