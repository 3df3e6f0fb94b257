package io.missync.wonde.model;

import io.missync.wonde.internal.Json;
import org.jspecify.annotations.Nullable;

/**
 * Where a wire object sits in its response, e.g. {@code data[2].contacts.data[0]}. Rendered only
 * when an error needs it, so decoding allocates no path strings.
 */
final class Loc {
  private static final Loc EMPTY = new Loc(null, "", null, false, -1);

  private final @Nullable Loc parent;
  private final @Nullable String root;
  private final @Nullable String field;
  private final boolean wrapped;
  private final int index;

  private Loc(
      @Nullable Loc parent,
      @Nullable String root,
      @Nullable String field,
      boolean wrapped,
      int index) {
    this.parent = parent;
    this.root = root;
    this.field = field;
    this.wrapped = wrapped;
    this.index = index;
  }

  static Loc root(String path) {
    return path.isEmpty() ? EMPTY : new Loc(null, path, null, false, -1);
  }

  /** {@code data[index]} of a list response. */
  static Loc dataItem(int index) {
    return new Loc(EMPTY, null, "data", false, index);
  }

  /** A one-to-one field, {@code wrapped} when sent as {@code {"data": {...}}}. */
  static Loc child(Loc parent, String field, boolean wrapped) {
    return new Loc(parent, null, field, wrapped, -1);
  }

  /**
   * Element {@code index} of a list field, {@code wrapped} when sent as {@code {"data": [...]}}.
   */
  static Loc element(Loc parent, String field, boolean wrapped, int index) {
    return new Loc(parent, null, field, wrapped, index);
  }

  @Override
  public String toString() {
    if (root != null) {
      return root;
    }
    String f = field == null ? "" : field;
    String base = parent == null ? f : Json.path(parent, f);
    if (wrapped) {
      base = base + ".data";
    }
    return index >= 0 ? base + "[" + index + "]" : base;
  }
}
