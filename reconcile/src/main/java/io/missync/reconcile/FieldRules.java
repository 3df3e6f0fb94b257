package io.missync.reconcile;

import io.missync.core.model.Contact;
import io.missync.core.model.Gender;
import io.missync.core.model.Person;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import io.missync.core.plan.FieldChange;
import io.missync.core.plan.Reason;
import io.missync.core.plan.ReasonCode;
import io.missync.core.state.Account;
import io.missync.core.state.AccountField;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Rule unit <b>fields</b>: the managed field values an account should hold for an MIS person under
 * the policy (preferred or legal names, mapped year labels), and the difference from what it holds.
 * Product-owned fields are set at create time and never compared; the username is never a managed
 * field here (renames that regenerate it are chosen with the creates).
 *
 * <p>Produces {@link ReasonCode#FIELDS_CHANGED}. Proved by {@code PlannerTest}
 * (renamesUpdateFieldsAndKeepTheUsernameByDefault, legalNamesCanBeShownInsteadOfPreferred,
 * productOwnedFieldsAreSetOnceAndNeverOverwritten, unmanagedFieldsAreNeitherSetNorCompared).
 */
final class FieldRules {
  private static final AccountField[] FIELDS = AccountField.values();

  /** What differs: the changes in field order, and whether a shown name is among them. */
  record Diff(List<FieldChange> changes, boolean renamed) {}

  private final SyncPolicy policy;

  FieldRules(SyncPolicy policy) {
    this.policy = policy;
  }

  @Nullable String desired(Person p, AccountField f) {
    switch (f) {
      case FORENAME:
        return blankToNull(
            policy.names() == SyncPolicy.NameSource.LEGAL
                ? p.legalForename().orElse(p.forename())
                : p.forename());
      case SURNAME:
        return blankToNull(
            policy.names() == SyncPolicy.NameSource.LEGAL
                ? p.legalSurname().orElse(p.surname())
                : p.surname());
      case LEGAL_FORENAME:
        return p.legalForename().orElse(null);
      case LEGAL_SURNAME:
        return p.legalSurname().orElse(null);
      case MIDDLE_NAMES:
        return p.middleNames().orElse(null);
      case TITLE:
        return p.title().orElse(null);
      case EMAIL:
        return p.email().orElse(null);
      case DATE_OF_BIRTH:
        return p.dateOfBirth().map(LocalDate::toString).orElse(null);
      case GENDER:
        return p.gender().map(Gender::value).orElse(null);
      case YEAR_GROUP:
        return p instanceof Student s
            ? s.yearGroup().map(y -> policy.yearGroups().map(y)).orElse(null)
            : null;
      case UPN:
        return p instanceof Student s ? s.upn().orElse(null) : null;
      case STAFF_CODE:
        return p instanceof StaffMember s ? s.staffCode().orElse(null) : null;
      case JOB_TITLE:
        return p instanceof StaffMember s ? s.jobTitle().orElse(null) : null;
      case PHONE:
        return p instanceof Contact c ? c.phone().orElse(null) : null;
      case USERNAME:
        return null;
    }
    throw new AssertionError(f);
  }

  private static @Nullable String blankToNull(String s) {
    return s.isBlank() ? null : s;
  }

  Map<AccountField, String> createFields(Person p) {
    EnumMap<AccountField, String> m = new EnumMap<>(AccountField.class);
    for (AccountField f : policy.managedFields()) {
      String v = desired(p, f);
      if (v != null) {
        m.put(f, v);
      }
    }
    return m;
  }

  /** The managed fields that differ between the person and the account, or null for none. */
  @Nullable Diff diff(Person p, Account acc) {
    Map<AccountField, String> have = acc.fields();
    Set<AccountField> managed = policy.managedFields();
    Set<AccountField> owned = policy.productOwnedFields();
    List<FieldChange> diffs = null;
    boolean renamed = false;
    for (AccountField f : FIELDS) {
      if (f == AccountField.USERNAME || !managed.contains(f) || owned.contains(f)) {
        continue;
      }
      String want = desired(p, f);
      String cur = have.get(f);
      if (!Objects.equals(want, cur)) {
        if (diffs == null) {
          diffs = new ArrayList<>(2);
        }
        diffs.add(new FieldChange(f, cur, want));
        renamed |= f == AccountField.FORENAME || f == AccountField.SURNAME;
      }
    }
    return diffs == null ? null : new Diff(diffs, renamed);
  }

  static Reason reason(List<FieldChange> diffs) {
    StringBuilder names = new StringBuilder();
    for (FieldChange d : diffs) {
      if (names.length() > 0) {
        names.append(',');
      }
      names.append(d.field().name());
    }
    return Reason.of(ReasonCode.FIELDS_CHANGED, "fields", names.toString());
  }
}
