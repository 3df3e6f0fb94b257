package io.missync.core.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a contact is related to a student ("Mother", "Carer", "Step Father", ...), as the MIS states
 * it. Open: new values are kept as given.
 */
public final class Relationship extends OpenValue {
  private static final Map<String, Relationship> CACHE = new ConcurrentHashMap<>();

  public static final Relationship MOTHER = register("Mother");
  public static final Relationship FATHER = register("Father");
  public static final Relationship PARENT = register("Parent");
  public static final Relationship GUARDIAN = register("Guardian");
  public static final Relationship CARER = register("Carer");
  public static final Relationship GRANDPARENT = register("Grandparent");
  public static final Relationship OTHER = register("Other");

  /** Used when the source gives no relationship at all. */
  public static final Relationship UNKNOWN = register("Unknown");

  private Relationship(String value) {
    super(value);
  }

  private static Relationship register(String value) {
    Relationship r = new Relationship(value);
    CACHE.put(r.key(), r);
    return r;
  }

  /**
   * The relationship for a wire string.
   *
   * @throws InvalidRecordException if the value is blank
   */
  public static Relationship of(String value) {
    String key = keyOf(value);
    Relationship known = CACHE.get(key);
    if (known != null) {
      return known;
    }
    Relationship fresh = new Relationship(value);
    if (CACHE.size() < 1024) {
      Relationship prior = CACHE.putIfAbsent(fresh.key(), fresh);
      return prior != null ? prior : fresh;
    }
    return fresh;
  }
}
