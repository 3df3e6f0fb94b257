package io.missync.csv.internal;

import io.missync.csv.CsvFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Tells an export's format from its file names and header rows. */
public final class Detector {
  private Detector() {}

  public static Optional<CsvFormat> detect(Input in) throws IOException {
    Optional<String> manifest = in.find("manifest.csv");
    Optional<String> users = in.find("users.csv");
    if (manifest.isPresent()) {
      String text = head(in, manifest.get(), 50);
      String version = "";
      for (String line : text.split("\n")) {
        String f = line.replace("\"", "").strip();
        if (f.startsWith("oneroster.version")) {
          version = f.substring("oneroster.version".length()).replaceAll("^[,;\\t]", "").strip();
        }
      }
      if (version.startsWith("1.2")) {
        return Optional.of(CsvFormat.ONEROSTER_1_2);
      }
      if (version.startsWith("1.1") || version.startsWith("1.0")) {
        return Optional.of(CsvFormat.ONEROSTER_1_1);
      }
      return Optional.of(
          in.find("roles.csv").isPresent() ? CsvFormat.ONEROSTER_1_2 : CsvFormat.ONEROSTER_1_1);
    }
    if (users.isPresent()) {
      String h = Text.fold(head(in, users.get(), 1));
      if (h.contains("datelastmodified")) {
        boolean v12 =
            in.find("roles.csv").isPresent()
                || h.contains("preferredgivenname")
                || h.contains("usermasteridentifier");
        return Optional.of(v12 ? CsvFormat.ONEROSTER_1_2 : CsvFormat.ONEROSTER_1_1);
      }
      if (h.contains("sourcedid")) {
        // v2.0 kept each user's role in users.csv; v2.1 moved it to roles.csv
        boolean v20 = in.find("roles.csv").isEmpty() && headerHas(head(in, users.get(), 1), "role");
        return Optional.of(v20 ? CsvFormat.SDS_V2_0 : CsvFormat.SDS_V2_1);
      }
    }
    Optional<String> school = in.find("School.csv");
    Optional<String> student = in.find("Student.csv");
    Optional<String> teacher = in.find("Teacher.csv");
    Optional<String> section = in.find("Section.csv");
    if (school.isPresent() || section.isPresent() || (student.isPresent() && teacher.isPresent())) {
      String h = "";
      for (Optional<String> f : java.util.List.of(school, student, teacher, section)) {
        if (f.isPresent()) {
          h = Text.fold(head(in, f.get(), 1));
          break;
        }
      }
      return Optional.of(h.contains("dfe") ? CsvFormat.SDS_CLASSIC_UK : CsvFormat.SDS_CLASSIC_US);
    }
    for (String n : in.names()) {
      String l = n.toLowerCase(Locale.ROOT);
      if (l.endsWith(".csv")
          && (l.contains("student")
              || l.contains("pupil")
              || l.contains("staff")
              || l.contains("contact"))) {
        return Optional.of(CsvFormat.SCHOOL_TEMPLATE);
      }
    }
    return Optional.empty();
  }

  /** True when a header line has a cell that folds to this (folded) column name. */
  static boolean headerHas(String header, String column) {
    for (String c : header.strip().split("[,;\t]")) {
      if (Text.fold(c).equals(column)) {
        return true;
      }
    }
    return false;
  }

  /** The first {@code lines} lines of a file, decoded leniently. */
  static String head(Input in, String file, int lines) throws IOException {
    try (InputStream s = in.open(file);
        BufferedReader r =
            new BufferedReader(new InputStreamReader(s, StandardCharsets.ISO_8859_1))) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < lines; i++) {
        String l = r.readLine();
        if (l == null) {
          break;
        }
        sb.append(l).append('\n');
      }
      return sb.toString();
    }
  }
}
