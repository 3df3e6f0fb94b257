package io.missync.core.plan;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The subject of a group change or the group in a membership change: the MIS group id, and the
 * product group where it already exists.
 *
 * @param sourceGroupId the MIS group's id
 * @param productGroupId the product's group id, or null if created in this plan
 */
public record GroupRef(String sourceGroupId, @Nullable String productGroupId) {
  public static GroupRef of(String sourceGroupId, @Nullable String productGroupId) {
    return new GroupRef(sourceGroupId, productGroupId);
  }

  public Optional<String> productGroup() {
    return Optional.ofNullable(productGroupId);
  }

  @Override
  public String toString() {
    return "group:" + sourceGroupId + (productGroupId == null ? "" : "->" + productGroupId);
  }
}
