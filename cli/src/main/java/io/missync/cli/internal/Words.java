package io.missync.cli.internal;

import io.missync.core.EntityType;
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.HoldReason;
import java.util.Locale;

/** Plain words for the vocabulary's enums, as a person reading a summary expects them. */
final class Words {
  private Words() {}

  /** The first 12 characters of a plan id: enough to tell plans apart, short enough to type. */
  static String shortId(String planId) {
    return planId.length() <= 12 ? planId : planId.substring(0, 12);
  }

  static String type(EntityType t) {
    switch (t) {
      case STUDENT:
        return "pupils";
      case STAFF:
        return "staff";
      case CONTACT:
        return "parents";
      case GROUP:
        return "groups";
      case MEMBERSHIP:
        return "memberships";
      case GUARDIAN_LINK:
        return "guardian links";
    }
    throw new AssertionError(t);
  }

  static String kind(ChangeKind k) {
    return k.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** Why the gate held, in words, followed by the gate's own message with its figures. */
  static String hold(HoldReason r) {
    String type = r.type().map(Words::type).orElse("records");
    String what;
    switch (r.code()) {
      case EMPTY_SOURCE:
        what = "the source has no " + type + " but the product has accounts for them";
        break;
      case INCOMPLETE_SOURCE:
        what = type + " were not read completely, so nobody can be treated as a leaver";
        break;
      case COUNT_MISMATCH:
        what = "the number of " + type + " read disagrees with the source's own count";
        break;
      case THRESHOLD_EXCEEDED:
        what = "more changes to " + type + " than the safety threshold allows";
        break;
      case MIGRATION_DETECTED:
        what = "the school seems to have moved to another MIS (ids changed, people match)";
        break;
      case REVIEW_REQUIRED:
        what = "some matches need a person to decide first";
        break;
      default:
        what = r.code().name();
    }
    return what + " (" + r.message() + ")";
  }

  /** A whole number with thousands separators. */
  static String n(long v) {
    return String.format(Locale.UK, "%,d", v);
  }
}
