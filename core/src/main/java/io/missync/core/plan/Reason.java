package io.missync.core.plan;

/**
 * Why a change exists: a code and the facts behind it.
 *
 * @param code the reason code
 * @param evidence the facts that led to it
 */
public record Reason(ReasonCode code, Evidence evidence) {
  public static Reason of(ReasonCode code) {
    return new Reason(code, Evidence.none());
  }

  public static Reason of(ReasonCode code, String... namesAndValues) {
    return new Reason(code, Evidence.of(namesAndValues));
  }

  @Override
  public String toString() {
    return code.name();
  }
}
