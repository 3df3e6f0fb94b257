package io.missync.wonde;

/** For endpoints that take no typed includes (schools, deletions). Has no constants. */
public enum NoInclude implements Include {
  ;

  @Override
  public String wireName() {
    throw new AssertionError("NoInclude has no values");
  }
}
