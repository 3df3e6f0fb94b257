/**
 * Typed client for the Wonde school-data API (v1.0).
 *
 * <p>Start with {@link io.missync.wonde.WondeClient#builder()}. Wire models live in {@code
 * io.missync.wonde.model}, webhook payloads in {@code io.missync.wonde.webhook}, and the Wonde to
 * snapshot adapter in {@code io.missync.wonde.snapshot}. Everything in {@code
 * io.missync.wonde.internal} is implementation detail and may change without notice.
 */
@NullMarked
package io.missync.wonde;

import org.jspecify.annotations.NullMarked;
