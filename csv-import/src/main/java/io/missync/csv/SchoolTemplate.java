package io.missync.csv;

import io.missync.csv.internal.Schema;
import io.missync.csv.internal.TemplateReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The simple school template: {@code students.csv}, {@code staff.csv} and {@code contacts.csv}. A
 * file is found by a name containing "student" (or "pupil"), "staff" (or "teacher") and "contact"
 * (or "parent", "guardian"). People are identified by the ID column, else the username (contacts:
 * the ID, else the email). A full name may replace forename and surname ("Surname, Forename" or
 * "Forename Surname"). Header names are matched ignoring case and spacing, with small typos
 * forgiven (each guess is a warning); more names for a column are configured with {@link
 * CsvImporter.Builder#templateAlias}.
 */
public final class SchoolTemplate {
  private SchoolTemplate() {}

  /** File name -> the standard column names with their built-in aliases ("A|B|C"). */
  public static Map<String, List<String>> columns() {
    return Map.of(
        "students.csv", names(TemplateReader.STUDENTS),
        "staff.csv", names(TemplateReader.STAFF),
        "contacts.csv", names(TemplateReader.CONTACTS));
  }

  private static List<String> names(Schema s) {
    return s.header();
  }

  /** Writes example files a school can fill in (fictional people) into {@code dir}. */
  public static void writeExample(Path dir) {
    try {
      Files.createDirectories(dir);
      write(
          dir.resolve("students.csv"),
          "ID,Forename,Surname,Username,Year Group,Class,Gender,Email,UPN,Date of Birth,"
              + "Pupil Premium,SEND,EAL,Ethnicity Code",
          "S1001,Amira,Example,amira.e,7,7A,F,,A123456789012,14/09/2013,Y,N,Y,WBRI",
          "S1002,Tom,Sample,tom.s,7,7B,M,,,03/01/2014,N,K,N,",
          "S1003,Zoe,Placeholder,zoe.p,8,8A,F,,,21/05/2012,N,N,N,");
      write(
          dir.resolve("staff.csv"),
          "ID,Forename,Surname,Username,Class,Gender,Email,Job Title,Staff Code,Teaching",
          "T01,Jane,Teacher,j.teacher,7A,F,j.teacher@school.example,Class teacher,JTE,Y",
          "T02,Sam,Tutor,s.tutor,\"7B,8A\",M,s.tutor@school.example,Form tutor,STU,Y",
          "T03,Pat,Office,p.office,,X,p.office@school.example,Office manager,POF,N");
      write(
          dir.resolve("contacts.csv"),
          "ID,Forename,Surname,Email,Phone,Student,Relationship,Parental Responsibility,"
              + "Priority,Lives With Pupil",
          "C01,Nadia,Example,nadia@home.example,07700900001,S1001,Mother,Y,1,Y",
          "C02,Rob,Sample,rob@home.example,07700900002,S1002,Father,Y,1,Y",
          "C02,Rob,Sample,rob@home.example,07700900002,S1003,Carer,N,2,N");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String... lines) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (String l : lines) {
        w.write(l);
        w.write("\r\n");
      }
    }
  }
}
