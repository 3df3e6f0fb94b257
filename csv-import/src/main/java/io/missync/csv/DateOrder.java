package io.missync.csv;

/**
 * How to read dates written with slashes ({@code 04/02/2010}). ISO dates ({@code 2010-02-04}) are
 * always read as ISO.
 */
public enum DateOrder {
  /**
   * Decide per file and column: a value whose first part is over 12 means day-first, a second part
   * over 12 means month-first. When every value could be either, the format's convention is used
   * (month-first for Microsoft SDS, day-first otherwise) and an {@code AMBIGUOUS_DATE} warning
   * names the column; when a column holds both, each value that could be either is dropped with a
   * warning.
   */
  AUTO,
  /** UK style: {@code d/M/yyyy}. */
  DAY_FIRST,
  /** US style: {@code M/d/yyyy}. */
  MONTH_FIRST
}
