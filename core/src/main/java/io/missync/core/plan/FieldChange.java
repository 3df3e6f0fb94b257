package io.missync.core.plan;

import io.missync.core.state.AccountField;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One field's change in an update.
 *
 * @param field the field
 * @param from the value the product has, or null
 * @param to the value the source has, or null to clear
 */
public record FieldChange(AccountField field, @Nullable String from, @Nullable String to) {
  public Optional<String> oldValue() {
    return Optional.ofNullable(from);
  }

  public Optional<String> newValue() {
    return Optional.ofNullable(to);
  }

  /** Names the field only: values may be personal data. */
  @Override
  public String toString() {
    return field.name();
  }
}
