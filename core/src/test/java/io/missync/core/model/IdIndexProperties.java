package io.missync.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** IdIndex agrees with a HashMap under any sequence of puts and removes, colliding hashes too. */
class IdIndexProperties {
  // "Aa" and "BB" have the same hashCode, so these ids collide in whole or in part
  private static final List<String> PARTS = List.of("Aa", "BB", "x", "C#", "Bb");

  private static String id(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      sb.append(PARTS.get(n % PARTS.size()));
      n /= PARTS.size();
    }
    return sb.append(n).toString();
  }

  @Property(tries = 300)
  void agreesWithAHashMap(
      @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 5_000) Integer> ops,
      @ForAll @IntRange(min = 0, max = 40) int expected) {
    IdIndex index = new IdIndex(expected);
    Map<String, Integer> model = new HashMap<>();
    IdIndex snapshot = null;
    Map<String, Integer> snapshotModel = null;
    int step = 0;
    for (int op : ops) {
      // a fresh String each time, so equality, not identity, must find the key
      String id = new String(id(op / 4 % 300).toCharArray());
      int value = op % 1000;
      switch (op % 4) {
        case 0 -> assertEquals(model.getOrDefault(id, -1), index.put(id, value));
        case 1 -> {
          int before = index.putIfAbsent(id, value);
          assertEquals(model.getOrDefault(id, -1), before);
          model.putIfAbsent(id, value);
          continue;
        }
        case 2 -> {
          Integer gone = model.remove(id);
          assertEquals(gone == null ? -1 : gone, index.remove(id));
          continue;
        }
        default -> {
          int b = index.bucket(id);
          assertEquals(model.containsKey(id), b >= 0);
          if (b >= 0) {
            assertEquals(id, index.keyAt(b));
            assertEquals(model.get(id), index.valueAt(b));
          }
          continue;
        }
      }
      model.put(id, value);
      if (++step == 50) {
        snapshot = index.copy();
        snapshotModel = new HashMap<>(model);
      }
    }
    check(index, model);
    if (snapshot != null && snapshotModel != null) {
      check(snapshot, snapshotModel); // a copy does not see later changes
    }
  }

  private static void check(IdIndex index, Map<String, Integer> model) {
    assertEquals(model.size(), index.size());
    for (int n = 0; n < 300; n++) {
      String id = id(n);
      assertEquals(model.getOrDefault(id, -1), index.get(id), id);
    }
  }

  @Property(tries = 20)
  void keepsTheKeyInstanceItWasGiven(@ForAll @IntRange(min = 1, max = 2_000) int n) {
    IdIndex index = new IdIndex(0);
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = id(i);
      index.putIfAbsent(ids[i], i);
    }
    for (int i = 0; i < n; i++) {
      int b = index.bucket(new String(ids[i].toCharArray()));
      assertSame(ids[i], index.keyAt(b));
      assertEquals(i, index.valueAt(b));
    }
  }
}
