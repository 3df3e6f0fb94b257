package io.missync.testkit.wonde.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.SplittableRandom;

/** The world's seeded randomness and its registry of issued Wonde ids (unique across schools). */
public final class WorldIds {
  private final SplittableRandom rng;
  private final Set<String> issued = new HashSet<>();

  public WorldIds(long seed) {
    this.rng = new SplittableRandom(seed);
  }

  public SplittableRandom rng() {
    return rng;
  }

  /** A fresh Wonde-style id: the region letter followed by ten digits, e.g. {@code A1930499544}. */
  public String wondeId(char regionLetter) {
    while (true) {
      long n = 1_000_000_000L + rng.nextLong(9_000_000_000L);
      String id = regionLetter + Long.toString(n);
      if (issued.add(id)) {
        return id;
      }
    }
  }

  /** A 40-character hex token. */
  public String token() {
    byte[] b = new byte[20];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) rng.nextInt(256);
    }
    return HexFormat.of().formatHex(b);
  }

  /** The UPI: a hash of the school id and the record's MIS id (so it changes in a migration). */
  public static String upi(String schoolId, String type, String misId) {
    MessageDigest md5 = MD5.get();
    byte[] d = md5.digest((schoolId + "|" + type + "|" + misId).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d);
  }

  private static final ThreadLocal<MessageDigest> MD5 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  /**
   * A valid English UPN: check letter, LA code (3), establishment number (4), allocation year (2),
   * serial (3), with the DfE modulus-23 check letter.
   */
  public static String upn(String laCode, String establishment, int allocationYear, int serial) {
    String body =
        String.format(
            "%03d%04d%02d%03d",
            Integer.parseInt(laCode) % 1000,
            Integer.parseInt(establishment) % 10000,
            allocationYear % 100,
            serial % 1000);
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      sum += (body.charAt(i) - '0') * (i + 2);
    }
    String letters = "ABCDEFGHJKLMNPQRTUVWXYZ";
    return letters.charAt(sum % 23) + body;
  }
}
