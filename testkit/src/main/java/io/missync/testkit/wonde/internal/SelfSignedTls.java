package io.missync.testkit.wonde.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate made at start with the JDK's own {@code keytool} (from {@code
 * java.home}), for {@code localhost} and {@code 127.0.0.1}.
 */
public final class SelfSignedTls {
  private final SSLContext serverContext;
  private final Certificate certificate;

  private SelfSignedTls(SSLContext serverContext, Certificate certificate) {
    this.serverContext = serverContext;
    this.certificate = certificate;
  }

  public static SelfSignedTls generate(String host) throws IOException {
    Path dir = Files.createTempDirectory("missync-sim-tls");
    Path ks = dir.resolve("server.p12");
    byte[] pw = new byte[16];
    new SecureRandom().nextBytes(pw);
    char[] password = HexFormat.of().formatHex(pw).toCharArray();
    String keytool =
        Path.of(System.getProperty("java.home"), "bin", isWindows() ? "keytool.exe" : "keytool")
            .toString();
    String san = "dns:localhost,ip:127.0.0.1";
    if (!host.equals("localhost") && !host.equals("127.0.0.1")) {
      san += host.matches("[0-9.]+|.*:.*") ? ",ip:" + host : ",dns:" + host;
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(keytool);
    cmd.add("-genkeypair");
    cmd.add("-alias");
    cmd.add("simulator");
    cmd.add("-keyalg");
    cmd.add("EC");
    cmd.add("-groupname");
    cmd.add("secp256r1");
    cmd.add("-validity");
    cmd.add("30");
    cmd.add("-dname");
    cmd.add("CN=missync Wonde simulator");
    cmd.add("-ext");
    cmd.add("SAN=" + san);
    cmd.add("-storetype");
    cmd.add("PKCS12");
    cmd.add("-keystore");
    cmd.add(ks.toString());
    cmd.add("-storepass:env");
    cmd.add("SIM_STOREPASS");
    cmd.add("-keypass:env");
    cmd.add("SIM_STOREPASS");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("SIM_STOREPASS", new String(password));
    Process p = pb.start();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("keytool failed: " + new String(out, StandardCharsets.UTF_8).trim());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running keytool", e);
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(ks)) {
        store.load(in, password);
      }
      Certificate cert = store.getCertificate("simulator");
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return new SelfSignedTls(ctx, cert);
    } catch (GeneralSecurityException e) {
      throw new IOException("could not load the generated keystore", e);
    } finally {
      Files.deleteIfExists(ks);
      Files.deleteIfExists(dir);
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
  }

  public SSLContext serverContext() {
    return serverContext;
  }

  public Certificate certificate() {
    return certificate;
  }

  /** The certificate in PEM form. */
  public String pem() {
    try {
      String b64 =
          Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client context that trusts exactly this certificate. */
  public SSLContext clientContext() {
    return trusting(certificate);
  }

  /** A client SSL context that trusts only the given certificate. */
  public static SSLContext trusting(Certificate cert) {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("simulator", cert);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
