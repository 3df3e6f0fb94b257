package io.missync.core.credentials;

import io.missync.core.MissyncException;
import io.missync.core.model.Person;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import io.missync.core.spi.UsernameGenerator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A username generator built from a template. Placeholders in braces are filled from the person and
 * the result is {@linkplain #normalize normalised} (accents stripped, lower case, only {@code
 * [a-z0-9._-]}). When the name is taken, a number is appended from 2 upwards ({@code jsmith},
 * {@code jsmith2}, {@code jsmith3}, ...), before any fixed {@linkplain #withSuffix suffix}.
 *
 * <p>Placeholders: {@code {forename}}, {@code {surname}} (preferred names where present), {@code
 * {legalForename}}, {@code {legalSurname}}, {@code {f}} and {@code {s}} (the initials), {@code
 * {emailLocal}} (the part of the email before {@code @}), {@code {staffCode}}, {@code
 * {admissionNumber}}. A placeholder with no value for the person gives the empty string.
 *
 * <p>Instances are immutable and deterministic: the same person and the same availability answers
 * give the same username, as the planner requires.
 */
public final class UsernameTemplate implements UsernameGenerator {
  private static final int MAX_ATTEMPTS = 100_000;

  private final String pattern;
  private final boolean wholeEmail;
  private final String suffix;
  private final int maxLength;
  private final String fallback;

  private UsernameTemplate(
      String pattern, boolean wholeEmail, String suffix, int maxLength, String fallback) {
    this.pattern = pattern;
    this.wholeEmail = wholeEmail;
    this.suffix = suffix;
    this.maxLength = maxLength;
    this.fallback = fallback;
  }

  /** Forename and surname initial: {@code Jamie Smith -> jamies}. */
  public static UsernameTemplate forenameSurnameInitial() {
    return pattern("{forename}{s}");
  }

  /** Forename initial and surname: {@code Jamie Smith -> jsmith}. */
  public static UsernameTemplate initialSurname() {
    return pattern("{f}{surname}");
  }

  /** Full name with a separator: {@code Jamie Smith -> jamie.smith}. */
  public static UsernameTemplate fullName(String separator) {
    return pattern("{forename}" + separator + "{surname}");
  }

  /** The local part of the person's email ({@code j.smith@school.org -> j.smith}). */
  public static UsernameTemplate emailLocalPart() {
    return pattern("{emailLocal}");
  }

  /**
   * The person's whole email address, lower-cased; a collision puts the number before the
   * {@code @}. People without an email fall back to forename initial and surname.
   */
  public static UsernameTemplate email() {
    return new UsernameTemplate("{f}{surname}", true, "", 64, "user");
  }

  /**
   * A custom pattern with placeholders, e.g. {@code "{f}{surname}.ks2"}.
   *
   * @throws IllegalArgumentException if a placeholder is unknown or a brace is unbalanced
   */
  public static UsernameTemplate pattern(String pattern) {
    validate(pattern);
    return new UsernameTemplate(pattern, false, "", 64, "user");
  }

  /** This template with a fixed suffix appended after any collision number (e.g. a domain). */
  public UsernameTemplate withSuffix(String fixedSuffix) {
    return new UsernameTemplate(pattern, wholeEmail, fixedSuffix, maxLength, fallback);
  }

  /** This template with names cut to at most {@code max} characters before the collision number. */
  public UsernameTemplate withMaxLength(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxLength must be at least 1");
    }
    return new UsernameTemplate(pattern, wholeEmail, suffix, max, fallback);
  }

  /** This template with the base used when a person's template renders empty. */
  public UsernameTemplate withFallback(String base) {
    String n = normalize(base);
    if (n.isEmpty()) {
      throw new IllegalArgumentException("fallback must have at least one usable character");
    }
    return new UsernameTemplate(pattern, wholeEmail, suffix, maxLength, n);
  }

  @Override
  public String generate(Person person, UsernameAvailability availability) {
    String base;
    String tail = suffix;
    Optional<String> email = person.email();
    if (wholeEmail && email.isPresent()) {
      String e = email.get().toLowerCase(Locale.ROOT);
      int at = e.lastIndexOf('@');
      base = normalize(e.substring(0, at));
      tail = "@" + e.substring(at + 1) + suffix;
    } else {
      base = normalize(render(pattern, person));
    }
    if (base.length() > maxLength) {
      base = trimEnds(base.substring(0, maxLength));
    }
    if (base.isEmpty()) {
      base = fallback;
    }
    String first = base + tail;
    if (availability.isAvailable(first)) {
      return first;
    }
    for (int n = 2; n < MAX_ATTEMPTS; n++) {
      String candidate = base + n + tail;
      if (availability.isAvailable(candidate)) {
        return candidate;
      }
    }
    throw new MissyncException("no free username found after " + MAX_ATTEMPTS + " attempts");
  }

  /**
   * Normalises text for a username: accents stripped (é -> e, ß -> ss, ø -> o), lower case, spaces
   * and apostrophes removed, anything outside {@code [a-z0-9._-]} dropped, runs of separators
   * collapsed and separators trimmed from both ends.
   */
  public static String normalize(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    StringBuilder sb = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      String mapped = fold(c);
      if (mapped != null) {
        sb.append(mapped);
        continue;
      }
      char l = Character.toLowerCase(c);
      if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) {
        sb.append(l);
      } else if (l == '.' || l == '_' || l == '-') {
        int len = sb.length();
        if (len > 0 && !isSeparator(sb.charAt(len - 1))) {
          sb.append(l);
        }
      }
    }
    return trimEnds(sb.toString());
  }

  private static @Nullable String fold(char c) {
    switch (c) {
      case 'ß':
        return "ss";
      case 'æ':
      case 'Æ':
        return "ae";
      case 'œ':
      case 'Œ':
        return "oe";
      case 'ø':
      case 'Ø':
        return "o";
      case 'ł':
      case 'Ł':
        return "l";
      case 'đ':
      case 'Đ':
      case 'ð':
      case 'Ð':
        return "d";
      case 'þ':
      case 'Þ':
        return "th";
      case 'ı':
        return "i";
      default:
        return null;
    }
  }

  private static boolean isSeparator(char c) {
    return c == '.' || c == '_' || c == '-';
  }

  private static String trimEnds(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && isSeparator(s.charAt(from))) {
      from++;
    }
    while (to > from && isSeparator(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  private static final List<String> PLACEHOLDERS =
      List.of(
          "forename",
          "surname",
          "legalForename",
          "legalSurname",
          "f",
          "s",
          "emailLocal",
          "staffCode",
          "admissionNumber");

  private static void validate(String pattern) {
    List<String> found = new ArrayList<>();
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '}') {
        throw new IllegalArgumentException("unbalanced '}' in username pattern");
      }
      if (c == '{') {
        int end = pattern.indexOf('}', i);
        if (end < 0) {
          throw new IllegalArgumentException("unbalanced '{' in username pattern");
        }
        String name = pattern.substring(i + 1, end);
        if (!PLACEHOLDERS.contains(name)) {
          throw new IllegalArgumentException("unknown placeholder {" + name + "}");
        }
        found.add(name);
        i = end + 1;
      } else {
        i++;
      }
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException("a username pattern needs at least one placeholder");
    }
  }

  private static String render(String pattern, Person p) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '{') {
        int end = pattern.indexOf('}', i);
        sb.append(value(pattern.substring(i + 1, end), p));
        i = end + 1;
      } else {
        sb.append(c);
        i++;
      }
    }
    return sb.toString();
  }

  private static String value(String placeholder, Person p) {
    switch (placeholder) {
      case "forename":
        return p.forename();
      case "surname":
        return p.surname();
      case "legalForename":
        return p.legalForename().orElse(p.forename());
      case "legalSurname":
        return p.legalSurname().orElse(p.surname());
      case "f":
        return initial(p.forename());
      case "s":
        return initial(p.surname());
      case "emailLocal":
        return p.email().map(e -> e.substring(0, e.lastIndexOf('@'))).orElse("");
      case "staffCode":
        return p instanceof StaffMember s ? s.staffCode().orElse("") : "";
      case "admissionNumber":
        return p instanceof Student s ? s.admissionNumber().orElse("") : "";
      default:
        throw new IllegalStateException("unvalidated placeholder");
    }
  }

  private static String initial(String name) {
    String n = normalize(name);
    for (int i = 0; i < n.length(); i++) {
      if (!isSeparator(n.charAt(i))) {
        return n.substring(i, i + 1);
      }
    }
    return "";
  }

  @Override
  public String toString() {
    return "UsernameTemplate[" + (wholeEmail ? "email" : pattern) + suffix + "]";
  }
}
