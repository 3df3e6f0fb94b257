package io.missync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each subcommand in process: validate, plan, review, simulator, and the top-level help. */
class CommandsTest {
  @TempDir Path dir;

  @Test
  void withoutACommandTheHelpListsEverySubcommand() {
    Run r = Run.of();
    assertEquals(0, r.code(), r.toString());
    for (String c : List.of("demo", "validate", "plan", "review", "simulator")) {
      assertTrue(r.out().contains(c), r.toString());
    }
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    Run r = Run.of("demo", "--pupils", "many");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("--pupils"), r.toString());
  }

  @Test
  void validateAcceptsACleanExportAndRejectsRowsWithExitOne() throws IOException {
    Path export = dir.resolve("export");
    assertEquals(0, Run.of("validate", "--write-template", export.toString()).code());
    Run clean = Run.of("validate", export.toString());
    assertEquals(0, clean.code(), clean.toString());
    assertTrue(clean.out().contains("school-template"), clean.toString());

    Path students = export.resolve("students.csv");
    Files.writeString(students, Files.readString(students) + ",NoId,Row,,7,7A,F,,,,,,,\n");
    Run rejected = Run.of("validate", export.toString());
    assertEquals(1, rejected.code(), rejected.toString());
    Run json = Run.of("validate", "--json", export.toString());
    assertEquals(1, json.code(), json.toString());
    assertTrue(json.out().strip().startsWith("{"), json.toString());
  }

  @Test
  void validateExplainsAMissingPathASingleFileAndAnUnknownFormat() {
    Run missing = Run.of("validate", dir.resolve("nope").toString());
    assertEquals(2, missing.code(), missing.toString());
    assertTrue(missing.err().contains("no such file or folder"), missing.toString());

    Path export = dir.resolve("export");
    Run.of("validate", "--write-template", export.toString());
    Run single = Run.of("validate", export.resolve("students.csv").toString());
    assertEquals(2, single.code(), single.toString());
    assertTrue(single.err().contains("is a single file"), single.toString());

    Run json = Run.of("validate", "--json", dir.resolve("nope").toString());
    assertEquals(2, json.code(), json.toString());
    assertTrue(json.out().startsWith("{\"error\":\"no such file or folder: "), json.toString());

    Run format = Run.of("validate", "--format", "excel", export.toString());
    assertEquals(2, format.code(), format.toString());
    assertTrue(format.err().contains("unknown format excel; one of"), format.toString());

    Run none = Run.of("validate");
    assertEquals(2, none.code(), none.toString());
  }

  @Test
  void validateReadsTheSdsSample() {
    Path sample = Run.sample("sds-uk-25-users");
    assumeTrue(sample != null, "../shared/samples not beside the checkout");
    Run r = Run.of("validate", sample.toString());
    assertTrue(r.code() == 0 || r.code() == 1, r.toString());
    assertTrue(r.out().contains("sds"), r.toString());
  }

  @Test
  void planIsADryRunThatWritesTheReport() throws IOException {
    Run r = Run.of("plan", "--simulator", "--pupils", "40", "--out", dir.toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("dry run, would be "), r.toString());
    assertTrue(r.out().contains("create account"), r.toString());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(1, s.filter(p -> p.toString().endsWith(".html")).count());
    }
  }

  @Test
  void planFromACsvExport() {
    Path export = dir.resolve("export");
    Run.of("validate", "--write-template", export.toString());
    Run r = Run.of("plan", "--csv", export.toString(), "--out", dir.toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(
        r.out().contains("credentials: 8 new accounts get an initial password"), r.toString());
  }

  @Test
  void planNeedsExactlyOneSource() {
    assertEquals(2, Run.of("plan").code());
    assertEquals(2, Run.of("plan", "--simulator", "--wonde", "A1").code());
  }

  @Test
  void planFromWondeNeedsTheTokenInTheEnvironment() {
    assumeTrue(System.getenv("MISSYNC_WONDE_TOKEN") == null);
    Run r = Run.of("plan", "--wonde", "A1930499544");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("MISSYNC_WONDE_TOKEN"), r.toString());
  }

  @Test
  void reviewNeedsAStoreAndASchool() {
    Run r = Run.of("review");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("--store"), r.toString());
    Run bad = Run.of("review", "--store", "postgres://x", "--school", "A1");
    assertEquals(2, bad.code(), bad.toString());
    assertTrue(bad.err().contains("JDBC URL"), bad.toString());
  }

  @Test
  void aStoreThatCannotBeReachedIsAnErrorMessageNotAStackTrace() {
    Run r = Run.of("review", "--store", "jdbc:postgresql://127.0.0.1:1/none", "--school", "A1");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().startsWith("error: store-jdbc: "), r.toString());
    assertFalse(r.err().contains("\tat "), r.toString());
  }

  @Test
  void simulatorPrintsHowToReachItThenReady() {
    Run r =
        Run.of("simulator", "--port", "0", "--students", "30", "--seed", "3", "--stop-after-ready");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("Wonde simulator listening on http://127.0.0.1:"), r.toString());
    assertTrue(r.out().strip().endsWith("READY"), r.toString());
    assertFalse(r.out().contains("students=0"), r.toString());
  }
}
