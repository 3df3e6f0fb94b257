@NullMarked
package io.missync.scheduler;

import org.jspecify.annotations.NullMarked;
