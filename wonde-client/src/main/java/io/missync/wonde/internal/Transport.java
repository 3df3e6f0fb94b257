package io.missync.wonde.internal;

import io.missync.wonde.AuthScheme;
import io.missync.wonde.RetryPolicy;
import io.missync.wonde.Sleeper;
import io.missync.wonde.WondeHttpException;
import io.missync.wonde.WondeIoException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests with auth, timeouts, a per-host concurrency limit and retries. Never logs tokens
 * or bodies; URLs are logged redacted, and only at DEBUG (INFO for retries, without bodies).
 */
public final class Transport {
  private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

  /** A successful (2xx) response. */
  public record Response(URI uri, int status, byte[] body) {}

  private final HttpClient http;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier jitter;
  private final Duration requestTimeout;
  private final AuthScheme auth;
  private final String userAgent;
  private final int maxConcurrentPerHost;
  private final ConcurrentHashMap<String, AsyncPermits> permits = new ConcurrentHashMap<>();

  public Transport(
      HttpClient http,
      RetryPolicy retry,
      Sleeper sleeper,
      Clock clock,
      DoubleSupplier jitter,
      Duration requestTimeout,
      AuthScheme auth,
      String userAgent,
      int maxConcurrentPerHost) {
    this.http = http;
    this.retry = retry;
    this.sleeper = sleeper;
    this.clock = clock;
    this.jitter = jitter;
    this.requestTimeout = requestTimeout;
    this.auth = auth;
    this.userAgent = userAgent;
    this.maxConcurrentPerHost = maxConcurrentPerHost;
  }

  /** The limiter for a host (exposed for tests). */
  public AsyncPermits permitsFor(URI uri) {
    String key =
        (uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort()).toLowerCase(Locale.ROOT);
    return permits.computeIfAbsent(key, k -> new AsyncPermits(maxConcurrentPerHost));
  }

  private HttpRequest request(String method, URI uri, String token, byte @Nullable [] body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .header("User-Agent", userAgent)
            .header("Authorization", authorization(token));
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return b.build();
  }

  private String authorization(String token) {
    if (auth == AuthScheme.BASIC) {
      return "Basic "
          + Base64.getEncoder().encodeToString((token + ":").getBytes(StandardCharsets.UTF_8));
    }
    return "Bearer " + token;
  }

  /** Blocking GET. */
  public Response get(URI uri, String token) {
    return send("GET", uri, token, null);
  }

  /** Blocking request with retries. */
  public Response send(String method, URI uri, String token, byte @Nullable [] body) {
    HttpRequest req = request(method, uri, token, body);
    AsyncPermits limiter = permitsFor(uri);
    String shown = Redaction.url(uri);
    for (int attempt = 1; ; attempt++) {
      HttpResponse<byte[]> resp = null;
      IOException io = null;
      try {
        limiter.acquireBlocking();
        try {
          resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } finally {
          limiter.release();
        }
      } catch (IOException e) {
        io = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WondeIoException(method, shown, e);
      }
      Outcome o = outcome(method, uri, token, attempt, resp, io);
      if (o.response != null) {
        return o.response;
      }
      if (o.delay == null) {
        throw o.failure();
      }
      logRetry(method, shown, attempt, resp, o.delay);
      try {
        sleeper.sleep(o.delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WondeIoException(method, shown, e);
      }
    }
  }

  /** Non-blocking GET. */
  public CompletableFuture<Response> getAsync(URI uri, String token) {
    return sendAsync("GET", uri, token, null);
  }

  public CompletableFuture<Response> sendAsync(
      String method, URI uri, String token, byte @Nullable [] body) {
    HttpRequest req = request(method, uri, token, body);
    return attemptAsync(method, uri, token, req, 1);
  }

  private CompletableFuture<Response> attemptAsync(
      String method, URI uri, String token, HttpRequest req, int attempt) {
    AsyncPermits limiter = permitsFor(uri);
    String shown = Redaction.url(uri);
    return limiter
        .acquire()
        .thenCompose(
            held -> {
              CompletableFuture<HttpResponse<byte[]>> f;
              try {
                f = http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray());
              } catch (RuntimeException e) {
                limiter.release();
                throw e;
              }
              return f.handle(
                  (r, t) -> {
                    limiter.release();
                    return new Attempt(r, t);
                  });
            })
        .thenCompose(
            a -> {
              IOException io = null;
              if (a.error != null) {
                Throwable c = unwrap(a.error);
                if (c instanceof IOException) {
                  io = (IOException) c;
                } else {
                  return CompletableFuture.failedFuture(new WondeIoException(method, shown, c));
                }
              }
              Outcome o = outcome(method, uri, token, attempt, a.response, io);
              if (o.response != null) {
                return CompletableFuture.completedFuture(o.response);
              }
              Duration delay = o.delay;
              if (delay == null) {
                return CompletableFuture.failedFuture(o.failure());
              }
              logRetry(method, shown, attempt, a.response, delay);
              return sleeper
                  .sleepAsync(delay)
                  .thenCompose(v -> attemptAsync(method, uri, token, req, attempt + 1));
            });
  }

  private record Attempt(@Nullable HttpResponse<byte[]> response, @Nullable Throwable error) {}

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  /** Result of one attempt: a response, a delay before retrying, or a failure. */
  private static final class Outcome {
    final @Nullable Response response;
    final @Nullable Duration delay;
    final @Nullable RuntimeException failure;

    Outcome(
        @Nullable Response response, @Nullable Duration delay, @Nullable RuntimeException failure) {
      this.response = response;
      this.delay = delay;
      this.failure = failure;
    }

    RuntimeException failure() {
      return failure != null ? failure : new IllegalStateException("no failure recorded");
    }
  }

  private Outcome outcome(
      String method,
      URI uri,
      String token,
      int attempt,
      @Nullable HttpResponse<byte[]> resp,
      @Nullable IOException io) {
    String shown = Redaction.url(uri);
    boolean more = attempt < retry.maxAttempts();
    boolean idempotent = method.equals("GET") || method.equals("HEAD");
    if (resp == null) {
      WondeIoException failure = new WondeIoException(method, shown, io);
      if (more && idempotent) {
        return new Outcome(null, retry.backoff(attempt, jitter.getAsDouble()), failure);
      }
      return new Outcome(null, null, failure);
    }
    int status = resp.statusCode();
    LOG.debug("{} {} -> {} (attempt {})", method, shown, status, attempt);
    if (status >= 200 && status <= 299) {
      return new Outcome(new Response(uri, status, resp.body()), null, null);
    }
    Optional<Duration> retryAfter =
        RetryAfter.parse(resp.headers().firstValue("Retry-After").orElse(null), clock.instant());
    String body = Redaction.token(bodyText(resp.body()), token);
    WondeHttpException failure =
        WondeHttpException.forStatus(status, method, shown, body, retryAfter);
    boolean retryable = status == 429 || (idempotent && status >= 500 && status <= 599);
    if (!retryable || !more) {
      return new Outcome(null, null, failure);
    }
    if (retryAfter.isPresent()) {
      if (retryAfter.get().compareTo(retry.maxRetryAfter()) > 0) {
        return new Outcome(null, null, failure);
      }
      return new Outcome(null, retryAfter.get(), failure);
    }
    return new Outcome(null, retry.backoff(attempt, jitter.getAsDouble()), failure);
  }

  private static String bodyText(byte @Nullable [] body) {
    if (body == null) {
      return "";
    }
    int n = Math.min(body.length, WondeHttpException.MAX_BODY_CHARS * 4);
    return new String(body, 0, n, StandardCharsets.UTF_8);
  }

  private static void logRetry(
      String method, String shown, int attempt, @Nullable HttpResponse<byte[]> resp, Duration d) {
    LOG.info(
        "Retrying {} {} after {} ms ({}; attempt {})",
        method,
        shown,
        d.toMillis(),
        resp == null ? "I/O error" : "HTTP " + resp.statusCode(),
        attempt);
  }
}
