package io.missync.wonde.snapshot;

import io.missync.wonde.Include;
import io.missync.wonde.ListRequest;
import io.missync.wonde.Page;
import io.missync.wonde.WondeDecodeException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads every page of a full (not incremental) list, requesting pages 2..N at once when N is known,
 * else following {@code next} one page at a time.
 *
 * <p>N comes from the first page's {@code meta.pagination.last_page} or {@code total} when present
 * (Wonde's documented pagination has neither), else from the school's count for the list. Pages are
 * requested by number only when the first page shows plain page-number paging: {@code
 * meta.pagination} with {@code per_page}, {@code current_page} 1 (or absent) and a {@code next}
 * link that is this request's URI plus {@code page=2} and nothing else (so not a cursor). Anything
 * else falls back to following {@code next}.
 *
 * <p>Checks on the pages read by number: each must say it is the page asked for (else the
 * concurrent pages are discarded and the list is read by following {@code next} from page 1); if
 * the last planned page links to a further page, the list grew or the count was low, and the
 * following pages are read by following {@code next}. The read is marked <em>shifted</em> when the
 * pages disagree on the total, when a page after one that ended the list still has records, or when
 * a record (by id) is on more than one page: records were added or removed between the requests, so
 * one may have moved across a page boundary unseen. Any failed page fails the read.
 */
final class PageByPage {
  /** More pages than this from a count or total is not believed; {@code next} is followed. */
  static final int MAX_PLANNED_PAGES = 2_000;

  private PageByPage() {}

  /** How a list was read. */
  enum Mode {
    /** One page held everything (or the list had no pagination meta). */
    SINGLE_PAGE,
    /** Pages 2..N requested at once. */
    CONCURRENT,
    /** {@code next} followed page by page. */
    SEQUENTIAL
  }

  /**
   * Every item of a list, in page order (duplicates kept), and what the read noticed.
   *
   * @param fallback why the list was read by following {@code next}, if it was
   * @param shifted why the list cannot be taken as whole (it changed while it was read, or a page
   *     was not a proper page), if so
   */
  record Result<T>(
      List<T> items,
      Mode mode,
      int pages,
      int duplicates,
      Optional<String> fallback,
      Optional<String> shifted) {
    Result {
      items = List.copyOf(items);
    }
  }

  /**
   * Reads every page of {@code request}.
   *
   * @param expected the school's count for this list, if known; empty to rely on the pages' meta
   * @param id the record id (empty when unreadable), to notice a record on two pages
   */
  static <T, I extends Include> CompletableFuture<Result<T>> read(
      ListRequest<T, I> request,
      CompletableFuture<OptionalLong> expected,
      Function<T, Optional<String>> id) {
    return request
        .firstPageAsync()
        .thenCombine(expected, (first, count) -> new Plan<>(request, first, count, id))
        .thenCompose(Plan::run);
  }

  private static final class Plan<T, I extends Include> {
    private final ListRequest<T, I> request;
    private final Page<T> first;
    private final OptionalLong count;
    private final Function<T, Optional<String>> id;

    Plan(
        ListRequest<T, I> request,
        Page<T> first,
        OptionalLong count,
        Function<T, Optional<String>> id) {
      this.request = request;
      this.first = first;
      this.count = count;
      this.id = id;
    }

    CompletableFuture<Result<T>> run() {
      if (!first.paginated() || first.next().isEmpty()) {
        return CompletableFuture.completedFuture(
            result(List.of(first), Mode.SINGLE_PAGE, null, null));
      }
      String why = whyNotByNumber();
      if (why != null) {
        return sequential(why);
      }
      int perPage = first.perPage().getAsInt();
      long n = plannedPages(perPage);
      if (n < 0) {
        return sequential("no total: neither the pages nor the counts say how many records");
      }
      if (n > MAX_PLANNED_PAGES) {
        return sequential("implausible page count " + n);
      }
      if (n <= 2) {
        return sequential(null);
      }
      List<CompletableFuture<Page<T>>> rest = new ArrayList<>();
      for (int k = 2; k <= n; k++) {
        rest.add(request.pageAsync(k));
      }
      return CompletableFuture.allOf(rest.toArray(new CompletableFuture<?>[0]))
          .thenCompose(
              v -> {
                List<Page<T>> pages = new ArrayList<>();
                pages.add(first);
                rest.forEach(f -> pages.add(f.join()));
                return check(pages);
              });
    }

    /** Why the first page does not allow requesting pages by number, or null if it does. */
    private @Nullable String whyNotByNumber() {
      if (first.perPage().isEmpty() || first.perPage().getAsInt() < 1) {
        return "no per_page in meta.pagination";
      }
      OptionalInt current = first.currentPage();
      if (current.isPresent() && current.getAsInt() != 1) {
        return "first page says it is page " + current.getAsInt();
      }
      URI next = first.next().orElseThrow();
      if (!sameParams(first.requestUri(), next, 2)) {
        return "next is not this request with page=2 (e.g. cursor paging)";
      }
      return null;
    }

    /** The number of pages, or -1 when unknown. */
    private long plannedPages(int perPage) {
      if (first.lastPage().isPresent()) {
        return first.lastPage().getAsInt();
      }
      OptionalLong total = first.total().isPresent() ? first.total() : count;
      if (total.isEmpty()) {
        return -1;
      }
      return Math.max(1, (total.getAsLong() + perPage - 1) / perPage);
    }

    private CompletableFuture<Result<T>> check(List<Page<T>> pages) {
      String shifted = null;
      Page<T> ended = null;
      for (int k = 1; k <= pages.size(); k++) {
        Page<T> p = pages.get(k - 1);
        OptionalInt current = p.currentPage();
        if (current.isPresent() && current.getAsInt() != k) {
          // the server did not answer page=k as page k: what came back cannot be placed
          return sequential("page " + k + " came back as page " + current.getAsInt());
        }
        if (!p.paginated() && shifted == null) {
          // an empty or short answer without meta in the middle of a list (a half-loaded school,
          // the wrong region): the list cannot be known to be whole, as when following next
          shifted = "page " + k + " came back without pagination meta";
        }
        if (shifted == null && differs(first.total(), p.total())) {
          shifted =
              "page "
                  + k
                  + " gives total "
                  + p.total().getAsLong()
                  + ", page 1 gave "
                  + first.total().getAsLong();
        }
        if (shifted == null && differs(first.lastPage(), p.lastPage())) {
          shifted =
              "page "
                  + k
                  + " gives last_page "
                  + p.lastPage().getAsInt()
                  + ", page 1 gave "
                  + first.lastPage().getAsInt();
        }
        if (ended != null && !p.items().isEmpty() && shifted == null) {
          shifted = "page " + k + " has records after the list ended on an earlier page";
        }
        if (ended == null && p.next().isEmpty()) {
          ended = p;
        }
      }
      Page<T> last = pages.get(pages.size() - 1);
      if (last.next().isEmpty()) {
        return CompletableFuture.completedFuture(result(pages, Mode.CONCURRENT, null, shifted));
      }
      // the list goes on past the planned pages (it grew, or the count was low)
      String s = shifted;
      return follow(last, pages).thenApply(all -> result(all, Mode.CONCURRENT, null, s));
    }

    private CompletableFuture<Result<T>> sequential(@Nullable String why) {
      List<Page<T>> pages = new ArrayList<>();
      pages.add(first);
      return follow(first, pages).thenApply(all -> result(all, Mode.SEQUENTIAL, why, null));
    }

    /** Follows {@code next} from {@code from} (already in {@code pages}) to the end. */
    private CompletableFuture<List<Page<T>>> follow(Page<T> from, List<Page<T>> pages) {
      Set<URI> seen = new HashSet<>();
      pages.forEach(p -> seen.add(p.requestUri()));
      return follow(from, pages, seen);
    }

    private CompletableFuture<List<Page<T>>> follow(
        Page<T> from, List<Page<T>> pages, Set<URI> seen) {
      Optional<URI> next = from.next();
      if (next.isEmpty()) {
        return CompletableFuture.completedFuture(pages);
      }
      if (!seen.add(next.get())) {
        return CompletableFuture.failedFuture(
            new WondeDecodeException("meta.pagination.next", "links back to a page already read"));
      }
      return request
          .nextPageAsync(from)
          .thenCompose(
              p -> {
                if (p.isEmpty()) {
                  return CompletableFuture.completedFuture(pages);
                }
                pages.add(p.get());
                return follow(p.get(), pages, seen);
              });
    }

    private Result<T> result(
        List<Page<T>> pages, Mode mode, @Nullable String fallback, @Nullable String shifted) {
      List<T> items = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      int duplicates = 0;
      for (Page<T> p : pages) {
        for (T t : p.items()) {
          items.add(t);
          Optional<String> i = id.apply(t);
          if (i.isPresent() && !ids.add(i.get())) {
            duplicates++;
          }
        }
      }
      String s = shifted;
      if (s == null && mode == Mode.CONCURRENT && duplicates > 0) {
        s = duplicates + " record(s) on more than one page";
      }
      // a total in the pages' meta (not documented by Wonde) is a count to check against too
      OptionalLong total = pages.get(pages.size() - 1).total();
      long distinct = (long) items.size() - duplicates;
      if (s == null && total.isPresent() && distinct < total.getAsLong()) {
        s = "read " + distinct + " distinct records, the pages' total says " + total.getAsLong();
      }
      return new Result<>(
          items,
          mode,
          pages.size(),
          duplicates,
          Optional.ofNullable(fallback),
          Optional.ofNullable(s));
    }
  }

  private static boolean differs(OptionalLong a, OptionalLong b) {
    return a.isPresent() && b.isPresent() && a.getAsLong() != b.getAsLong();
  }

  private static boolean differs(OptionalInt a, OptionalInt b) {
    return a.isPresent() && b.isPresent() && a.getAsInt() != b.getAsInt();
  }

  /**
   * Whether {@code next} is {@code request} with {@code page=number} added: same scheme, host, port
   * and path, and the same query parameters (order aside) but for {@code page}.
   */
  static boolean sameParams(URI request, URI next, int number) {
    if (!eqIgnoreCase(request.getScheme(), next.getScheme())
        || !eqIgnoreCase(request.getHost(), next.getHost())
        || request.getPort() != next.getPort()
        || !java.util.Objects.equals(request.getRawPath(), next.getRawPath())) {
      return false;
    }
    Map<String, List<String>> a = params(request.getRawQuery());
    Map<String, List<String>> b = params(next.getRawQuery());
    List<String> page = b.remove("page");
    if (page == null || page.size() != 1 || !page.get(0).equals(Integer.toString(number))) {
      return false;
    }
    a.remove("page");
    return a.equals(b);
  }

  private static boolean eqIgnoreCase(@Nullable String a, @Nullable String b) {
    return a == null ? b == null : a.equalsIgnoreCase(b);
  }

  private static Map<String, List<String>> params(@Nullable String rawQuery) {
    Map<String, List<String>> out = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    out.values().forEach(l -> l.sort(null));
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
