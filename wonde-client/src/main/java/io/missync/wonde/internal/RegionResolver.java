package io.missync.wonde.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a school's regional API host from {@code GET /v1.0/schools/{id}} on the default host
 * ({@code data.region.domain}), checks it against the allow-list and caches it.
 *
 * <p>The school record a lookup read is kept for a minute, to be {@linkplain #takeSchoolRecord
 * taken once}: a caller that asks for the school record right after the lookup (a full snapshot
 * fetch does) gets it without requesting {@code /schools/{id}} a second time.
 */
public final class RegionResolver {
  private static final Logger LOG = LoggerFactory.getLogger(RegionResolver.class);

  private final Transport transport;
  private final URI defaultBase;
  private final HostRules rules;
  private final boolean lookup;
  private final AsyncCache<String, URI> cache;
  private final com.github.benmanes.caffeine.cache.Cache<String, byte[]> records =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(1_000).build();

  public RegionResolver(
      Transport transport, URI defaultBase, HostRules rules, boolean lookup, Duration ttl) {
    this.transport = transport;
    this.defaultBase = defaultBase;
    this.rules = rules;
    this.lookup = lookup;
    this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).buildAsync();
  }

  /** Blocking lookup; concurrent lookups of one school share one request. */
  public URI resolve(String schoolId, String token) {
    if (!lookup) {
      return defaultBase;
    }
    try {
      return resolveAsync(schoolId, token).join();
    } catch (java.util.concurrent.CompletionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      throw e;
    }
  }

  /** Non-blocking lookup; a failed lookup is not cached. */
  public CompletableFuture<URI> resolveAsync(String schoolId, String token) {
    if (!lookup) {
      return CompletableFuture.completedFuture(defaultBase);
    }
    return cache.get(
        schoolId,
        (id, executor) ->
            transport
                .getAsync(schoolUri(id), token)
                .thenApply(
                    r -> {
                      URI base = fromSchoolRecord(r.body());
                      records.put(id, r.body());
                      return base;
                    }));
  }

  /**
   * The body of the school record the last lookup of this school read, once (it is forgotten when
   * taken, and after a minute); null when there is none.
   */
  public byte @org.jspecify.annotations.Nullable [] takeSchoolRecord(String schoolId) {
    return records.asMap().remove(schoolId);
  }

  /** Forgets a school's region (e.g. after a 404 that may mean the region moved). */
  public void invalidate(String schoolId) {
    cache.synchronous().invalidate(schoolId);
  }

  /** Records a region learned elsewhere (checked against the allow-list). */
  public void remember(String schoolId, String domain) {
    cache.put(schoolId, CompletableFuture.completedFuture(rules.regionBase(domain)));
  }

  private URI schoolUri(String schoolId) {
    return defaultBase.resolve("/v1.0/schools/" + Ids.check(schoolId));
  }

  private URI fromSchoolRecord(byte[] body) {
    ObjectNode root = PageDecoder.parseObject(body);
    JsonNode data = root.get("data");
    if (data == null || !data.isObject()) {
      throw new io.missync.wonde.WondeDecodeException("data", "required but missing");
    }
    ObjectNode region = Json.single((ObjectNode) data, "region", "data");
    String domain = region == null ? null : Json.string(region, "domain", "data.region");
    if (domain == null || domain.isBlank()) {
      LOG.debug("School record has no region domain; using the default host");
      return defaultBase;
    }
    return rules.regionBase(domain);
  }
}
