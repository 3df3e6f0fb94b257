package io.missync.testkit.gen;

/**
 * The shape of a generated school.
 *
 * @param phase primary (Reception to Year 6) or secondary (Year 7 to Year 13)
 * @param students the number of students
 * @param staff the number of staff
 * @param formsPerYear registration groups per year (1 to 3)
 * @param labelStyle how the MIS labels year groups ({@code 0}: "Year 6", {@code 1}: "Y6", {@code
 *     2}: "6", {@code 3}: "Yr6", {@code 4}: mixed)
 * @param seed drives every other choice (names, families, dates, memberships)
 */
public record SchoolShape(
    Phase phase, int students, int staff, int formsPerYear, int labelStyle, long seed) {
  public SchoolShape {
    if (students < 0 || staff < 0 || formsPerYear < 1 || formsPerYear > 3) {
      throw new IllegalArgumentException("bad school shape");
    }
  }

  /** Primary or secondary. */
  public enum Phase {
    PRIMARY(0, 6),
    SECONDARY(7, 13);

    final int firstYear;
    final int lastYear;

    Phase(int firstYear, int lastYear) {
      this.firstYear = firstYear;
      this.lastYear = lastYear;
    }
  }
}
