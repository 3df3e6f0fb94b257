/** Tests of the review summary and the HTML plan report. */
@NullMarked
package io.missync.cli.internal;

import org.jspecify.annotations.NullMarked;
