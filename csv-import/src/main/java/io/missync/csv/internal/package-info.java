/** Implementation of csv-import: not API, may change without notice. */
@NullMarked
package io.missync.csv.internal;

import org.jspecify.annotations.NullMarked;
