package io.missync.testkit.wonde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneTest {
  @TempDir Path tmp;

  /** An HttpClient trusting exactly the certificate in a PEM file. */
  static HttpClient trustingPem(Path pem) throws Exception {
    Certificate cert;
    try (InputStream in = Files.newInputStream(pem)) {
      cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    ks.setCertificateEntry("sim", cert);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .sslContext(ctx)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  @Test
  void inProcessTlsWithTheWrittenPem() throws Exception {
    Path pem = tmp.resolve("sim.pem");
    try (WondeSimulator sim =
        WondeSimulator.start(
            SimulatorConfig.builder()
                .seed(4)
                .studentsPerSchool(60)
                .tls(true)
                .certOut(pem)
                .build())) {
      assertTrue(Files.readString(pem).startsWith("-----BEGIN CERTIFICATE-----"));
      assertEquals("https", sim.baseUri().getScheme());
      SchoolWorld school = sim.world().school(0);
      HttpClient client = trustingPem(pem);
      HttpResponse<String> r =
          SimHttp.send(
              client,
              SimHttp.request(
                      sim.baseUri().resolve("schools/" + school.id() + "/students?per_page=20"),
                      school.token())
                  .GET()
                  .build());
      assertEquals(200, r.statusCode());
      String next = SimHttp.parse(r.body()).get("meta").get("pagination").get("next").asText();
      assertTrue(next.startsWith("https://"), next);
      // the JDK default trust store does not trust it
      assertThrows(
          SSLHandshakeException.class,
          () ->
              SimHttp.newClient()
                  .send(
                      SimHttp.request(sim.baseUri().resolve("schools"), school.token())
                          .GET()
                          .build(),
                      HttpResponse.BodyHandlers.ofString()));
      // the convenience context works too
      HttpClient viaSim =
          HttpClient.newBuilder().sslContext(sim.clientSslContext().orElseThrow()).build();
      assertEquals(
          200,
          SimHttp.send(
                  viaSim,
                  SimHttp.request(sim.baseUri().resolve("schools"), school.token()).GET().build())
              .statusCode());
    }
  }

  @Test
  void mainPrintsHowToReachItAndRejectsBadFlags() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (WondeSimulator sim =
        WondeSimulatorMain.start(
            new String[] {"--port", "0", "--seed", "9", "--schools", "2", "--students", "40"},
            new PrintStream(buf, true, StandardCharsets.UTF_8))) {
      String out = buf.toString(StandardCharsets.UTF_8);
      assertTrue(out.contains(sim.baseUri().toString()), out);
      for (SchoolWorld s : sim.world().schools()) {
        assertTrue(out.contains(s.id()) && out.contains(s.token()), out);
      }
      assertTrue(out.contains("READY"));
      assertEquals(40, sim.world().school(1).studentIds().size());
    }
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThrows(
        IllegalArgumentException.class, () -> WondeSimulatorMain.start(new String[] {"--x"}, sink));
    assertThrows(
        IllegalArgumentException.class,
        () -> WondeSimulatorMain.start(new String[] {"--port"}, sink));
    assertThrows(
        IllegalArgumentException.class,
        () -> WondeSimulatorMain.start(new String[] {"--port", "0", "--cert-out", "x.pem"}, sink));
  }

  @Test
  void standaloneProcessServesOverTls() throws Exception {
    Path pem = tmp.resolve("standalone.pem");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        List.of(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            WondeSimulatorMain.class.getName(),
            "--port",
            "0",
            "--seed",
            "12",
            "--schools",
            "2",
            "--students",
            "120",
            "--latency-ms",
            "5",
            "--tls",
            "--cert-out",
            pem.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
      String line;
      while ((line = r.readLine()) != null && !line.equals("READY")) {
        lines.add(line);
        if (System.nanoTime() > deadline) {
          break;
        }
      }
      assertEquals("READY", line, String.join("\n", lines));
      String all = String.join("\n", lines);
      Matcher base = Pattern.compile("listening on (https://\\S+)").matcher(all);
      assertTrue(base.find(), all);
      Matcher school = Pattern.compile("school (\\S+) .* token=(\\S+)").matcher(all);
      assertTrue(school.find(), all);
      URI students = URI.create(base.group(1)).resolve("schools/" + school.group(1) + "/students");
      HttpResponse<String> resp =
          SimHttp.send(trustingPem(pem), SimHttp.request(students, school.group(2)).GET().build());
      assertEquals(200, resp.statusCode(), resp.body());
      JsonNode body = SimHttp.parse(resp.body());
      assertEquals(50, body.get("data").size());
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
