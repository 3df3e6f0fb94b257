/** Tests of the missync command line, in process and as a real process. */
@NullMarked
package io.missync.cli;

import org.jspecify.annotations.NullMarked;
