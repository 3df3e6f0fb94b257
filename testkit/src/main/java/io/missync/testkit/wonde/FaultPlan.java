package io.missync.testkit.wonde;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Which requests get which {@link Fault}. Rules match requests by path suffix ({@code "/students"}
 * matches {@code /v1.0/schools/A1/students} but not {@code /students-leaver} or {@code
 * /students/A2}; {@code "*"} matches everything) and count matching requests from 1. The first rule
 * (in the order added) that fires decides the fault. Random rules are a pure function of (seed,
 * match count), so a given seed and request sequence always fault the same requests. Thread-safe.
 */
public final class FaultPlan {
  private final List<Rule> rules = new ArrayList<>();
  private final List<Rule> baseline = new ArrayList<>();

  FaultPlan() {}

  /** The {@code n}-th (1-based) request matching {@code pathSuffix} gets {@code fault}. */
  public FaultPlan onNth(String pathSuffix, int n, Fault fault) {
    return onRequests(pathSuffix, fault, n);
  }

  /** The listed (1-based) requests matching {@code pathSuffix} get {@code fault}. */
  public FaultPlan onRequests(String pathSuffix, Fault fault, int... ns) {
    TreeSet<Long> set = new TreeSet<>();
    for (int n : ns) {
      if (n < 1) {
        throw new IllegalArgumentException("request numbers are 1-based: " + n);
      }
      set.add((long) n);
    }
    add(new Rule(pathSuffix, set, 0, 0, List.of(Objects.requireNonNull(fault))), rules);
    return this;
  }

  /**
   * The first request for page {@code page} (1-based, by the {@code page} query parameter; page 1
   * is also a request without one) of lists matching {@code pathSuffix} gets {@code fault}. Unlike
   * {@link #onNth}, this names a page whatever order concurrent page requests arrive in.
   */
  public FaultPlan onPage(String pathSuffix, int page, Fault fault) {
    add(pageRule(pathSuffix, page, fault, false), rules);
    return this;
  }

  /**
   * Every request for page {@code page} of lists matching {@code pathSuffix} gets {@code fault}.
   */
  public FaultPlan alwaysOnPage(String pathSuffix, int page, Fault fault) {
    add(pageRule(pathSuffix, page, fault, true), rules);
    return this;
  }

  private static Rule pageRule(String pathSuffix, int page, Fault fault, boolean always) {
    if (page < 1) {
      throw new IllegalArgumentException("pages are 1-based: " + page);
    }
    Rule r =
        always
            ? new Rule(pathSuffix, null, 0, 1.0, List.of(Objects.requireNonNull(fault)))
            : new Rule(pathSuffix, new TreeSet<>(Set.of(1L)), 0, 0, List.of(fault));
    r.page = page;
    return r;
  }

  /** Every request matching {@code pathSuffix} gets {@code fault} (an outage). */
  public FaultPlan always(String pathSuffix, Fault fault) {
    add(new Rule(pathSuffix, null, 0, 1.0, List.of(Objects.requireNonNull(fault))), rules);
    return this;
  }

  /**
   * Each request matching {@code pathSuffix} gets, with the given probability, one of {@code
   * choices}; which requests and which fault depend only on {@code seed} and the match count.
   */
  public FaultPlan random(String pathSuffix, long seed, double probability, Fault... choices) {
    if (choices.length == 0) {
      throw new IllegalArgumentException("no faults to choose from");
    }
    if (probability < 0 || probability > 1) {
      throw new IllegalArgumentException("probability must be in [0, 1]");
    }
    add(new Rule(pathSuffix, null, seed, probability, List.of(choices)), rules);
    return this;
  }

  /** Removes every rule added by tests (the configured {@code faultRate} rule stays). */
  public void clear() {
    synchronized (this) {
      rules.clear();
    }
  }

  void baselineRandom(long seed, double probability, Fault... choices) {
    add(new Rule("*", null, seed, probability, List.of(choices)), baseline);
  }

  private synchronized void add(Rule r, List<Rule> to) {
    to.add(r);
  }

  /** Counts the request against every matching rule; returns the fault to inject, if any. */
  synchronized @Nullable Fault decide(String path) {
    return decide(path, "");
  }

  /** Like {@link #decide(String)}, with the raw query for page rules. */
  synchronized @Nullable Fault decide(String path, String rawQuery) {
    Fault chosen = null;
    for (List<Rule> list : List.of(rules, baseline)) {
      for (Rule r : list) {
        if (!r.matches(path) || (r.page > 0 && r.page != pageOf(rawQuery))) {
          continue;
        }
        long n = ++r.count;
        Fault f = r.fire(n);
        if (chosen == null && f != null) {
          chosen = f;
        }
      }
    }
    return chosen;
  }

  /** The {@code page} parameter of a raw query: 1 when absent, 0 when unreadable. */
  private static int pageOf(String rawQuery) {
    int page = 1;
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.startsWith("page=")) {
        try {
          page = Integer.parseInt(pair.substring("page=".length()).trim());
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return page;
  }

  private static final class Rule {
    /** Only requests for this page (0: any). */
    int page;

    private final String suffix;
    private final @Nullable Set<Long> at;
    private final long seed;
    private final double probability;
    private final List<Fault> choices;
    private long count;

    Rule(
        String suffix, @Nullable Set<Long> at, long seed, double probability, List<Fault> choices) {
      String s = Objects.requireNonNull(suffix).trim();
      this.suffix = s.equals("*") || s.startsWith("/") ? s : "/" + s;
      this.at = at;
      this.seed = seed;
      this.probability = probability;
      this.choices = choices;
    }

    boolean matches(String path) {
      if (suffix.equals("*")) {
        return true;
      }
      String p =
          path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
      return p.endsWith(suffix);
    }

    @Nullable Fault fire(long n) {
      Set<Long> set = at;
      if (set != null) {
        return set.contains(n) ? choices.get(0) : null;
      }
      if (probability >= 1.0) {
        return choices.get(pick(n));
      }
      SplittableRandom r = new SplittableRandom(seed ^ (n * 0x9E3779B97F4A7C15L));
      if (r.nextDouble() < probability) {
        return choices.get(r.nextInt(choices.size()));
      }
      return null;
    }

    private int pick(long n) {
      return choices.size() == 1
          ? 0
          : new SplittableRandom(seed ^ (n * 0x9E3779B97F4A7C15L)).nextInt(choices.size());
    }
  }
}
