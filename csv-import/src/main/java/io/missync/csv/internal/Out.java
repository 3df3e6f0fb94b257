package io.missync.csv.internal;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A CSV file being written: UTF-8 without BOM, CRLF, quotes only where needed. */
public final class Out implements Closeable {
  private final CsvWriter w;

  private Out(CsvWriter w) {
    this.w = w;
  }

  public static Out create(Path file, String... header) {
    try {
      Out o =
          new Out(
              CsvWriter.builder()
                  .lineDelimiter(LineDelimiter.CRLF)
                  .build(file, StandardCharsets.UTF_8));
      o.row(header);
      return o;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void row(@Nullable String... cells) {
    String[] c = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      String s = cells[i];
      c[i] = s == null ? "" : s;
    }
    w.writeRecord(c);
  }

  public static String s(Optional<String> o) {
    return o.orElse("");
  }

  public static String d(Optional<LocalDate> o) {
    return o.map(LocalDate::toString).orElse("");
  }

  @Override
  public void close() {
    try {
      w.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
