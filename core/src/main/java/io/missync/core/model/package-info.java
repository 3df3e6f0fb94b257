/**
 * The MIS model: people (students, staff, contacts), typed groups, memberships, guardian links, and
 * {@link io.missync.core.model.MisSnapshot}, one school's state at one instant. Every type is
 * immutable and validated when built; strings that come from an MIS (gender, relationship, the
 * wire's group type) are open values, never closed enums.
 */
@NullMarked
package io.missync.core.model;

import org.jspecify.annotations.NullMarked;
