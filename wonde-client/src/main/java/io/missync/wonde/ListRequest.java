package io.missync.wonde;

import io.missync.wonde.internal.HostRules;
import io.missync.wonde.internal.Ids;
import io.missync.wonde.internal.PageDecoder;
import io.missync.wonde.internal.Target;
import io.missync.wonde.internal.Transport;
import io.missync.wonde.internal.WondeDates;
import io.missync.wonde.model.ModelType;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * An immutable request for a list endpoint. Each {@code with}-style method returns a new request.
 * Nothing is sent until a page, the iterable or the stream is consumed.
 *
 * <p>The auto-pager follows {@code meta.pagination.next} exactly as Wonde sends it, but only when
 * it has the same scheme, host and port as the request it came from; otherwise it throws {@link
 * WondeHostNotAllowedException} and sends nothing. A repeated {@code next} link is refused as a
 * loop. Paging errs on the side of reading too much: a {@code next} link is followed even when
 * {@code more} is false, while a page that announces {@code more} without a {@code next} link, or a
 * full page with no {@code meta.pagination} at all, fails with {@link WondeDecodeException} rather
 * than silently ending the list.
 *
 * @param <T> item type
 * @param <I> include type
 */
public final class ListRequest<T, I extends Include> {
  /** The largest page size Wonde is known to accept. */
  public static final int MAX_PER_PAGE = 200;

  private final Target target;
  private final String path;
  private final ModelType<T> type;
  private final List<String> includes;
  private final @Nullable Instant updatedAfter;
  private final @Nullable Instant updatedBefore;
  private final int perPage;
  private final Map<String, String> params;

  ListRequest(Target target, String path, ModelType<T> type) {
    this(target, path, type, List.of(), null, null, MAX_PER_PAGE, Map.of());
  }

  private ListRequest(
      Target target,
      String path,
      ModelType<T> type,
      List<String> includes,
      @Nullable Instant updatedAfter,
      @Nullable Instant updatedBefore,
      int perPage,
      Map<String, String> params) {
    this.target = target;
    this.path = path;
    this.type = type;
    this.includes = includes;
    this.updatedAfter = updatedAfter;
    this.updatedBefore = updatedBefore;
    this.perPage = perPage;
    this.params = params;
  }

  /** Adds includes (sent comma-separated in one {@code include} parameter). */
  @SafeVarargs
  public final ListRequest<T, I> include(I... more) {
    List<String> names = new ArrayList<>(includes);
    for (I i : more) {
      if (!names.contains(i.wireName())) {
        names.add(i.wireName());
      }
    }
    return new ListRequest<>(
        target, path, type, List.copyOf(names), updatedAfter, updatedBefore, perPage, params);
  }

  /** Adds an include by its wire name, for includes without a constant. */
  public ListRequest<T, I> includeRaw(String wireName) {
    if (!wireName.matches("[a-z_.]+")) {
      throw new IllegalArgumentException("not an include name");
    }
    List<String> names = new ArrayList<>(includes);
    if (!names.contains(wireName)) {
      names.add(wireName);
    }
    return new ListRequest<>(
        target, path, type, List.copyOf(names), updatedAfter, updatedBefore, perPage, params);
  }

  /** Only records updated after this instant (sent as UTC {@code yyyy-MM-dd HH:mm:ss}). */
  public ListRequest<T, I> updatedAfter(Instant instant) {
    return new ListRequest<>(target, path, type, includes, instant, updatedBefore, perPage, params);
  }

  /** Only records updated before this instant (sent as UTC {@code yyyy-MM-dd HH:mm:ss}). */
  public ListRequest<T, I> updatedBefore(Instant instant) {
    return new ListRequest<>(target, path, type, includes, updatedAfter, instant, perPage, params);
  }

  /** Page size, 1 to {@value #MAX_PER_PAGE} (default {@value #MAX_PER_PAGE}). */
  public ListRequest<T, I> perPage(int n) {
    if (n < 1 || n > MAX_PER_PAGE) {
      throw new IllegalArgumentException("perPage must be within 1.." + MAX_PER_PAGE);
    }
    return new ListRequest<>(target, path, type, includes, updatedAfter, updatedBefore, n, params);
  }

  /** Any other filter, e.g. {@code type=YEAR} on groups or {@code has_class=true}. */
  public ListRequest<T, I> param(String name, String value) {
    switch (name) {
      case "include":
      case "per_page":
      case "page":
      case "updated_after":
      case "updated_before":
        throw new IllegalArgumentException("use the typed method for " + name);
      default:
        break;
    }
    Map<String, String> p = new LinkedHashMap<>(params);
    p.put(name, value);
    return new ListRequest<>(
        target,
        path,
        type,
        includes,
        updatedAfter,
        updatedBefore,
        perPage,
        Collections.unmodifiableMap(p));
  }

  /** The includes requested, as wire names. */
  public List<String> includes() {
    return includes;
  }

  /** The URI of the first page (resolving the school's region if needed). */
  public URI uri() {
    return uri(target.base());
  }

  URI uri(URI base) {
    return base.resolve(path + query());
  }

  private String query() {
    StringBuilder q = new StringBuilder();
    if (!includes.isEmpty()) {
      add(q, "include", String.join(",", includes));
    }
    if (updatedAfter != null) {
      add(q, "updated_after", WondeDates.QUERY_FORMAT.format(updatedAfter));
    }
    if (updatedBefore != null) {
      add(q, "updated_before", WondeDates.QUERY_FORMAT.format(updatedBefore));
    }
    for (Map.Entry<String, String> e : params.entrySet()) {
      add(q, e.getKey(), e.getValue());
    }
    add(q, "per_page", Integer.toString(perPage));
    return q.toString();
  }

  private static void add(StringBuilder q, String name, String value) {
    q.append(q.length() == 0 ? '?' : '&').append(encode(name)).append('=').append(encode(value));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Fetches one item by id, with this request's includes. */
  public T get(String id) {
    URI base = target.base();
    byte[] body = target.transport().get(itemUri(base, id), target.token()).body();
    return PageDecoder.single(body, type);
  }

  /** Fetches one item by id without blocking. */
  public CompletableFuture<T> getAsync(String id) {
    return target
        .baseAsync()
        .thenCompose(base -> target.transport().getAsync(itemUri(base, id), target.token()))
        .thenApply(r -> PageDecoder.single(r.body(), type));
  }

  private URI itemUri(URI base, String id) {
    String q = includes.isEmpty() ? "" : "?include=" + encode(String.join(",", includes));
    return base.resolve(path + "/" + Ids.check(id) + q);
  }

  /** The first page. */
  public Page<T> firstPage() {
    return fetch(uri(target.base()));
  }

  /** The page after {@code page}, if there is one. */
  public Optional<Page<T>> nextPage(Page<T> page) {
    Optional<URI> next = page.next();
    if (next.isEmpty()) {
      return Optional.empty();
    }
    HostRules.requireSameOrigin(page.requestUri(), next.get());
    return Optional.of(fetch(next.get()));
  }

  private Page<T> fetch(URI uri) {
    Transport.Response r = target.transport().get(uri, target.token());
    return PageDecoder.page(r.body(), uri, type, perPage);
  }

  /**
   * Page {@code number} (1-based) of this request, without blocking: the same parameters as the
   * first page plus {@code page=number}. Wonde numbers pages from 1 and answers a page past the end
   * with an empty list, but it does not say how many pages there are; to read every page of a list,
   * follow {@code next} ({@link #allAsync()}) unless the number of pages is known otherwise, and
   * check what comes back.
   *
   * @throws IllegalArgumentException if {@code number} is less than 1
   */
  public CompletableFuture<Page<T>> pageAsync(int number) {
    if (number < 1) {
      throw new IllegalArgumentException("pages are numbered from 1");
    }
    return target.baseAsync().thenCompose(base -> fetchAsync(pageUri(base, number)));
  }

  private URI pageUri(URI base, int number) {
    return number == 1 ? uri(base) : base.resolve(path + query() + "&page=" + number);
  }

  /** The first page, without blocking. */
  public CompletableFuture<Page<T>> firstPageAsync() {
    return target.baseAsync().thenCompose(base -> fetchAsync(uri(base)));
  }

  /** The page after {@code page}, without blocking. */
  public CompletableFuture<Optional<Page<T>>> nextPageAsync(Page<T> page) {
    Optional<URI> next = page.next();
    if (next.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    try {
      HostRules.requireSameOrigin(page.requestUri(), next.get());
    } catch (WondeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return fetchAsync(next.get()).thenApply(Optional::of);
  }

  private CompletableFuture<Page<T>> fetchAsync(URI uri) {
    return target
        .transport()
        .getAsync(uri, target.token())
        .thenApply(r -> PageDecoder.page(r.body(), uri, type, perPage));
  }

  /** Every item of every page, fetched without blocking; fails if any page fails. */
  public CompletableFuture<List<T>> allAsync() {
    List<T> out = Collections.synchronizedList(new ArrayList<>());
    Set<URI> seen = Collections.synchronizedSet(new HashSet<>());
    return firstPageAsync()
        .thenCompose(p -> collect(p, out, seen))
        .thenApply(v -> List.copyOf(out));
  }

  /**
   * Like {@link #allAsync()}, but fails with a {@link WondeDecodeException} when a page comes back
   * without {@code meta.pagination} although {@code per_page} was sent (the reference says {@code
   * per_page} forces pagination). For reads where an empty, unpaginated answer must not be taken
   * for "nothing changed", such as an incremental sync's feeds.
   */
  public CompletableFuture<List<T>> allPaginatedAsync() {
    List<T> out = Collections.synchronizedList(new ArrayList<>());
    Set<URI> seen = Collections.synchronizedSet(new HashSet<>());
    return firstPageAsync()
        .thenCompose(p -> collect(p, out, seen, true))
        .thenApply(v -> List.copyOf(out));
  }

  private CompletableFuture<Void> collect(Page<T> page, List<T> out, Set<URI> seen) {
    return collect(page, out, seen, false);
  }

  private CompletableFuture<Void> collect(
      Page<T> page, List<T> out, Set<URI> seen, boolean requirePagination) {
    if (requirePagination && !page.paginated()) {
      return CompletableFuture.failedFuture(
          new WondeDecodeException(
              "meta.pagination", "missing although per_page was sent; the page cannot be trusted"));
    }
    out.addAll(page.items());
    seen.add(page.requestUri());
    Optional<URI> next = page.next();
    if (next.isPresent() && seen.contains(next.get())) {
      return CompletableFuture.failedFuture(loop());
    }
    return nextPageAsync(page)
        .thenCompose(
            n ->
                n.isPresent()
                    ? collect(n.get(), out, seen, requirePagination)
                    : CompletableFuture.completedFuture(null));
  }

  private static WondeDecodeException loop() {
    return new WondeDecodeException("meta.pagination.next", "links back to a page already read");
  }

  /** Lazily fetched pages: the first on the first {@code hasNext()}, the others on demand. */
  public Iterable<Page<T>> pages() {
    return () ->
        new Iterator<Page<T>>() {
          private @Nullable Page<T> current;
          private @Nullable Page<T> pending;
          private boolean started;
          private final Set<URI> seen = new HashSet<>();

          @Override
          public boolean hasNext() {
            if (pending != null) {
              return true;
            }
            if (!started) {
              started = true;
              pending = firstPage();
              seen.add(pending.requestUri());
              return true;
            }
            Page<T> c = current;
            if (c == null || !c.hasNext()) {
              return false;
            }
            URI next = c.next().orElseThrow();
            if (!seen.add(next)) {
              throw loop();
            }
            pending = nextPage(c).orElseThrow();
            return true;
          }

          @Override
          public Page<T> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            Page<T> p = pending;
            if (p == null) {
              throw new NoSuchElementException();
            }
            pending = null;
            current = p;
            return p;
          }
        };
  }

  /** Every item of every page, fetched lazily page by page. */
  public Iterable<T> items() {
    return () ->
        new Iterator<T>() {
          private final Iterator<Page<T>> pages = pages().iterator();
          private Iterator<T> items = Collections.emptyIterator();

          @Override
          public boolean hasNext() {
            while (!items.hasNext()) {
              if (!pages.hasNext()) {
                return false;
              }
              items = pages.next().items().iterator();
            }
            return true;
          }

          @Override
          public T next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return items.next();
          }
        };
  }

  /** Every item of every page as a lazy sequential stream. */
  public Stream<T> stream() {
    return StreamSupport.stream(items().spliterator(), false);
  }

  @Override
  public String toString() {
    return "ListRequest{" + path + ", includes=" + includes + ", perPage=" + perPage + "}";
  }
}
