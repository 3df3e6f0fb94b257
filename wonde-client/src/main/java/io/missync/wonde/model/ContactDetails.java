package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/** {@code contact_details}: phones, emails and addresses. */
public final class ContactDetails extends WireObject {
  private static final Set<String> KNOWN = Set.of("salutation", "phones", "emails", "addresses");

  ContactDetails(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  public Optional<String> salutation() {
    return opt("salutation");
  }

  public Optional<Phones> phones() {
    return single("phones", Phones::new);
  }

  public Optional<Emails> emails() {
    return single("emails", Emails::new);
  }

  public Optional<Addresses> addresses() {
    return single("addresses", Addresses::new);
  }
}
