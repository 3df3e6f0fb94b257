package io.missync.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.missync.core.Secret;
import io.missync.core.model.PersonRef;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class LoginCardsTest {

  @Test
  void formulaCellsAreNeutralised() {
    for (String bad : List.of("=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx")) {
      assertEquals("'" + bad, LoginCards.neutralise(bad));
    }
    for (String ok : List.of("", "Anne", "7A", "a=b", "'quoted")) {
      assertEquals(ok, LoginCards.neutralise(ok));
    }
  }

  @Test
  void formulasAfterLeadingSpacesOrALineFeedAreNeutralisedToo() {
    // importers that trim leading whitespace would otherwise see a formula
    for (String bad : List.of(" =1+1", "  @cmd", "\u00A0-2", "\n=x", " \tx")) {
      assertEquals("'" + bad, LoginCards.neutralise(bad));
    }
    // only prefixed when needed: a password like "apple-river" or a spaced name is unchanged
    for (String ok : List.of(" Anne", "apple-river-cloud7", "   ", "7 = 7")) {
      assertEquals(ok, LoginCards.neutralise(ok));
    }
  }

  @Test
  void writesQuotedNeutralisedCardsWithBom() {
    StringWriter w = new StringWriter();
    LoginCards.write(
        List.of(
            new LoginCard(
                PersonRef.student("S1"),
                "=HYPERLINK(\"x\")",
                "7A",
                "amy.a",
                Secret.of("-pa,ss\"word")),
            new LoginCard(PersonRef.staff("T1"), "Tess One", null, "@tess", Secret.of("plain"))),
        w);
    String s = w.toString();
    assertTrue(s.startsWith("\uFEFF\"Name\",\"Group\""), s);
    List<CsvRecord> rows;
    try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(s.substring(1))) {
      rows = r.stream().collect(Collectors.toList());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertEquals(3, rows.size());
    assertEquals(
        List.of("'=HYPERLINK(\"x\")", "7A", "amy.a", "'-pa,ss\"word", "S1"),
        rows.get(1).getFields());
    assertEquals(List.of("Tess One", "", "'@tess", "plain", "T1"), rows.get(2).getFields());
    for (String line : s.split("\r\n")) {
      assertFalse(line.startsWith("=") || line.contains(",=") || line.contains(",\"="), line);
    }
  }

  @Test
  void cardsNeverPrintTheirSecrets() {
    LoginCard c = new LoginCard(PersonRef.student("S1"), "Amy", "7A", "amy.a", Secret.of("pw1"));
    assertEquals("LoginCard[student:S1]", c.toString());
  }

  @Property
  void noNeutralisedCellStartsAFormula(@ForAll String cell) {
    String n = LoginCards.neutralise(cell);
    assertTrue(n.isEmpty() || "=+-@\t\r\n".indexOf(n.charAt(0)) < 0);
    // not even after leading spaces, unless behind the apostrophe
    String trimmed = n.replaceFirst("^[ \u00A0]+", "");
    assertTrue(n.startsWith("'") || trimmed.isEmpty() || "=+-@".indexOf(trimmed.charAt(0)) < 0, n);
    assertTrue(n.equals(cell) || n.equals("'" + cell));
  }
}
