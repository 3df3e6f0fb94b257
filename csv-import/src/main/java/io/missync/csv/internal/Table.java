package io.missync.csv.internal;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.missync.core.EntityType;
import io.missync.csv.CsvProblem.Kind;
import io.missync.csv.DateOrder;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * One CSV file read as rows of a {@link Schema}, streaming. Opening detects the encoding (a UTF-8
 * or UTF-16 BOM, else UTF-8 if the first 4 MiB decode as UTF-8, else Windows-1252), the separator
 * (comma, semicolon or tab, from the header line) and maps the header to the schema's columns
 * (exact, alias, then case/spacing or a small typo with a warning). Cells are trimmed; a missing
 * column reads as empty.
 */
public final class Table implements Closeable {
  static final int SNIFF_BYTES = 4 << 20;
  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private final Input input;
  private final String file;
  private final Schema schema;
  private final EntityType type;
  private final Problems problems;
  private final DateOrder dateOrder;
  private final DateOrder conventionalOrder;
  private final CsvReader<CsvRecord> reader;
  private final Iterator<CsvRecord> rows;
  private final int[] col;
  private final int headerWidth;
  private final DateOrder[] resolved;
  private final boolean[] dateConflict;

  /** Per column: a value contradicting the forced date order was reported (once per column). */
  private final boolean[] contradicted;

  private @Nullable CsvRecord rec;
  private int cellCount;
  private final String[] lastDateText;
  private final @Nullable LocalDate[] lastDate;
  private long line;
  private boolean failed;

  private Table(
      Input input,
      String file,
      Schema schema,
      EntityType type,
      Problems problems,
      DateOrder dateOrder,
      DateOrder conventionalOrder,
      CsvReader<CsvRecord> reader,
      Iterator<CsvRecord> rows,
      int[] col,
      int headerWidth) {
    this.input = input;
    this.file = file;
    this.schema = schema;
    this.type = type;
    this.problems = problems;
    this.dateOrder = dateOrder;
    this.conventionalOrder = conventionalOrder;
    this.reader = reader;
    this.rows = rows;
    this.col = col;
    this.headerWidth = headerWidth;
    this.resolved = new DateOrder[schema.size()];
    Arrays.fill(resolved, dateOrder);
    this.dateConflict = new boolean[schema.size()];
    this.contradicted = new boolean[schema.size()];
    this.lastDateText = new String[schema.size()];
    Arrays.fill(lastDateText, "");
    this.lastDate = new LocalDate[schema.size()];
  }

  /**
   * Opens {@code file} of the export, or returns null (with the problem recorded) when it cannot be
   * read at all: empty, no header, or a required column missing.
   */
  public static @Nullable Table open(
      Input input,
      String file,
      Schema schema,
      EntityType type,
      Problems problems,
      DateOrder dateOrder,
      DateOrder conventionalOrder) {
    try {
      Charset cs;
      int bom;
      byte[] head;
      try (InputStream in = input.open(file)) {
        head = in.readNBytes(SNIFF_BYTES);
      }
      if (head.length >= 3
          && (head[0] & 0xff) == 0xEF
          && (head[1] & 0xff) == 0xBB
          && (head[2] & 0xff) == 0xBF) {
        cs = StandardCharsets.UTF_8;
        bom = 3;
      } else if (head.length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
        // Excel's "Unicode text" export
        cs = StandardCharsets.UTF_16LE;
        bom = 2;
      } else if (head.length >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
        cs = StandardCharsets.UTF_16BE;
        bom = 2;
      } else if (isUtf8(head, head.length == SNIFF_BYTES)) {
        cs = StandardCharsets.UTF_8;
        bom = 0;
      } else {
        cs = WINDOWS_1252;
        bom = 0;
        problems.warn(
            Kind.ENCODING,
            file,
            0,
            null,
            type,
            "file is not UTF-8; read as Windows-1252 (save as \"CSV UTF-8\" to avoid this)");
      }
      InputStream in = input.open(file);
      if (in.skip(bom) != bom) {
        in.close();
        throw new IOException("short read");
      }
      CharsetDecoder dec =
          cs.newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      BufferedReader br = new BufferedReader(new InputStreamReader(in, dec), 1 << 16);
      char sep = separator(br);
      CsvReader<CsvRecord> reader =
          CsvReader.builder()
              .fieldSeparator(sep)
              .ignoreDifferentFieldCount(true)
              .skipEmptyLines(true)
              .detectBomHeader(false)
              .ofCsvRecord(br);
      Iterator<CsvRecord> rows = reader.iterator();
      if (!rows.hasNext()) {
        reader.close();
        problems.error(Kind.MALFORMED_CSV, file, 0, null, type, "file is empty (no header row)");
        return null;
      }
      CsvRecord header = rows.next();
      int width = header.getFieldCount();
      while (width > 0 && header.getField(width - 1).isBlank()) {
        width--;
      }
      int[] col = mapHeader(header, width, schema, file, type, problems);
      boolean noRows = !rows.hasNext();
      for (int i = 0; i < col.length; i++) {
        if (col[i] < 0 && schema.required[i] && noRows) {
          // a file with no rows loses nothing, whatever its header (an older version's, say)
          problems.warn(
              Kind.MISSING_COLUMN,
              file,
              header.getStartingLineNumber(),
              schema.names[i],
              null,
              "required column '"
                  + schema.names[i]
                  + "' is missing, but the file has no rows: nothing is lost");
          break;
        }
        if (col[i] < 0 && schema.required[i]) {
          reader.close();
          problems.error(
              Kind.MISSING_COLUMN,
              file,
              header.getStartingLineNumber(),
              schema.names[i],
              type,
              "required column '" + schema.names[i] + "' is missing; no row of this file was read");
          return null;
        }
      }
      return new Table(
          input,
          file,
          schema,
          type,
          problems,
          dateOrder,
          conventionalOrder,
          reader,
          rows,
          col,
          width);
    } catch (IOException | UncheckedIOException | CsvParseException e) {
      problems.error(
          Kind.MALFORMED_CSV, file, 0, null, type, "file could not be read: " + describe(e));
      return null;
    }
  }

  private static String describe(Exception e) {
    // never the parser's message: it may quote a cell
    Throwable c = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    if (c instanceof java.nio.charset.CharacterCodingException) {
      return "bytes that are not valid in the detected encoding";
    }
    return c.getClass().getSimpleName();
  }

  private static boolean isUtf8(byte[] b, boolean truncated) {
    CharsetDecoder d =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult r = d.decode(in, out, !truncated);
      if (r.isError()) {
        return false;
      }
      if (r.isOverflow()) {
        out.clear();
        continue;
      }
      if (!truncated) {
        r = d.flush(out);
        return !r.isError();
      }
      return true;
    }
  }

  /** The separator with most occurrences outside quotes in the first line: , ; or tab. */
  private static char separator(BufferedReader br) throws IOException {
    br.mark(1 << 16);
    int comma = 0;
    int semi = 0;
    int tab = 0;
    boolean quoted = false;
    for (int i = 0; i < (1 << 16) - 1; i++) {
      int c = br.read();
      if (c < 0 || (!quoted && (c == '\n' || c == '\r'))) {
        break;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        if (c == ',') {
          comma++;
        } else if (c == ';') {
          semi++;
        } else if (c == '\t') {
          tab++;
        }
      }
    }
    br.reset();
    if (semi > comma && semi >= tab) {
      return ';';
    }
    if (tab > comma && tab > semi) {
      return '\t';
    }
    return ',';
  }

  private static int[] mapHeader(
      CsvRecord header, int width, Schema s, String file, EntityType type, Problems p) {
    int[] col = new int[s.size()];
    Arrays.fill(col, -1);
    String[] raw = new String[width];
    String[] folded = new String[width];
    for (int h = 0; h < width; h++) {
      raw[h] = header.getField(h).strip();
      folded[h] = Text.fold(raw[h]);
    }
    boolean[] used = new boolean[width];
    long line = header.getStartingLineNumber();
    // pass 1: exact names and aliases; pass 2: folded (case, spacing); pass 3: small typos
    for (int pass = 1; pass <= 3; pass++) {
      for (int c = 0; c < s.size(); c++) {
        if (col[c] >= 0) {
          continue;
        }
        for (int h = 0; h < width && col[c] < 0; h++) {
          if (used[h] || raw[h].isEmpty()) {
            continue;
          }
          for (String name : s.aliases.get(c)) {
            boolean hit;
            if (pass == 1) {
              hit = raw[h].equals(name);
            } else if (pass == 2) {
              hit = folded[h].equals(Text.fold(name));
            } else {
              String f = Text.fold(name);
              int max = f.length() >= 9 ? 2 : f.length() >= 4 ? 1 : 0;
              hit = max > 0 && Text.distance(folded[h], f, max) <= max;
            }
            if (hit) {
              col[c] = h;
              used[h] = true;
              if (pass > 1) {
                p.warn(
                    Kind.HEADER_GUESSED,
                    file,
                    line,
                    s.names[c],
                    type,
                    "header '"
                        + raw[h]
                        + "' (column "
                        + (h + 1)
                        + ") read as '"
                        + name
                        + "'"
                        + (pass == 2 ? " (case or spacing differs)" : " (looks like a typo)"));
              }
              break;
            }
          }
        }
      }
    }
    return col;
  }

  /** Moves to the next non-blank row; false at the end (or when the rest cannot be read). */
  public boolean next() {
    if (failed) {
      return false;
    }
    try {
      while (rows.hasNext()) {
        CsvRecord r = rows.next();
        line = r.getStartingLineNumber();
        int n = r.getFieldCount();
        boolean blank = true;
        for (int i = 0; i < n && blank; i++) {
          blank = r.getField(i).isBlank();
        }
        if (blank) {
          continue;
        }
        rec = r;
        cellCount = n;
        if (n > headerWidth) {
          for (int i = headerWidth; i < n; i++) {
            if (!r.getField(i).isBlank()) {
              problems.warn(
                  Kind.CELL_COUNT,
                  file,
                  line,
                  null,
                  type,
                  "row has "
                      + n
                      + " cells but the header has "
                      + headerWidth
                      + "; cells after column "
                      + headerWidth
                      + " ignored");
              break;
            }
          }
        }
        return true;
      }
      return false;
    } catch (UncheckedIOException | CsvParseException e) {
      failed = true;
      problems.error(
          Kind.MALFORMED_CSV,
          file,
          line + 1,
          null,
          type,
          "reading stopped after line " + line + ": " + describe(e) + "; later rows were not read");
      return false;
    }
  }

  /** True when the file could not be read to its end (rows after the failure are missing). */
  public boolean failed() {
    return failed;
  }

  public long line() {
    return line;
  }

  public String file() {
    return file;
  }

  public EntityType type() {
    return type;
  }

  public Problems problems() {
    return problems;
  }

  /** True when the header has this column. */
  public boolean has(int c) {
    return col[c] >= 0;
  }

  /** The trimmed cell, or {@code ""} when the column or cell is missing. */
  public String get(int c) {
    int i = col[c];
    CsvRecord r = rec;
    if (i < 0 || i >= cellCount || r == null) {
      return "";
    }
    return r.getField(i).strip();
  }

  public @Nullable String opt(int c) {
    String s = get(c);
    return s.isEmpty() ? null : s;
  }

  public String column(int c) {
    return schema.names[c];
  }

  /** An error for this row in column {@code c}: the row is dropped. */
  public void error(Kind kind, int c, String message) {
    problems.error(kind, file, line, c < 0 ? null : schema.names[c], type, message);
  }

  /** An error for this row that follows from the row at {@code cause} ({@code file:line}). */
  public void errorBecause(Kind kind, int c, String message, String cause) {
    problems.errorBecause(kind, file, line, c < 0 ? null : schema.names[c], type, message, cause);
  }

  /**
   * A warning for this row, left out because the row at {@code cause} says its record is to be
   * dropped; completeness is kept.
   */
  public void warnBecause(Kind kind, int c, String message, String cause) {
    problems.warnBecause(kind, file, line, c < 0 ? null : schema.names[c], type, message, cause);
  }

  /** This row's location, as a follow-on's cause names it: {@code file:line}. */
  public String here() {
    return io.missync.csv.CsvProblem.rowLocation(file, line);
  }

  /** A warning for this row in column {@code c}: the value is dropped. */
  public void warn(Kind kind, int c, String message) {
    problems.warn(kind, file, line, c < 0 ? null : schema.names[c], type, message);
  }

  /** A date cell (ISO, d/M/yyyy or M/d/yyyy); null (with a warning) when it cannot be read. */
  public @Nullable LocalDate date(int c) {
    String s = get(c);
    if (s.isEmpty()) {
      return null;
    }
    if (s.equals(lastDateText[c])) {
      return lastDate[c];
    }
    LocalDate d = parseDate(c, s);
    if (d != null) {
      lastDateText[c] = s;
      lastDate[c] = d;
    }
    return d;
  }

  private @Nullable LocalDate parseDate(int c, String s) {
    int[] p = parts(s);
    if (p == null) {
      warn(Kind.INVALID_VALUE, c, "not a date (expected yyyy-MM-dd or d/M/yyyy); value dropped");
      return null;
    }
    try {
      if (p[3] == 1) {
        return LocalDate.of(p[0], p[1], p[2]);
      }
      int a = p[0];
      int b = p[1];
      int y = p[2];
      boolean ambiguous = a <= 12 && b <= 12 && a != b;
      DateOrder order = resolved[c];
      if (order == DateOrder.AUTO) {
        order = sniff(c);
        resolved[c] = order;
      }
      if (dateConflict[c] && ambiguous) {
        warn(
            Kind.AMBIGUOUS_DATE,
            c,
            "date could be day-first or month-first and this column holds both; value dropped");
        return null;
      }
      if (dateConflict[c]) {
        return a > 12 ? LocalDate.of(y, b, a) : LocalDate.of(y, a, b);
      }
      if (dateOrder != DateOrder.AUTO && !contradicted[c]) {
        boolean onlyOther =
            dateOrder == DateOrder.DAY_FIRST ? a <= 12 && b > 12 : b <= 12 && a > 12;
        if (onlyOther) {
          contradicted[c] = true;
          problems.warn(
              Kind.AMBIGUOUS_DATE,
              file,
              line,
              schema.names[c],
              type,
              "the date order was set to "
                  + dateOrder
                  + " but this column holds dates that can only be "
                  + (dateOrder == DateOrder.DAY_FIRST ? "MONTH_FIRST" : "DAY_FIRST")
                  + " (first here): its dates that could be either are probably read with day"
                  + " and month swapped; check the date order");
        }
      }
      return order == DateOrder.MONTH_FIRST ? LocalDate.of(y, a, b) : LocalDate.of(y, b, a);
    } catch (DateTimeException e) {
      warn(
          Kind.INVALID_VALUE,
          c,
          "not a valid date"
              + (resolved[c] == DateOrder.MONTH_FIRST
                  ? " read month-first (M/d/yyyy)"
                  : resolved[c] == DateOrder.DAY_FIRST ? " read day-first (d/M/yyyy)" : "")
              + "; value dropped");
      return null;
    }
  }

  /** {y, m, d, 1} for ISO; {a, b, y, 0} for a/b/yyyy; null otherwise. */
  static int @Nullable [] parts(String s) {
    if (s.length() >= 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
      String d = s.substring(0, 10);
      if (s.length() > 10 && s.charAt(10) != 'T' && s.charAt(10) != ' ') {
        return null;
      }
      try {
        return new int[] {
          Integer.parseInt(d.substring(0, 4)),
          Integer.parseInt(d.substring(5, 7)),
          Integer.parseInt(d.substring(8, 10)),
          1
        };
      } catch (NumberFormatException e) {
        return null;
      }
    }
    String[] bits = s.split("[/.-]");
    if (bits.length != 3 || bits[2].length() != 4 || bits[0].length() > 2 || bits[1].length() > 2) {
      return null;
    }
    try {
      return new int[] {
        Integer.parseInt(bits[0]), Integer.parseInt(bits[1]), Integer.parseInt(bits[2]), 0
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Re-reads this column of the file to decide the date order (AUTO). */
  private DateOrder sniff(int c) {
    boolean dayFirst = false;
    boolean monthFirst = false;
    Problems quiet = new Problems(0);
    Table again = open(input, file, schema, type, quiet, DateOrder.DAY_FIRST, DateOrder.DAY_FIRST);
    if (again != null) {
      try (again) {
        while (again.next() && !(dayFirst && monthFirst)) {
          int[] p = parts(again.get(c));
          if (p != null && p[3] == 0) {
            dayFirst |= p[0] > 12 && p[1] <= 12;
            monthFirst |= p[1] > 12 && p[0] <= 12;
          }
        }
      }
    }
    if (dayFirst && monthFirst) {
      dateConflict[c] = true;
      problems.warn(
          Kind.AMBIGUOUS_DATE,
          file,
          0,
          schema.names[c],
          type,
          "column holds both day-first and month-first dates; dates that could be either are"
              + " dropped");
      return conventionalOrder;
    }
    if (dayFirst) {
      return DateOrder.DAY_FIRST;
    }
    if (monthFirst) {
      return DateOrder.MONTH_FIRST;
    }
    problems.warn(
        Kind.AMBIGUOUS_DATE,
        file,
        0,
        schema.names[c],
        type,
        "every date in this column could be day-first or month-first; read as "
            + (conventionalOrder == DateOrder.MONTH_FIRST ? "M/d/yyyy" : "d/M/yyyy")
            + " (the format's convention); set the date order to confirm");
    return conventionalOrder;
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The configured date order (AUTO, DAY_FIRST or MONTH_FIRST). */
  public DateOrder dateOrder() {
    return dateOrder;
  }
}
