package io.missync.csv;

import io.missync.core.model.MisSnapshot;
import io.missync.csv.internal.Writers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a snapshot back out in one of the CSV formats (UTF-8, CRLF, RFC 4180 quoting). Each format
 * carries less than the model; what is lost is listed per format in the csv-import README section.
 * A type that is not COMPLETE is never written as a bulk OneRoster file (it is written as a delta,
 * or absent), so a re-import cannot mistake a partial export for the whole school.
 *
 * <p>These files are meant for machines. Files a person opens in a spreadsheet (login cards) are
 * written by {@link LoginCards}, which neutralises formulas.
 */
public final class CsvExporter {
  private CsvExporter() {}

  /** Writes {@code snapshot} into {@code dir} (created if needed) in {@code format}. */
  public static void write(MisSnapshot snapshot, CsvFormat format, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    switch (format) {
      case ONEROSTER_1_1:
        Writers.oneRoster(snapshot, dir, false);
        break;
      case ONEROSTER_1_2:
        Writers.oneRoster(snapshot, dir, true);
        break;
      case SDS_CLASSIC_UK:
        Writers.sdsClassic(snapshot, dir, true);
        break;
      case SDS_CLASSIC_US:
        Writers.sdsClassic(snapshot, dir, false);
        break;
      case SDS_V2_1:
      case SDS_V2_0: // written as v2.1, its successor
        Writers.sdsV21(snapshot, dir);
        break;
      case SCHOOL_TEMPLATE:
      default:
        Writers.template(snapshot, dir);
    }
  }
}
