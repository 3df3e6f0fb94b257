package io.missync.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.missync.core.spi.SnapshotUnavailableException;
import io.missync.csv.CsvFormat;
import io.missync.csv.CsvImporter;
import io.missync.csv.DateOrder;
import io.missync.csv.ImportResult;
import io.missync.csv.SchoolTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code missync validate PATH}: reads a CSV export (folder or zip) as the first sync would and
 * prints counts, completeness and every problem with its file, line and column. Exit 0 when clean,
 * 1 when rows or files were rejected, 2 on bad arguments or an unreadable export (as {@code
 * CsvValidator}). With {@code --json} the report, and any error, is JSON on standard output.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a CSV export (a folder or a zip) before the first sync: counts, completeness, and"
          + " every row that will not be imported and why.",
      "Exit 0 when clean, 1 when rows or files were rejected, 2 on bad arguments or an"
          + " unreadable export."
    })
final class ValidateCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      description = "The export: a folder of CSV files or a zip (relative to where you are).")
  @Nullable String path;

  @Option(names = "--json", description = "The report (and errors) as JSON.")
  boolean json;

  @Option(
      names = "--format",
      paramLabel = "ID",
      description = "The export's format, when detection guesses wrong: ${COMPLETION-CANDIDATES}.",
      completionCandidates = Formats.class)
  @Nullable String format;

  @Option(
      names = "--date-order",
      description = "How to read ambiguous dates: ${COMPLETION-CANDIDATES} (default AUTO).")
  DateOrder dateOrder = DateOrder.AUTO;

  @Option(
      names = "--write-template",
      paramLabel = "DIR",
      description = "Write an example of the simple school template to DIR and stop.")
  @Nullable Path template;

  /** The format ids, for the help. */
  static final class Formats implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Arrays.stream(CsvFormat.values()).map(CsvFormat::id).iterator();
    }
  }

  ValidateCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    Path dir = template;
    if (dir != null) {
      SchoolTemplate.writeExample(dir);
      io.out().println("example school template written to " + dir.toAbsolutePath());
      return 0;
    }
    String p = path;
    if (p == null) {
      return error("give the export to check: a folder of CSV files or a zip");
    }
    CsvImporter.Builder b = CsvImporter.builder().dateOrder(dateOrder);
    String f = format;
    if (f != null) {
      Optional<CsvFormat> parsed = CsvFormat.parse(f);
      if (parsed.isEmpty()) {
        return error(
            "unknown format "
                + f
                + "; one of "
                + Arrays.stream(CsvFormat.values())
                    .map(CsvFormat::id)
                    .collect(Collectors.joining(", ")));
      }
      b.format(parsed.get());
    }
    Path export = Path.of(p).toAbsolutePath().normalize();
    if (!Files.exists(export)) {
      return error("no such file or folder: " + export);
    }
    if (Files.isRegularFile(export)
        && !export.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
      return error(
          export
              + " is a single file: give the folder that holds the export's CSV files, or a zip"
              + " of them");
    }
    ImportResult r;
    try {
      r = b.build().read(export);
    } catch (SnapshotUnavailableException e) {
      return error(String.valueOf(e.getMessage()));
    }
    io.out().print(json ? r.toJson() + "\n" : r.report());
    io.out().flush();
    return r.hasErrors() ? 1 : 0;
  }

  private int error(String message) {
    if (json) {
      try {
        io.out().println(new ObjectMapper().writeValueAsString(Map.of("error", message)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a string map always writes", e);
      }
      io.out().flush();
    } else {
      io.err().println("error: " + message);
      io.err().flush();
    }
    return Commands.BAD_INPUT;
  }
}
