package io.missync.testkit.wonde;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Immutable settings of a {@link WondeSimulator}. Build with {@link #builder()}. */
public final class SimulatorConfig {

  /** The phase of education of the generated schools. */
  public enum Phase {
    /** Reception to Year 6. */
    PRIMARY,
    /** Years 7 to 11, or 7 to 13 with a sixth form. */
    SECONDARY
  }

  private final long seed;
  private final int schools;
  private final int studentsPerSchool;
  private final int staffPerSchool;
  private final Phase phase;
  private final boolean sixthForm;
  private final boolean publishClasses;
  private final String regionCode;
  private final @Nullable String regionDomain;
  private final String bindHost;
  private final @Nullable String advertisedHost;
  private final int port;
  private final boolean tls;
  private final @Nullable Path certOut;
  private final long latencyMs;
  private final double faultRate;
  private final WireVariants variants;
  private final Instant startTime;
  private final @Nullable String appToken;
  private final int threads;

  private SimulatorConfig(Builder b) {
    this.seed = b.seed;
    this.schools = b.schools;
    this.studentsPerSchool = b.studentsPerSchool;
    this.staffPerSchool = b.staffPerSchool;
    this.phase = b.phase;
    this.sixthForm = b.sixthForm;
    this.publishClasses = b.publishClasses;
    this.regionCode = b.regionCode;
    this.regionDomain = b.regionDomain;
    this.bindHost = b.bindHost;
    this.advertisedHost = b.advertisedHost;
    this.port = b.port;
    this.tls = b.tls;
    this.certOut = b.certOut;
    this.latencyMs = b.latencyMs;
    this.faultRate = b.faultRate;
    this.variants = b.variants;
    this.startTime = b.startTime;
    this.appToken = b.appToken;
    this.threads = b.threads;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults: seed 1, one secondary school of 300 students. */
  public static SimulatorConfig defaults() {
    return builder().build();
  }

  public long seed() {
    return seed;
  }

  public int schools() {
    return schools;
  }

  public int studentsPerSchool() {
    return studentsPerSchool;
  }

  /** Staff per school; when not set, about 7.5% of the students (at least 8). */
  public int staffPerSchool() {
    return staffPerSchool > 0
        ? staffPerSchool
        : Math.max(8, Math.round(studentsPerSchool * 0.075f));
  }

  public Phase phase() {
    return phase;
  }

  public boolean sixthForm() {
    return sixthForm;
  }

  /** Whether schools publish teaching classes (some primaries only publish REGISTRATION groups). */
  public boolean publishClasses() {
    return publishClasses;
  }

  /** The region code of the generated schools: {@code GBR} (ids start with A) or other (B). */
  public String regionCode() {
    return regionCode;
  }

  /** The {@code region.domain} served; when empty, the simulator's own {@code host:port}. */
  public Optional<String> regionDomain() {
    return Optional.ofNullable(regionDomain);
  }

  public String bindHost() {
    return bindHost;
  }

  /** The host written into URLs ({@code next}, {@code school_url}); defaults to the bind host. */
  public String advertisedHost() {
    return advertisedHost != null ? advertisedHost : bindHost;
  }

  /** The port; 0 picks a free one. */
  public int port() {
    return port;
  }

  public boolean tls() {
    return tls;
  }

  /** Where to write the self-signed certificate (PEM) when {@link #tls()} is on. */
  public Optional<Path> certOut() {
    return Optional.ofNullable(certOut);
  }

  /** Fixed latency added to every request. */
  public long latencyMs() {
    return latencyMs;
  }

  /** Probability of a random fault (503, 429, reset, truncated body) on each request, seeded. */
  public double faultRate() {
    return faultRate;
  }

  public WireVariants variants() {
    return variants;
  }

  /** The world clock's starting instant; generated records were all updated before it. */
  public Instant startTime() {
    return startTime;
  }

  /** The app-wide token (all schools); generated from the seed when not set. */
  public Optional<String> appToken() {
    return Optional.ofNullable(appToken);
  }

  public int threads() {
    return threads;
  }

  /** Builder of {@link SimulatorConfig}. */
  public static final class Builder {
    private long seed = 1;
    private int schools = 1;
    private int studentsPerSchool = 300;
    private int staffPerSchool = 0;
    private Phase phase = Phase.SECONDARY;
    private boolean sixthForm = false;
    private boolean publishClasses = true;
    private String regionCode = "GBR";
    private @Nullable String regionDomain;
    private String bindHost = "127.0.0.1";
    private @Nullable String advertisedHost;
    private int port = 0;
    private boolean tls = false;
    private @Nullable Path certOut;
    private long latencyMs = 0;
    private double faultRate = 0;
    private WireVariants variants = WireVariants.defaults();
    private Instant startTime = Instant.parse("2026-10-05T07:00:00Z");
    private @Nullable String appToken;
    private int threads = 8;

    private Builder() {}

    public Builder seed(long v) {
      this.seed = v;
      return this;
    }

    public Builder schools(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("schools must be >= 1");
      }
      this.schools = v;
      return this;
    }

    public Builder studentsPerSchool(int v) {
      if (v < 0) {
        throw new IllegalArgumentException("studentsPerSchool must be >= 0");
      }
      this.studentsPerSchool = v;
      return this;
    }

    public Builder staffPerSchool(int v) {
      this.staffPerSchool = v;
      return this;
    }

    public Builder phase(Phase v) {
      this.phase = Objects.requireNonNull(v);
      return this;
    }

    public Builder sixthForm(boolean v) {
      this.sixthForm = v;
      return this;
    }

    public Builder publishClasses(boolean v) {
      this.publishClasses = v;
      return this;
    }

    public Builder regionCode(String v) {
      this.regionCode = Objects.requireNonNull(v);
      return this;
    }

    public Builder regionDomain(@Nullable String v) {
      this.regionDomain = v;
      return this;
    }

    public Builder bindHost(String v) {
      this.bindHost = Objects.requireNonNull(v);
      return this;
    }

    public Builder advertisedHost(@Nullable String v) {
      this.advertisedHost = v;
      return this;
    }

    public Builder port(int v) {
      this.port = v;
      return this;
    }

    public Builder tls(boolean v) {
      this.tls = v;
      return this;
    }

    public Builder certOut(@Nullable Path v) {
      this.certOut = v;
      return this;
    }

    public Builder latencyMs(long v) {
      this.latencyMs = v;
      return this;
    }

    public Builder faultRate(double v) {
      if (v < 0 || v > 1) {
        throw new IllegalArgumentException("faultRate must be in [0, 1]");
      }
      this.faultRate = v;
      return this;
    }

    public Builder variants(WireVariants v) {
      this.variants = Objects.requireNonNull(v);
      return this;
    }

    public Builder startTime(Instant v) {
      this.startTime = Objects.requireNonNull(v);
      return this;
    }

    public Builder appToken(@Nullable String v) {
      this.appToken = v;
      return this;
    }

    public Builder threads(int v) {
      this.threads = Math.max(1, v);
      return this;
    }

    public SimulatorConfig build() {
      return new SimulatorConfig(this);
    }
  }
}
