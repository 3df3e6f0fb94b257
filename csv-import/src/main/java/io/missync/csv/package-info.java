/** missync csv-import. */
@NullMarked
package io.missync.csv;

import org.jspecify.annotations.NullMarked;
