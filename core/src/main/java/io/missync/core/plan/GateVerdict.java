package io.missync.core.plan;

import java.util.List;

/**
 * The safety gate's decision on a plan: apply it, or hold it with reasons until a person approves
 * or discards it.
 *
 * @param decision APPLY or HOLD
 * @param reasons why it was held; empty for APPLY
 */
public record GateVerdict(Decision decision, List<HoldReason> reasons) {
  public GateVerdict {
    reasons = List.copyOf(reasons);
    if (decision == Decision.APPLY && !reasons.isEmpty()) {
      throw new IllegalArgumentException("an APPLY verdict has no hold reasons");
    }
    if (decision == Decision.HOLD && reasons.isEmpty()) {
      throw new IllegalArgumentException("a HOLD verdict needs at least one reason");
    }
  }

  public static GateVerdict apply() {
    return new GateVerdict(Decision.APPLY, List.of());
  }

  public static GateVerdict hold(List<HoldReason> reasons) {
    return new GateVerdict(Decision.HOLD, reasons);
  }

  public boolean isHeld() {
    return decision == Decision.HOLD;
  }

  /** The two decisions. */
  public enum Decision {
    APPLY,
    HOLD
  }
}
