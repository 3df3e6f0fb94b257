package io.missync.csv;

import io.missync.core.EntityType;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One problem found while reading an export: where it is (file, line, column), how bad it is, and
 * what was wrong. Messages name files, columns, rules and source ids, never a cell's value when it
 * may be personal data (names, emails, dates of birth).
 *
 * <p>An {@link Severity#ERROR} drops the whole row (the record is not imported); a {@link
 * Severity#WARNING} drops only the value (the record is imported without it) or notes a guess the
 * importer made (a header matched despite a typo, an encoding detected).
 *
 * @param severity ERROR drops the row, WARNING drops the value
 * @param kind what kind of problem
 * @param file the file name inside the export, or {@code ""} for the export as a whole
 * @param line the 1-based line where the row starts, or 0 for the file as a whole
 * @param column the column header as the standard names it, or null for the row or file
 * @param entityType the kind of record affected, or null
 * @param message a readable description
 * @param cause for a problem that follows from another (an enrollment of a student whose row was
 *     rejected, of a class the file marks tobedeleted), the {@linkplain #location() location} of
 *     the row that caused it, e.g. {@code Student.csv:12}; null for a problem of its own
 */
public record CsvProblem(
    Severity severity,
    Kind kind,
    String file,
    long line,
    @Nullable String column,
    @Nullable EntityType entityType,
    String message,
    @Nullable String cause) {

  /** A problem of its own (no cause). */
  public CsvProblem(
      Severity severity,
      Kind kind,
      String file,
      long line,
      @Nullable String column,
      @Nullable EntityType entityType,
      String message) {
    this(severity, kind, file, line, column, entityType, message, null);
  }

  /** Where a row is, as causes name it: {@code file:line}. */
  public static String rowLocation(String file, long line) {
    return file + ":" + line;
  }

  /** This problem's row, as a follow-on's {@link #cause()} names it; empty for a whole file. */
  public Optional<String> row() {
    return line > 0 ? Optional.of(rowLocation(file, line)) : Optional.empty();
  }

  /** True when this problem follows from another (see {@link #cause()}). */
  public boolean isFollowOn() {
    return cause != null;
  }

  /** How bad a problem is. */
  public enum Severity {
    /** The row was not imported. */
    ERROR,
    /** The row was imported without the value, or the importer guessed and says so. */
    WARNING
  }

  /** The kinds of problem. */
  public enum Kind {
    /** A file the format expects is not in the export; its entity types are ABSENT. */
    MISSING_FILE,
    /** A required column is not in the header; the file is not read. */
    MISSING_COLUMN,
    /** A header was matched despite a different case, spacing or a small typo. */
    HEADER_GUESSED,
    /** The file was not UTF-8 (decoded as Windows-1252) or held undecodable bytes. */
    ENCODING,
    /** The CSV structure is broken (a row too long, a quote never closed). */
    MALFORMED_CSV,
    /** A row has more or fewer cells than the header; extra non-empty cells are ignored. */
    CELL_COUNT,
    /** A required value is empty. */
    MISSING_VALUE,
    /** A value breaks a rule (not an email, not a UPN, not a date, unknown code). */
    INVALID_VALUE,
    /** A date could be read day-first or month-first. */
    AMBIGUOUS_DATE,
    /** A second record with an id already used by its type. */
    DUPLICATE_ID,
    /** A row names a record (user, class, org) that is not in the export. */
    UNKNOWN_REFERENCE,
    /** A OneRoster status or manifest entry that cannot be applied. */
    STATUS,
    /** The export's format could not be told, or a feature is not supported. */
    FORMAT,
    /**
     * A person holds a staff role and a guardian role (a member of staff who is a parent): imported
     * as a member of staff and as a contact naming that staff record (the same person).
     */
    TWO_ROLES,
    /** A user's role does not fit how a row uses them (a student enrolled as a teacher). */
    ROLE_MISMATCH
  }

  /** Where the problem is, e.g. {@code users.csv:12 [email]}. */
  public String location() {
    StringBuilder sb = new StringBuilder(file.isEmpty() ? "(export)" : file);
    if (line > 0) {
      sb.append(':').append(line);
    }
    if (column != null) {
      sb.append(" [").append(column).append(']');
    }
    return sb.toString();
  }

  public Optional<EntityType> type() {
    return Optional.ofNullable(entityType);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return severity
        + " "
        + location()
        + ": "
        + message
        + (cause == null ? "" : " (because of " + cause + ")");
  }
}
