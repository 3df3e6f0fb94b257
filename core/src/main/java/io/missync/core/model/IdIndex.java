package io.missync.core.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A map from id strings to non-negative ints (positions), by open addressing with linear probing:
 * one array of keys and one of {@code hash << 32 | value + 1} (0 marks an empty bucket), so an
 * entry costs no object and a lookup scans the probed longs, touching a key only when the hashes
 * agree. Snapshots index millions of people with it; a lookup by a freshly parsed id is a cache
 * miss or two fewer than in a {@code HashMap<String, Integer>} (no node, no boxed value), and an
 * entry takes 16 to 32 bytes (the table fills to three quarters, doubling) against about 52.
 *
 * <p>Reads are safe from many threads once no one writes. Removal shifts later entries back (no
 * tombstones), so a long-lived, changing index stays as fast as a fresh one.
 */
final class IdIndex {
  private static final int MIN_CAPACITY = 16;
  private static final long VALUE = 0xffffffffL;

  private @Nullable String[] keys;
  private long[] entries;
  private int size;
  private int shift;

  IdIndex(int expected) {
    int cap = MIN_CAPACITY;
    while (cap * 3L < expected * 4L && cap < (1 << 30)) {
      cap <<= 1;
    }
    keys = new String[cap];
    entries = new long[cap];
    shift = 32 - Integer.numberOfTrailingZeros(cap);
  }

  private IdIndex(IdIndex other) {
    keys = other.keys.clone();
    entries = other.entries.clone();
    size = other.size;
    shift = other.shift;
  }

  IdIndex copy() {
    return new IdIndex(this);
  }

  int size() {
    return size;
  }

  /** The value held for the id, or -1. */
  int get(String id) {
    int b = bucket(id);
    return b < 0 ? -1 : valueAt(b);
  }

  /** The bucket holding the id, or -1; see {@link #keyAt} and {@link #valueAt}. */
  int bucket(String id) {
    int h = id.hashCode();
    int mask = keys.length - 1;
    for (int i = home(h); ; i = (i + 1) & mask) {
      long e = entries[i];
      if (e == 0) {
        return -1;
      }
      if ((int) (e >>> 32) == h && Objects.requireNonNull(keys[i]).equals(id)) {
        return i;
      }
    }
  }

  /** The key instance held in a bucket {@link #bucket} returned. */
  String keyAt(int bucket) {
    return Objects.requireNonNull(keys[bucket]);
  }

  int valueAt(int bucket) {
    return (int) (entries[bucket] & VALUE) - 1;
  }

  /** Adds the id with the value unless it is there; returns the value held before, or -1. */
  int putIfAbsent(String id, int value) {
    return put(id, value, false);
  }

  /** Sets the id's value; returns the value held before, or -1. */
  int put(String id, int value) {
    return put(id, value, true);
  }

  private int put(String id, int value, boolean replace) {
    if (value < 0 || value == Integer.MAX_VALUE) {
      throw new IllegalArgumentException("value out of range");
    }
    int h = id.hashCode();
    int mask = keys.length - 1;
    int i = home(h);
    for (; ; i = (i + 1) & mask) {
      long e = entries[i];
      if (e == 0) {
        break;
      }
      if ((int) (e >>> 32) == h && Objects.requireNonNull(keys[i]).equals(id)) {
        if (replace) {
          entries[i] = entry(h, value);
        }
        return (int) (e & VALUE) - 1;
      }
    }
    keys[i] = id;
    entries[i] = entry(h, value);
    if (++size * 4L > keys.length * 3L) {
      grow();
    }
    return -1;
  }

  private static long entry(int hash, int value) {
    return ((long) hash << 32) | (value + 1);
  }

  /** Removes the id; returns its value, or -1 when it was not there. */
  int remove(String id) {
    int b = bucket(id);
    if (b < 0) {
      return -1;
    }
    int value = valueAt(b);
    int mask = keys.length - 1;
    // backward-shift deletion: move up each later entry of the run that may live in the hole
    int hole = b;
    for (int i = (b + 1) & mask; ; i = (i + 1) & mask) {
      if (entries[i] == 0) {
        break;
      }
      int home = home((int) (entries[i] >>> 32));
      // the entry at i may move to the hole when its home is not in (hole, i] cyclically
      boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
      if (movable) {
        keys[hole] = keys[i];
        entries[hole] = entries[i];
        hole = i;
      }
    }
    keys[hole] = null;
    entries[hole] = 0;
    size--;
    return value;
  }

  private int home(int hash) {
    // Fibonacci hashing spreads the string hash's low-entropy bits over the table
    return (hash * 0x9E3779B9) >>> shift;
  }

  private void grow() {
    @Nullable String[] oldKeys = keys;
    long[] oldEntries = entries;
    int cap = oldKeys.length * 2;
    keys = new String[cap];
    entries = new long[cap];
    shift = 32 - Integer.numberOfTrailingZeros(cap);
    int mask = cap - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      String k = oldKeys[j];
      if (k != null) {
        int i = home((int) (oldEntries[j] >>> 32));
        while (entries[i] != 0) {
          i = (i + 1) & mask;
        }
        keys[i] = k;
        entries[i] = oldEntries[j];
      }
    }
  }

  @Override
  public String toString() {
    return "IdIndex[size=" + size + ", capacity=" + keys.length + "]";
  }
}
