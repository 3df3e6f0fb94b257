package io.missync.wonde.snapshot;

import io.missync.core.EntityType;
import io.missync.wonde.WondeDecodeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Collects issues and remembers which types lost records (so they cannot be COMPLETE). */
final class Issues {
  final List<FetchIssue> list = Collections.synchronizedList(new ArrayList<>());
  final Set<EntityType> incomplete = Collections.synchronizedSet(EnumSet.noneOf(EntityType.class));

  void add(EntityType type, String id, String field, String problem) {
    list.add(new FetchIssue(type, id, field, problem));
  }

  /** A record of this type was left out: the type can no longer be complete. */
  void leftOut(EntityType type, String id, String field, String problem) {
    add(type, id, field, "record left out: " + problem);
    incomplete.add(type);
  }

  /** Reads an optional field; an undecodable one is reported and treated as absent. */
  <T> @Nullable T read(EntityType type, String id, String field, Supplier<Optional<T>> getter) {
    try {
      return getter.get().orElse(null);
    } catch (WondeDecodeException e) {
      add(type, id, field, "unreadable at " + e.fieldPath() + ", treated as absent");
      return null;
    }
  }
}
