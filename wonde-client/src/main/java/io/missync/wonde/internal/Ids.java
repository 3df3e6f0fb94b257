package io.missync.wonde.internal;

import java.util.regex.Pattern;

/** Validates ids before they go into a URL path. */
public final class Ids {
  private Ids() {}

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public static String check(String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a valid Wonde id");
    }
    return id;
  }
}
