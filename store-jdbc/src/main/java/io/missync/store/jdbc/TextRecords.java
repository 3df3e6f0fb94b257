package io.missync.store.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The small text form store-jdbc uses for values that live in one column (an account's fields and
 * memberships, a held plan's reasons and statistics, the state update of a journal entry, an audit
 * event's details). No JSON library is allowed at runtime, so this is written and read here.
 *
 * <p>The form, version 1:
 *
 * <ul>
 *   <li>A document is zero or more records; every record ends with a line feed ({@code \n}), so the
 *       empty document has no records and {@code "\n"} is one record holding one empty field.
 *   <li>The fields of a record are separated by a tab ({@code \t}).
 *   <li>Inside a field, a backslash is written {@code \\}, a tab {@code \t}, a line feed {@code
 *       \n}, a carriage return {@code \r} and U+0000 {@code \0} (PostgreSQL text cannot hold
 *       U+0000).
 *   <li>A field that is exactly {@code \N} is null (as in PostgreSQL's COPY text format).
 * </ul>
 *
 * <p>The first field of a record is usually a tag saying what the record is (see {@link Codecs}).
 */
final class TextRecords {
  private TextRecords() {}

  static final String NULL = "\\N";

  /** Writes records. */
  static String write(List<? extends List<? extends @Nullable String>> records) {
    StringBuilder sb = new StringBuilder();
    for (List<? extends @Nullable String> r : records) {
      for (int i = 0; i < r.size(); i++) {
        if (i > 0) {
          sb.append('\t');
        }
        escape(sb, r.get(i));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static void escape(StringBuilder sb, @Nullable String field) {
    if (field == null) {
      sb.append(NULL);
      return;
    }
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\0' -> sb.append("\\0");
        default -> sb.append(c);
      }
    }
  }

  /**
   * Reads records.
   *
   * @throws IllegalArgumentException if the text is not in the form (names the position only)
   */
  static List<List<@Nullable String>> read(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    if (text.charAt(text.length() - 1) != '\n') {
      throw new IllegalArgumentException("record text does not end with a line feed");
    }
    List<List<@Nullable String>> out = new ArrayList<>();
    List<@Nullable String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean isNull = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        if (i + 1 >= text.length()) {
          throw new IllegalArgumentException("dangling escape at " + i);
        }
        char n = text.charAt(++i);
        switch (n) {
          case '\\' -> field.append('\\');
          case 't' -> field.append('\t');
          case 'n' -> field.append('\n');
          case 'r' -> field.append('\r');
          case '0' -> field.append('\0');
          case 'N' -> {
            if (field.length() > 0 || isNull) {
              throw new IllegalArgumentException("misplaced null marker at " + i);
            }
            isNull = true;
          }
          default -> throw new IllegalArgumentException("unknown escape at " + i);
        }
      } else if (c == '\t' || c == '\n') {
        record.add(isNull ? null : field.toString());
        field.setLength(0);
        isNull = false;
        if (c == '\n') {
          out.add(Collections.unmodifiableList(record));
          record = new ArrayList<>();
        }
      } else {
        if (isNull) {
          throw new IllegalArgumentException("text after a null marker at " + i);
        }
        field.append(c);
      }
    }
    return out;
  }
}
