package io.missync.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TextRecordsTest {

  @Provide
  Arbitrary<List<List<String>>> documents() {
    Arbitrary<String> field =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(6),
            Arbitraries.strings().withChars("\\\t\n\rN0t \u0000é😀").ofMaxLength(6),
            Arbitraries.just(null));
    return field.list().ofMinSize(1).ofMaxSize(4).list().ofMaxSize(5);
  }

  @Property(tries = 500)
  void everyDocumentReadsBackAsWritten(@ForAll("documents") List<List<String>> records) {
    String text = TextRecords.write(records);
    assertEquals(records, TextRecords.read(text));
    assertEquals(-1, text.indexOf('\u0000'), "no U+0000 reaches the database");
  }

  @Test
  void theFormIsTheDocumentedOne() {
    List<List<String>> rs = new ArrayList<>();
    rs.add(Arrays.asList("A", null, "", "x\ty\\z\nw"));
    rs.add(Arrays.asList(""));
    assertEquals("A\t\\N\t\tx\\ty\\\\z\\nw\n\n", TextRecords.write(rs));
    assertEquals("", TextRecords.write(List.of()));
    assertEquals(List.of(), TextRecords.read(""));
  }

  @Test
  void malformedTextIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> TextRecords.read("no line feed"));
    assertThrows(IllegalArgumentException.class, () -> TextRecords.read("bad \\q escape\n"));
    assertThrows(IllegalArgumentException.class, () -> TextRecords.read("x\\N\n"));
    assertThrows(IllegalArgumentException.class, () -> TextRecords.read("\\Nx\n"));
  }
}
