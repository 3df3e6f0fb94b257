package io.missync.core.state;

import io.missync.core.model.Relationship;

/**
 * A link in the product between a contact's account and a student's account.
 *
 * @param contactAccountId the contact's account
 * @param studentAccountId the student's account
 * @param relationship the relationship as last applied
 * @param parentalResponsibility as last applied
 */
public record ProductGuardianLink(
    String contactAccountId,
    String studentAccountId,
    Relationship relationship,
    boolean parentalResponsibility) {

  /** The identity of the link: contact account and student account. */
  public String key() {
    return contactAccountId + "|" + studentAccountId;
  }
}
