/**
 * The product side: the accounts and groups the vendor's product has, their links to MIS people and
 * groups, and the version of that state a plan was computed from.
 */
@NullMarked
package io.missync.core.state;

import org.jspecify.annotations.NullMarked;
