package io.missync.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.model.MisSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Any generated snapshot (restricted to what the format carries) written then read is equal. */
class RoundTripProperties {

  private static void roundTrip(CsvFormat f, Random random) throws IOException {
    MisSnapshot s = Generated.snapshot(f, random);
    Path dir = Files.createTempDirectory("roundtrip");
    try {
      CsvExporter.write(s, f, dir);
      ImportResult r =
          CsvImporter.builder().format(f).schoolId(s.source().schoolId()).build().read(dir);
      assertEquals(0, r.errorCount(), () -> r.report());
      assertTrue(
          r.snapshot().sameContentAs(s),
          () -> f + ": " + r.snapshot().differencesFrom(s, 10) + "\n" + r.report());
      assertEquals(s.source().schoolId(), r.snapshot().source().schoolId());
      // detection agrees with the format written (SDS classic US/UK share file names)
      assertEquals(f, CsvImporter.detect(dir).orElseThrow());
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Property(tries = 60)
  void oneRoster11(@ForAll Random random) throws IOException {
    roundTrip(CsvFormat.ONEROSTER_1_1, random);
  }

  @Property(tries = 60)
  void oneRoster12(@ForAll Random random) throws IOException {
    roundTrip(CsvFormat.ONEROSTER_1_2, random);
  }

  @Property(tries = 60)
  void sdsClassicUk(@ForAll Random random) throws IOException {
    roundTrip(CsvFormat.SDS_CLASSIC_UK, random);
  }

  @Property(tries = 60)
  void sdsClassicUs(@ForAll Random random) throws IOException {
    roundTrip(CsvFormat.SDS_CLASSIC_US, random);
  }

  @Property(tries = 60)
  void sdsV21(@ForAll Random random) throws IOException {
    roundTrip(CsvFormat.SDS_V2_1, random);
  }

  @Property(tries = 60)
  void schoolTemplate(@ForAll Random random) throws IOException {
    roundTrip(CsvFormat.SCHOOL_TEMPLATE, random);
  }
}
