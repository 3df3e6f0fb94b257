package io.missync.wonde.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/** A student's {@code extended_details} (SEN, FSM, EAL...). Values are read as text. */
public final class ExtendedDetails extends WireObject {
  private static final Set<String> KNOWN =
      Set.of(
          "sen_status",
          "free_school_meals",
          "premium_pupil_indicator",
          "english_as_additional_language_status",
          "first_language",
          "home_language");

  ExtendedDetails(ObjectNode node, Loc loc) {
    super(node, loc);
  }

  @Override
  Set<String> knownFields() {
    return KNOWN;
  }

  public Optional<String> senStatus() {
    return opt("sen_status");
  }

  public Optional<String> freeSchoolMeals() {
    return opt("free_school_meals");
  }

  public Optional<String> premiumPupilIndicator() {
    return opt("premium_pupil_indicator");
  }

  public Optional<String> englishAsAdditionalLanguageStatus() {
    return opt("english_as_additional_language_status");
  }

  public Optional<String> firstLanguage() {
    return opt("first_language");
  }

  public Optional<String> homeLanguage() {
    return opt("home_language");
  }
}
