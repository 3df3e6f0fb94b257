package io.missync.csv.internal;

import io.missync.core.EntityType;

/**
 * A user id seen in the export, with its type; {@code id} is the canonical string instance, reused
 * by every membership naming the user so millions of enrollments do not hold copies.
 */
record Known(String id, EntityType type) {}
