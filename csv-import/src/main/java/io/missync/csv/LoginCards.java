package io.missync.csv;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the credentials issued to new accounts as a CSV for the school to print or mail-merge.
 * Spreadsheets run a cell that starts with {@code = + - @}, a tab or a carriage return as a
 * formula, so every such cell is written with a leading apostrophe (which Excel and Google Sheets
 * treat as "text" and do not display); every cell is quoted. The file starts with a UTF-8 BOM so
 * Excel shows accented names correctly.
 */
public final class LoginCards {
  static final String[] HEADER = {"Name", "Group", "Username", "Password", "Person ID"};

  private LoginCards() {}

  /** The cell made safe to open in a spreadsheet. */
  public static String neutralise(String cell) {
    if (cell.isEmpty()) {
      return cell;
    }
    char c = cell.charAt(0);
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
      return "'" + cell;
    }
    return cell;
  }

  /** Writes the cards to {@code file}. */
  public static void write(Iterable<LoginCard> cards, Path file) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(cards, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the cards to {@code out} (not closed). */
  public static void write(Iterable<LoginCard> cards, Writer out) {
    try {
      out.write('\uFEFF');
      CsvWriter w =
          CsvWriter.builder()
              .lineDelimiter(LineDelimiter.CRLF)
              .quoteStrategy(QuoteStrategies.ALWAYS)
              .build(
                  new java.io.FilterWriter(out) {
                    @Override
                    public void close() throws IOException {
                      flush();
                    }
                  });
      w.writeRecord(HEADER);
      for (LoginCard c : cards) {
        String password = c.initialPassword().reveal();
        w.writeRecord(
            neutralise(c.displayName()),
            neutralise(c.groupName().orElse("")),
            neutralise(c.username()),
            neutralise(password),
            neutralise(c.person().id()));
      }
      w.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
