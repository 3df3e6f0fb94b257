package io.missync.csv;

import io.missync.core.spi.SnapshotUnavailableException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Command-line validator: reads an export (folder or zip), detects its format and prints counts,
 * completeness and every problem with its location. Exit code 0 when the export has no errors, 1
 * when rows or files were rejected, 2 on bad arguments or an unreadable export.
 *
 * <pre>
 * usage: CsvValidator [--json] [--format ID] [--date-order AUTO|DAY_FIRST|MONTH_FIRST]
 *                     [--school ORG_ID] PATH
 *        CsvValidator --write-template DIR
 * </pre>
 */
public final class CsvValidator {
  private CsvValidator() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int code = run(args, out, err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs the validator; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    boolean json = false;
    CsvImporter.Builder b = CsvImporter.builder();
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--json":
          json = true;
          break;
        case "--format":
          {
            if (i + 1 >= args.length) {
              return usage(err, "--format needs a value");
            }
            Optional<CsvFormat> f = CsvFormat.parse(args[++i]);
            if (f.isEmpty()) {
              return usage(err, "unknown format; one of " + formats());
            }
            b.format(f.get());
            break;
          }
        case "--date-order":
          {
            if (i + 1 >= args.length) {
              return usage(err, "--date-order needs a value");
            }
            try {
              b.dateOrder(DateOrder.valueOf(args[++i].toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
              return usage(err, "date order must be AUTO, DAY_FIRST or MONTH_FIRST");
            }
            break;
          }
        case "--school":
          if (i + 1 >= args.length) {
            return usage(err, "--school needs an org id");
          }
          b.school(args[++i]);
          break;
        case "--write-template":
          if (i + 1 >= args.length) {
            return usage(err, "--write-template needs a folder");
          }
          Path dir = Path.of(args[++i]);
          SchoolTemplate.writeExample(dir);
          out.println("example school template written to " + dir);
          return 0;
        case "--help":
        case "-h":
          usage(out, null);
          return 0;
        default:
          if (a.startsWith("--")) {
            return usage(err, "unknown option " + a);
          }
          paths.add(a);
      }
    }
    if (paths.size() != 1) {
      return usage(err, "give exactly one folder or zip");
    }
    ImportResult r;
    try {
      r = b.build().read(Path.of(paths.get(0)));
    } catch (SnapshotUnavailableException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    out.print(json ? r.toJson() + "\n" : r.report());
    return r.hasErrors() ? 1 : 0;
  }

  private static String formats() {
    StringBuilder sb = new StringBuilder();
    for (CsvFormat f : CsvFormat.values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(f.id());
    }
    return sb.toString();
  }

  private static int usage(PrintStream s, @org.jspecify.annotations.Nullable String problem) {
    if (problem != null) {
      s.println("error: " + problem);
    }
    s.println(
        "usage: CsvValidator [--json] [--format "
            + formats()
            + "] [--date-order AUTO|DAY_FIRST|MONTH_FIRST] [--school ORG_ID] FOLDER_OR_ZIP");
    s.println("       CsvValidator --write-template FOLDER");
    return problem == null ? 0 : 2;
  }
}
