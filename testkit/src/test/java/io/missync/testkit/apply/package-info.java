@NullMarked
package io.missync.testkit.apply;

import org.jspecify.annotations.NullMarked;
