package io.missync.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.missync.core.EntityType;
import io.missync.core.model.MisSnapshot;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CsvSnapshotSourceTest {
  @Test
  void fullThenIncremental() throws Exception {
    Path bulk = Path.of(getClass().getResource("/oneroster/1.1-bulk").toURI());
    Path delta = Path.of(getClass().getResource("/oneroster/1.1-delta").toURI());
    AtomicReference<Path> upload = new AtomicReference<>(bulk);
    CsvSnapshotSource source = new CsvSnapshotSource(CsvImporter.builder().build(), upload::get);
    assertTrue(source.lastResult().isEmpty());
    MisSnapshot first = source.fetchFull();
    assertEquals(3, first.count(EntityType.STUDENT));
    assertEquals(2, source.lastResult().orElseThrow().errorCount());
    upload.set(delta);
    MisSnapshot next = source.fetchIncremental(first);
    assertTrue(next.student("stu-5").isPresent());
    assertTrue(next.student("stu-2").isEmpty());
    assertEquals(1, source.lastResult().orElseThrow().errorCount());
  }
}
