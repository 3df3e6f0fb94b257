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
 * Writes the credentials issued to new accounts as a CSV for the school to print or mail-merge. The
 * file starts with a UTF-8 BOM so Excel shows accented names correctly, every cell is quoted, and
 * records end with CRLF.
 *
 * <p><b>Formula injection.</b> Spreadsheets run a cell that starts with {@code = + - @} as a
 * formula (quoting does not prevent it), and some also after a leading tab, carriage return or line
 * feed, or after leading spaces they trim. A cell is therefore prefixed with an apostrophe when,
 * and only when, it starts with one of those characters or with spaces followed by one of them;
 * every other cell is written unchanged. The apostrophe is the neutralisation OWASP recommends:
 * Excel and Google Sheets read it as "text" and do not display it. LibreOffice Calc does not run
 * formulas when opening a CSV by default, but shows the apostrophe literally, as does anything that
 * reads the file as data (a Word mail merge, a script). Invisible alternatives (a zero-width space
 * or a BOM before the cell) were rejected: a child typing or pasting a password from the card would
 * carry a character they cannot see. The passwords of the built-in generators never start with one
 * of these characters; usernames only do when the MIS name does. If your product's own credentials
 * can, tell schools to open the file in Excel or Google Sheets, or strip the leading apostrophe
 * from cells that need it in their mail merge.
 */
public final class LoginCards {
  static final String[] HEADER = {"Name", "Group", "Username", "Password", "Person ID"};

  private LoginCards() {}

  /**
   * The cell made safe to open in a spreadsheet: prefixed with an apostrophe when it starts with
   * {@code = + - @}, a tab, a carriage return or a line feed, possibly after spaces; otherwise
   * unchanged.
   */
  public static String neutralise(String cell) {
    return startsFormula(cell) ? "'" + cell : cell;
  }

  private static boolean startsFormula(String cell) {
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n') {
        return true;
      }
      if (c != ' ' && c != '\u00A0') {
        return false;
      }
    }
    return false;
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
