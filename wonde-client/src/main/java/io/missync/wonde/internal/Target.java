package io.missync.wonde.internal;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** Where requests go and which token they carry: one school, or the account. */
public interface Target {
  Transport transport();

  /** Scheme and authority, e.g. {@code https://api.wonde.com}; may trigger a region lookup. */
  URI base();

  CompletableFuture<URI> baseAsync();

  String token();
}
