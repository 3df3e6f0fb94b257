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

/**
 * A CSV file being written: UTF-8 without BOM, CRLF, quotes only where needed (a cell holding the
 * separator, a quote, CR or LF is quoted, quotes doubled, as RFC 4180 says).
 */
public final class Out implements Closeable {
  private final CsvWriter w;
  private final boolean oneLine;

  private Out(CsvWriter w, boolean oneLine) {
    this.w = w;
    this.oneLine = oneLine;
  }

  public static Out create(Path file, String... header) {
    return create(file, false, header);
  }

  /**
   * A file for line-based consumers: every line break in a cell (CR, LF, CRLF, and the Unicode line
   * and paragraph separators, NEL, VT and FF) becomes one space, so each record is exactly one
   * physical line.
   */
  public static Out createOneLine(Path file, String... header) {
    return create(file, true, header);
  }

  private static Out create(Path file, boolean oneLine, String... header) {
    try {
      Out o =
          new Out(
              CsvWriter.builder()
                  .lineDelimiter(LineDelimiter.CRLF)
                  .build(file, StandardCharsets.UTF_8),
              oneLine);
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
      c[i] = s == null ? "" : oneLine ? oneLine(s) : s;
    }
    w.writeRecord(c);
  }

  /** The text with each run of line breaks replaced by one space. */
  public static String oneLine(String s) {
    int i = 0;
    while (i < s.length() && !isBreak(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length()).append(s, 0, i);
    boolean inBreak = false;
    for (; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (isBreak(ch)) {
        if (!inBreak) {
          b.append(' ');
        }
        inBreak = true;
      } else {
        b.append(ch);
        inBreak = false;
      }
    }
    return b.toString();
  }

  private static boolean isBreak(char ch) {
    return ch == '\n'
        || ch == '\r'
        || ch == '\u000B'
        || ch == '\u000C'
        || ch == '\u0085'
        || ch == '\u2028'
        || ch == '\u2029';
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
