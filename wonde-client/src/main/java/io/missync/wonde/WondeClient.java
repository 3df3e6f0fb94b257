package io.missync.wonde;

import io.missync.wonde.internal.HostRules;
import io.missync.wonde.internal.RegionResolver;
import io.missync.wonde.internal.Target;
import io.missync.wonde.internal.Transport;
import io.missync.wonde.model.ModelType;
import io.missync.wonde.model.School;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Entry point of the Wonde client. Thread-safe; create one per application and share it.
 *
 * <pre>{@code
 * WondeClient wonde = WondeClient.builder()
 *     .tokens(TokenProvider.perSchool(Map.of("A1930499544", token)))
 *     .build();
 * try (Stream<Student> students = wonde.school("A1930499544").students()
 *         .include(StudentInclude.EDUCATION_DETAILS, StudentInclude.YEAR)
 *         .stream()) {
 *   students.forEach(s -> ...);
 * }
 * }</pre>
 */
public final class WondeClient {
  /** The default (UK and rest of world) API host. */
  public static final URI DEFAULT_BASE_URI = URI.create("https://api.wonde.com");

  /** Regional hosts allowed by default. */
  public static final Set<String> DEFAULT_ALLOWED_DOMAINS =
      Set.of("api.wonde.com", "api-ap-southeast-2.wonde.com", "api-af-south-1.wonde.com");

  private final Transport transport;
  private final RegionResolver regions;
  private final TokenProvider tokens;
  private final URI baseUri;

  private WondeClient(Builder b, TokenProvider tokens) {
    this.tokens = tokens;
    this.baseUri = b.baseUri;
    HttpClient.Builder hb =
        HttpClient.newBuilder()
            .connectTimeout(b.connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER);
    if (b.executor != null) {
      hb.executor(b.executor);
    }
    this.transport =
        new Transport(
            hb.build(),
            b.retryPolicy,
            b.sleeper,
            b.clock,
            b.jitter,
            b.requestTimeout,
            b.authScheme,
            b.userAgent,
            b.maxConcurrentPerHost);
    Set<String> allowed = new LinkedHashSet<>(b.allowedDomains);
    allowed.add(authority(b.baseUri));
    HostRules rules = new HostRules(b.baseUri.getScheme(), allowed);
    this.regions =
        new RegionResolver(transport, b.baseUri, rules, b.regionLookup, b.regionCacheTtl);
  }

  private static String authority(URI u) {
    String host = Objects.requireNonNull(u.getHost(), "base URI needs a host");
    return (u.getPort() >= 0 ? host + ":" + u.getPort() : host).toLowerCase(Locale.ROOT);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Calls about one school; cheap to create. */
  public SchoolClient school(String schoolId) {
    return new SchoolClient(schoolId, transport, regions, tokens);
  }

  /**
   * Records a school's region domain learned elsewhere, skipping the lookup. The domain must be on
   * the allow-list.
   */
  public void rememberRegion(String schoolId, String domain) {
    regions.remember(schoolId, domain);
  }

  /** Account-level school lists, on the default host with the account (multi-school) token. */
  public ListRequest<School, NoInclude> schools(SchoolList which) {
    Target account =
        new Target() {
          @Override
          public Transport transport() {
            return transport;
          }

          @Override
          public URI base() {
            return baseUri;
          }

          @Override
          public CompletableFuture<URI> baseAsync() {
            return CompletableFuture.completedFuture(baseUri);
          }

          @Override
          public String token() {
            return tokens
                .accountToken()
                .orElseThrow(
                    () -> new WondeException("No account token configured for school lists"));
          }
        };
    return new ListRequest<>(account, "/v1.0/schools" + which.pathSuffix(), ModelType.SCHOOL);
  }

  /**
   * Asks a school for access ({@code POST /schools/{id}/request-access}) with the account token, on
   * the default host. Not retried except on 429.
   */
  public io.missync.wonde.model.AccessResponse requestAccess(
      String schoolId, java.util.List<AccessContact> contacts) {
    com.fasterxml.jackson.databind.node.ObjectNode body =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    com.fasterxml.jackson.databind.node.ArrayNode list = body.putArray("contacts");
    for (AccessContact c : contacts) {
      com.fasterxml.jackson.databind.node.ObjectNode o = list.addObject();
      o.put("first_name", c.firstName());
      o.put("last_name", c.lastName());
      c.phoneNumber().ifPresent(v -> o.put("phone_number", v));
      c.emailAddress().ifPresent(v -> o.put("email_address", v));
      c.notes().ifPresent(v -> o.put("notes", v));
    }
    URI uri =
        baseUri.resolve(
            "/v1.0/schools/" + io.missync.wonde.internal.Ids.check(schoolId) + "/request-access");
    byte[] json = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return io.missync.wonde.internal.PageDecoder.access(
        transport.send("POST", uri, accountToken(), json).body());
  }

  /**
   * Revokes approved or pending access ({@code DELETE /schools/{id}/revoke-access}) with the
   * account token, on the default host. Not retried except on 429.
   */
  public io.missync.wonde.model.AccessResponse revokeAccess(String schoolId) {
    URI uri =
        baseUri.resolve(
            "/v1.0/schools/" + io.missync.wonde.internal.Ids.check(schoolId) + "/revoke-access");
    return io.missync.wonde.internal.PageDecoder.access(
        transport.send("DELETE", uri, accountToken(), null).body());
  }

  private String accountToken() {
    return tokens
        .accountToken()
        .orElseThrow(() -> new WondeException("No account token configured for this call"));
  }

  @Override
  public String toString() {
    return "WondeClient{" + baseUri + "}";
  }

  /** Configures a {@link WondeClient}. */
  public static final class Builder {
    private @Nullable TokenProvider tokens;
    private AuthScheme authScheme = AuthScheme.BEARER;
    private URI baseUri = DEFAULT_BASE_URI;
    private Set<String> allowedDomains = DEFAULT_ALLOWED_DOMAINS;
    private boolean regionLookup = true;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
    private int maxConcurrentPerHost = 4;
    private @Nullable Executor executor;
    private Duration regionCacheTtl = Duration.ofHours(6);
    private String userAgent = "missync-wonde-client";

    private Builder() {}

    /** Where tokens come from. Required. */
    public Builder tokens(TokenProvider tokens) {
      this.tokens = tokens;
      return this;
    }

    public Builder authScheme(AuthScheme scheme) {
      this.authScheme = scheme;
      return this;
    }

    /**
     * The default host, {@code https://api.wonde.com} unless changed (e.g. {@code
     * http://localhost:8080} in tests). Its host is always allowed.
     */
    public Builder baseUri(URI uri) {
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("base URI needs a scheme and host");
      }
      this.baseUri = URI.create(uri.getScheme() + "://" + authority(uri));
      return this;
    }

    /** Region domains (host or host:port) that may receive tokens; replaces the defaults. */
    public Builder allowedDomains(Set<String> domains) {
      this.allowedDomains = Set.copyOf(domains);
      return this;
    }

    /** Whether to look up each school's region (default true); false sends all to the base URI. */
    public Builder regionLookup(boolean lookup) {
      this.regionLookup = lookup;
      return this;
    }

    public Builder regionCacheTtl(Duration ttl) {
      this.regionCacheTtl = ttl;
      return this;
    }

    public Builder connectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    /** Timeout for each request, until response headers arrive (default 60 s). */
    public Builder requestTimeout(Duration d) {
      this.requestTimeout = d;
      return this;
    }

    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = policy;
      return this;
    }

    /** Clock used to evaluate {@code Retry-After} dates. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /** Source of jitter values in [0, 1). */
    public Builder jitter(DoubleSupplier jitter) {
      this.jitter = jitter;
      return this;
    }

    /** Maximum requests in flight to one host (default 4). */
    public Builder maxConcurrentRequestsPerHost(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("must be >= 1");
      }
      this.maxConcurrentPerHost = n;
      return this;
    }

    /** Executor for the HTTP client's async work. */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    public WondeClient build() {
      TokenProvider t = tokens;
      if (t == null) {
        throw new IllegalStateException("tokens(...) is required");
      }
      return new WondeClient(this, t);
    }
  }
}
