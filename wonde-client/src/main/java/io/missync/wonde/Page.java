package io.missync.wonde;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list response.
 *
 * @param <T> item type
 */
public final class Page<T> {
  private final List<T> items;
  private final URI requestUri;
  private final @Nullable URI next;
  private final boolean more;
  private final @Nullable Integer perPage;
  private final @Nullable Integer currentPage;
  private final boolean paginated;
  private final @Nullable Long total;
  private final @Nullable Integer lastPage;

  private Page(
      List<T> items,
      URI requestUri,
      @Nullable URI next,
      boolean more,
      @Nullable Integer perPage,
      @Nullable Integer currentPage,
      boolean paginated,
      @Nullable Long total,
      @Nullable Integer lastPage) {
    this.items = List.copyOf(items);
    this.requestUri = requestUri;
    this.next = next;
    this.more = more;
    this.perPage = perPage;
    this.currentPage = currentPage;
    this.paginated = paginated;
    this.total = total;
    this.lastPage = lastPage;
  }

  /** A page as decoded from {@code data} and {@code meta.pagination}. */
  public static <T> Page<T> of(
      List<T> items,
      URI requestUri,
      Optional<URI> next,
      boolean more,
      OptionalInt perPage,
      OptionalInt currentPage,
      boolean paginated) {
    return of(
        items,
        requestUri,
        next,
        more,
        perPage,
        currentPage,
        paginated,
        OptionalLong.empty(),
        OptionalInt.empty());
  }

  /**
   * A page as decoded from {@code data} and {@code meta.pagination}, with the total and last page
   * number when the answer carried them (Wonde's documented pagination does not: see {@link
   * #total()}).
   */
  public static <T> Page<T> of(
      List<T> items,
      URI requestUri,
      Optional<URI> next,
      boolean more,
      OptionalInt perPage,
      OptionalInt currentPage,
      boolean paginated,
      OptionalLong total,
      OptionalInt lastPage) {
    return new Page<>(
        items,
        requestUri,
        next.orElse(null),
        more,
        perPage.isPresent() ? perPage.getAsInt() : null,
        currentPage.isPresent() ? currentPage.getAsInt() : null,
        paginated,
        total.isPresent() ? total.getAsLong() : null,
        lastPage.isPresent() ? lastPage.getAsInt() : null);
  }

  /** The items, in wire order. */
  public List<T> items() {
    return items;
  }

  /** The URI this page was fetched from. */
  public URI requestUri() {
    return requestUri;
  }

  /** {@code meta.pagination.next}, resolved against {@link #requestUri()}. */
  public Optional<URI> next() {
    return Optional.ofNullable(next);
  }

  /** {@code meta.pagination.more}; false when absent. */
  public boolean more() {
    return more;
  }

  /** True when another page should be fetched ({@link #next()} is present). */
  public boolean hasNext() {
    return next != null;
  }

  public OptionalInt perPage() {
    return perPage == null ? OptionalInt.empty() : OptionalInt.of(perPage);
  }

  public OptionalInt currentPage() {
    return currentPage == null ? OptionalInt.empty() : OptionalInt.of(currentPage);
  }

  /**
   * {@code meta.pagination.total}, when present and a non-negative integer. Wonde's documented
   * pagination has no total; this is read leniently in case an answer carries one.
   */
  public OptionalLong total() {
    return total == null ? OptionalLong.empty() : OptionalLong.of(total);
  }

  /**
   * {@code meta.pagination.last_page}, when present and a positive integer. Like {@link #total()},
   * not part of Wonde's documented pagination.
   */
  public OptionalInt lastPage() {
    return lastPage == null ? OptionalInt.empty() : OptionalInt.of(lastPage);
  }

  /** False when the response had no {@code meta.pagination} (a single, short page). */
  public boolean paginated() {
    return paginated;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Page)) {
      return false;
    }
    Page<?> p = (Page<?>) o;
    return items.equals(p.items)
        && requestUri.equals(p.requestUri)
        && Objects.equals(next, p.next)
        && more == p.more
        && Objects.equals(perPage, p.perPage)
        && Objects.equals(currentPage, p.currentPage)
        && paginated == p.paginated
        && Objects.equals(total, p.total)
        && Objects.equals(lastPage, p.lastPage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        items, requestUri, next, more, perPage, currentPage, paginated, total, lastPage);
  }

  @Override
  public String toString() {
    return "Page{items="
        + items.size()
        + ", currentPage="
        + currentPage
        + ", more="
        + more
        + ", hasNext="
        + (next != null)
        + "}";
  }
}
