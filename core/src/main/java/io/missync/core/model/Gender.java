package io.missync.core.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A person's gender as the MIS states it. Known values are constants; anything else is kept as
 * given. Instances are canonical per key, so a snapshot of a million pupils holds a handful of
 * them.
 */
public final class Gender extends OpenValue {
  private static final Map<String, Gender> CACHE = new ConcurrentHashMap<>();

  public static final Gender MALE = register("MALE");
  public static final Gender FEMALE = register("FEMALE");
  public static final Gender OTHER = register("OTHER");
  public static final Gender NOT_STATED = register("NOT_STATED");

  private Gender(String value) {
    super(value);
  }

  private static Gender register(String value) {
    Gender g = new Gender(value);
    CACHE.put(g.key(), g);
    return g;
  }

  /**
   * The gender for a wire string; {@code "M"}/{@code "F"} map to the known constants.
   *
   * @throws InvalidRecordException if the value is blank
   */
  public static Gender of(String value) {
    String key = keyOf(value);
    if (key.equals("M")) {
      return MALE;
    }
    if (key.equals("F")) {
      return FEMALE;
    }
    Gender known = CACHE.get(key);
    if (known != null) {
      return known;
    }
    Gender fresh = new Gender(value);
    // bound the cache: genuinely open values are few; a flood of junk must not grow it forever
    if (CACHE.size() < 1024) {
      Gender prior = CACHE.putIfAbsent(fresh.key(), fresh);
      return prior != null ? prior : fresh;
    }
    return fresh;
  }
}
