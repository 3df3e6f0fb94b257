package io.missync.cli.internal;

import io.missync.core.plan.HoldReason;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.SyncStateStore;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code missync review}: lists a school's held plans with their reasons and figures, and records a
 * person's decision on one ({@code --approve} or {@code --discard}, by the plan's short id). An
 * approved plan is applied by the next sync that computes the same plan.
 */
@Command(
    name = "review",
    mixinStandardHelpOptions = true,
    description = {
      "Lists a school's held plans, or approves or discards one (by its short id). The next sync"
          + " applies an approved plan if it computes the same plan again."
    })
final class ReviewCommand implements Callable<Integer> {
  private final Io io;

  @Option(
      names = "--store",
      required = true,
      paramLabel = "JDBC_URL",
      description = "The state store (MISSYNC_STORE_USER / MISSYNC_STORE_PASSWORD).")
  String store = "";

  @Option(names = "--school", required = true, paramLabel = "ID", description = "The school.")
  String school = "";

  @Option(names = "--approve", paramLabel = "PLAN", description = "Approve this held plan.")
  @Nullable String approve;

  @Option(names = "--discard", paramLabel = "PLAN", description = "Discard this held plan.")
  @Nullable String discard;

  @Option(
      names = "--by",
      paramLabel = "NAME",
      description = "Who decides (recorded in the audit trail; default ${DEFAULT-VALUE}).")
  String by = System.getProperty("user.name", "reviewer");

  ReviewCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    return run(Stores.open(store));
  }

  /** Lists or decides against {@code st}. */
  int run(SyncStateStore st) {
    String a = approve;
    String d = discard;
    if (a != null && d != null) {
      throw new IllegalArgumentException("--approve or --discard, not both");
    }
    List<HeldPlan> held = st.heldPlans(school);
    if (a == null && d == null) {
      if (held.isEmpty()) {
        io.out().println("no held plans for school " + school);
      }
      for (HeldPlan h : held) {
        io.out().println(describe(h));
      }
      io.out().flush();
      return 0;
    }
    boolean approving = a != null;
    String prefix = a != null ? a : java.util.Objects.requireNonNull(d);
    HeldPlan plan = find(held, prefix);
    if (plan.decision() != HeldPlan.Decision.PENDING) {
      throw new IllegalArgumentException(
          "plan " + Words.shortId(plan.planId()) + " was already " + plan.decision());
    }
    HeldPlan.Decision decision =
        approving ? HeldPlan.Decision.APPROVED : HeldPlan.Decision.DISCARDED;
    st.decide(school, plan.planId(), decision, by);
    io.out()
        .println(
            "plan "
                + Words.shortId(plan.planId())
                + " "
                + decision.name().toLowerCase(java.util.Locale.ROOT)
                + " by "
                + by
                + (approving ? "; the next sync applies it if it computes the same plan" : ""));
    io.out().flush();
    return 0;
  }

  private HeldPlan find(List<HeldPlan> held, String prefix) {
    if (prefix.length() < 6) {
      throw new IllegalArgumentException("give at least 6 characters of the plan id");
    }
    List<HeldPlan> matches = held.stream().filter(h -> h.planId().startsWith(prefix)).toList();
    if (matches.isEmpty()) {
      throw new IllegalArgumentException("no held plan " + prefix + " for school " + school);
    }
    if (matches.size() > 1) {
      throw new IllegalArgumentException("more than one held plan starts with " + prefix);
    }
    return matches.get(0);
  }

  static String describe(HeldPlan h) {
    StringBuilder sb = new StringBuilder();
    sb.append("plan ")
        .append(Words.shortId(h.planId()))
        .append("  held ")
        .append(h.heldAt())
        .append("  ")
        .append(h.decision());
    h.decider().ifPresent(who -> sb.append(" by ").append(who));
    sb.append("  ").append(Words.n(h.statistics().total())).append(" changes\n");
    for (HoldReason r : h.reasons()) {
      sb.append("  - ").append(Words.hold(r)).append('\n');
    }
    return sb.toString().stripTrailing();
  }
}
