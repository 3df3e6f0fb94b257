package io.missync.store.jdbc;

import java.util.Optional;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Skips jqwik properties when there is no test PostgreSQL (JUnit tests skip through the assumption
 * in {@link TestPostgres#dataSource()}). On CI nothing is skipped: the properties run and fail with
 * the reason.
 */
public class PostgresAvailable implements SkipExecutionHook {
  @Override
  public SkipResult shouldBeSkipped(LifecycleContext context) {
    Optional<String> why = TestPostgres.unavailable();
    if (why.isEmpty() || TestPostgres.onCi()) {
      return SkipResult.doNotSkip();
    }
    return SkipResult.skip(why.get());
  }
}
