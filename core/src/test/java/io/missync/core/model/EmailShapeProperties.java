package io.missync.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written email check agrees exactly with the rule as a regular expression. */
class EmailShapeProperties {
  private static final Pattern MODEL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  @Provide
  Arbitrary<String> emailish() {
    return Arbitraries.strings().withChars("ab@. \t\n\u000bx").ofMinLength(0).ofMaxLength(9);
  }

  @Property(tries = 3000)
  void emailCheckMatchesTheModelsRule(@ForAll("emailish") String s) {
    assertEquals(MODEL.matcher(s).matches(), MatchKeys.isEmailAddress(s), () -> "[" + s + "]");
  }
}
