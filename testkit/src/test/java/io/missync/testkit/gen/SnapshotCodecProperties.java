package io.missync.testkit.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.codec.SnapshotCodec;
import io.missync.core.codec.SnapshotCodecException;
import io.missync.core.model.MisSnapshot;
import io.missync.testkit.contract.SchoolStateContract;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link SnapshotCodec}: every generated school, and every school after a mutation (joiners,
 * leavers, moves, rollover, migration, truncated reads...), comes back as it was encoded; damaged,
 * foreign and future-version bytes are refused with a {@link SnapshotCodecException}.
 */
class SnapshotCodecProperties {

  @Property(tries = 200)
  void everyGeneratedSchoolRoundTrips(@ForAll("schools") MisSnapshot s) {
    SchoolStateContract.assertSameBase(s, SnapshotCodec.decode(SnapshotCodec.encode(s)));
  }

  @Property(tries = 100)
  void everyMutatedSchoolRoundTrips(
      @ForAll("schools") MisSnapshot s, @ForAll("mutations") SchoolMutation m) {
    MisSnapshot mutated = m.apply(s);
    MisSnapshot back = SnapshotCodec.decode(SnapshotCodec.encode(mutated));
    SchoolStateContract.assertSameBase(mutated, back);
    assertEquals(mutated.staff(), back.staff());
    assertEquals(mutated.contacts(), back.contacts());
    assertEquals(mutated.memberships(), back.memberships(), "memberships in order");
    assertEquals(mutated.guardianLinks(), back.guardianLinks(), "links in order");
  }

  @Test
  void theAwkwardSnapshotRoundTrips() {
    MisSnapshot s = SchoolStateContract.awkwardSnapshot("school-1");
    MisSnapshot back = SnapshotCodec.decode(SnapshotCodec.encode(s));
    SchoolStateContract.assertSameBase(s, back);
    assertEquals(s.problems(), back.problems());
  }

  @Test
  void encodingIsDeterministicAndCompact() {
    MisSnapshot s = Schools.build(new SchoolShape(SchoolShape.Phase.SECONDARY, 600, 40, 2, 2, 7L));
    byte[] a = SnapshotCodec.encode(s);
    assertTrue(Arrays.equals(a, SnapshotCodec.encode(s)));
    // the gzip stream keeps well under 100 bytes per student for a generated secondary school
    assertTrue(a.length < 100 * 600, "encoded size " + a.length);
  }

  @Property(tries = 200)
  void aFlippedByteIsRefusedNeverDecodedAsSomethingElse(
      @ForAll("schools") MisSnapshot s, @ForAll @IntRange(min = 0, max = 1 << 20) int where) {
    byte[] b = SnapshotCodec.encode(s);
    // past the 5-byte header; the gzip header's own flag bytes may be ignored by the reader, so
    // damage from the compressed data on (10-byte gzip header)
    int i = 15 + where % (b.length - 15);
    b[i] ^= 0x20;
    assertThrows(SnapshotCodecException.class, () -> SnapshotCodec.decode(b));
  }

  @Property(tries = 100)
  void aTruncatedEncodingIsRefused(
      @ForAll("schools") MisSnapshot s, @ForAll @IntRange(min = 0, max = 1 << 20) int cut) {
    byte[] b = SnapshotCodec.encode(s);
    byte[] shorter = Arrays.copyOf(b, cut % b.length);
    assertThrows(SnapshotCodecException.class, () -> SnapshotCodec.decode(shorter));
  }

  @Test
  void anUnknownVersionOrForeignBytesAreRefusedByName() {
    byte[] b = SnapshotCodec.encode(SchoolStateContract.awkwardSnapshot("school-1"));
    byte[] future = b.clone();
    future[4] = 2;
    SnapshotCodecException e =
        assertThrows(SnapshotCodecException.class, () -> SnapshotCodec.decode(future));
    assertTrue(e.getMessage().contains("format version 2"), e.getMessage());
    SnapshotCodecException foreign =
        assertThrows(
            SnapshotCodecException.class,
            () -> SnapshotCodec.decode("{\"students\":[]}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(foreign.getMessage().contains("header"), foreign.getMessage());
    assertThrows(SnapshotCodecException.class, () -> SnapshotCodec.decode(new byte[0]));
  }

  @Test
  void extraBytesAfterTheSnapshotAreRefused() {
    MisSnapshot s = SchoolStateContract.awkwardSnapshot("school-1");
    // a valid gzip member whose content runs on after the snapshot
    byte[] good = SnapshotCodec.encode(s);
    byte[] twice = Arrays.copyOf(good, good.length + good.length - 5);
    System.arraycopy(good, 5, twice, good.length, good.length - 5);
    SnapshotCodecException e =
        assertThrows(SnapshotCodecException.class, () -> SnapshotCodec.decode(twice));
    assertFalse(e.getMessage().contains("Nguy"), "no personal data in the message");
  }

  @Provide
  Arbitrary<MisSnapshot> schools() {
    return Schools.schools(0, 50);
  }

  @Provide
  Arbitrary<SchoolMutation> mutations() {
    return SchoolMutations.mutations(Schools.TODAY);
  }
}
