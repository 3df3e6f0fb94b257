package io.missync.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvValidatorTest {
  @TempDir Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return CsvValidator.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  static String fixture(String name) throws URISyntaxException {
    return Path.of(CsvValidatorTest.class.getResource(name).toURI()).toString();
  }

  @Test
  void textReportWithErrorsExitsNonZero() throws Exception {
    int code = run(fixture("/oneroster/1.1-bulk"));
    assertEquals(1, code);
    String o = out();
    assertTrue(o.contains("format: oneroster-1.1"), o);
    assertTrue(o.contains("student               3  COMPLETE"), o);
    assertTrue(o.contains("membership            8  PARTIAL"), o);
    assertTrue(o.contains("These rows will not be imported, and why:"), o);
    assertTrue(o.contains("enrollments.csv:10 [userSourcedId]"), o);
    // personal data never printed: names, emails and passwords from the fixture
    assertFalse(o.contains("Amy") || o.contains("amy@pupils") || o.contains("secret1"), o);
  }

  @Test
  void jsonReport() throws Exception {
    int code = run("--json", fixture("/oneroster/1.2-bulk"));
    assertEquals(1, code);
    String o = out().strip();
    assertTrue(o.startsWith("{\"format\":\"oneroster-1.2\""), o);
    assertTrue(o.contains("\"student\":{\"count\":1,\"completeness\":\"PARTIAL\"}"), o);
    assertTrue(o.contains("\"errors\":1"), o);
    assertTrue(o.contains("\"file\":\"users.csv\",\"line\":5"), o);
  }

  @Test
  void cleanExportExitsZero() throws Exception {
    Path dir = tmp.resolve("t");
    assertEquals(0, run("--write-template", dir.toString()));
    out.reset();
    assertEquals(0, run("--format", "school-template", dir.toString()), out()::toString);
    assertTrue(out().contains("0 error(s)"), out());
  }

  @Test
  void badArgumentsAndUnreadableExportsExitTwo() throws Exception {
    assertEquals(2, run());
    assertEquals(2, run("--format", "nope", "x"));
    assertEquals(2, run("--date-order", "sideways", "x"));
    assertEquals(2, run(tmp.resolve("missing").toString()));
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertEquals(2, run(empty.toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("format"));
  }
}
