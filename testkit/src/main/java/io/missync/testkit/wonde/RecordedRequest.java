package io.missync.testkit.wonde;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One request the simulator received, for assertions. No credentials are kept.
 *
 * @param index 1-based arrival index across the whole simulator
 * @param method HTTP method
 * @param path raw path, e.g. {@code /v1.0/schools/A123/students}
 * @param query raw query string, empty when none
 * @param status status sent, or -1 when the connection was dropped without a response
 * @param fault the injected fault, if any
 * @param inFlight requests for the same path (query aside) the simulator was handling when this one
 *     arrived, this one included: 1 when none overlapped it, so above 1 shows that a client had
 *     several pages of one list in flight at once
 */
public record RecordedRequest(
    long index,
    String method,
    String path,
    String query,
    int status,
    @Nullable Fault fault,
    int inFlight) {

  /** A request recorded without its overlap ({@code inFlight} 1). */
  public RecordedRequest(
      long index, String method, String path, String query, int status, @Nullable Fault fault) {
    this(index, method, path, query, status, fault, 1);
  }

  public Optional<Fault> injectedFault() {
    return Optional.ofNullable(fault);
  }
}
