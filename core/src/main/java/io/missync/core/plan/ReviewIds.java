package io.missync.core.plan;

import io.missync.core.model.PersonRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Stable review item ids: a SHA-256 over the item's kind and subject, each part length-prefixed.
 */
final class ReviewIds {
  private ReviewIds() {}

  static String of(ReviewItem item) {
    List<String> parts = new ArrayList<>();
    if (item instanceof ReviewItem.PossibleDuplicate d) {
      parts.add("possible-duplicate");
      person(parts, d.person());
      parts.add(d.accountId());
    } else if (item instanceof ReviewItem.AmbiguousMatch a) {
      parts.add("ambiguous-match");
      person(parts, a.person());
    } else if (item instanceof ReviewItem.DuplicateKey k) {
      parts.add("duplicate-key");
      parts.add(k.entityType().name());
      parts.add(k.key());
      List<String> people = new ArrayList<>();
      for (PersonRef p : k.people()) {
        people.add(p.type().name() + ":" + p.id());
      }
      Collections.sort(people);
      parts.addAll(people);
    } else {
      ReviewItem.RejectedRow r = (ReviewItem.RejectedRow) item;
      parts.add("rejected-row");
      parts.add(r.type().map(Enum::name).orElse("-"));
      parts.add(r.location());
    }
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
    for (String p : parts) {
      byte[] b = p.getBytes(StandardCharsets.UTF_8);
      md.update(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16)});
      md.update(new byte[] {(byte) (b.length >>> 8), (byte) b.length});
      md.update(b);
    }
    byte[] h = md.digest();
    StringBuilder sb = new StringBuilder("ri-");
    for (int i = 0; i < 16; i++) {
      sb.append(Character.forDigit((h[i] >> 4) & 0xf, 16))
          .append(Character.forDigit(h[i] & 0xf, 16));
    }
    return sb.toString();
  }

  private static void person(List<String> parts, PersonRef p) {
    parts.add(p.type().name());
    parts.add(p.id());
  }
}
