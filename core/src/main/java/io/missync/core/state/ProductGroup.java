package io.missync.core.state;

import io.missync.core.MissyncException;
import io.missync.core.model.GroupKind;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A group in the vendor's product, linked to the MIS group it mirrors (if any).
 *
 * @param groupId the product's id for the group
 * @param sourceGroupId the MIS group's id, or null for groups the product made itself
 * @param kind the kind of group
 * @param name the name as last applied
 * @param subject the subject of a class as last applied, or null
 * @param archived true once archived
 */
public record ProductGroup(
    String groupId,
    @Nullable String sourceGroupId,
    GroupKind kind,
    String name,
    @Nullable String subject,
    boolean archived) {
  public ProductGroup {
    if (groupId.isBlank()) {
      throw new MissyncException("ProductGroup.groupId must not be blank");
    }
    if (name.isBlank()) {
      throw new MissyncException("ProductGroup.name must not be blank");
    }
  }

  public Optional<String> source() {
    return Optional.ofNullable(sourceGroupId);
  }

  public Optional<String> subjectName() {
    return Optional.ofNullable(subject);
  }

  public ProductGroup withArchived(boolean a) {
    return new ProductGroup(groupId, sourceGroupId, kind, name, subject, a);
  }
}
