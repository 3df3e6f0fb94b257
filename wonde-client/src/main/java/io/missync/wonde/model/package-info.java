/**
 * Immutable, lenient wire models of the Wonde API. Accessors decode on read; a malformed field
 * throws {@link io.missync.wonde.WondeDecodeException} naming its path. Unknown fields are kept
 * ({@link io.missync.wonde.model.WireObject#extra()}). MIS strings are open values, never enums.
 */
@NullMarked
package io.missync.wonde.model;

import org.jspecify.annotations.NullMarked;
