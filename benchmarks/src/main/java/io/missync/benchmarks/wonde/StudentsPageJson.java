package io.missync.benchmarks.wonde;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Builds a realistic 200-student Wonde page with education_details, contacts, year, classes. */
final class StudentsPageJson {
  private StudentsPageJson() {}

  private static final String[] FORENAMES = {"Ruth", "Amir", "Olivia", "Noah", "Isla", "Leo"};
  private static final String[] SURNAMES = {"Bennett", "Khan", "Smith", "Jones", "Patel", "Brown"};

  static byte[] build(int students, long seed) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder(students * 4096);
    sb.append("{\"data\":[");
    for (int i = 0; i < students; i++) {
      if (i > 0) {
        sb.append(',');
      }
      String f = FORENAMES[r.nextInt(FORENAMES.length)];
      String s = SURNAMES[r.nextInt(SURNAMES.length)];
      int year = 7 + r.nextInt(5);
      sb.append("{\"id\":\"A")
          .append(1_000_000_000L + i)
          .append("\",\"upi\":\"")
          .append(Long.toHexString(r.nextLong()))
          .append(Long.toHexString(r.nextLong()))
          .append("\",\"mis_id\":\"")
          .append(9000 + i)
          .append("\",\"title\":null,\"initials\":\"")
          .append(f.charAt(0))
          .append(s.charAt(0))
          .append("\",\"surname\":\"")
          .append(s)
          .append("\",\"forename\":\"")
          .append(f)
          .append("\",\"middle_names\":null,\"legal_surname\":\"")
          .append(s)
          .append("\",\"legal_forename\":\"")
          .append(f)
          .append("\",\"gender\":\"")
          .append(r.nextBoolean() ? "FEMALE" : "MALE")
          .append("\",\"gender_identity\":null,\"date_of_birth\":")
          .append(date(2008 + r.nextInt(5), 1 + r.nextInt(12), 1 + r.nextInt(28), "Europe/London"))
          .append(",\"restored_at\":null,\"created_at\":")
          .append(date(2019, 1, 7, "UTC"))
          .append(",\"updated_at\":")
          .append(date(2024, 6, 14, "UTC"))
          .append(",\"education_details\":{\"data\":{\"admission_number\":\"00")
          .append(3000 + i)
          .append("\",\"upn\":\"A")
          .append(String.format("%011d", 10_000_000_000L + i))
          .append("7\",\"local_upn\":null,\"former_upn\":null,\"learner_number\":null,")
          .append("\"current_nc_year\":\"")
          .append(year)
          .append("\",\"part_time\":false,\"part_time_rate\":null,\"admission_date\":\"2021-09-0")
          .append(1 + r.nextInt(8))
          .append("\",\"leaving_date\":null}},\"year\":{\"data\":{\"id\":\"AY")
          .append(year)
          .append("\",\"mis_id\":\"")
          .append(400 + year)
          .append("\",\"name\":\"Year ")
          .append(year)
          .append("\",\"code\":\"")
          .append(year)
          .append("\",\"type\":\"YEAR\",\"description\":null,\"notes\":null,\"restored_at\":null,")
          .append("\"created_at\":")
          .append(date(2021, 9, 2, "UTC"))
          .append(",\"updated_at\":")
          .append(date(2021, 9, 2, "UTC"))
          .append("}},\"classes\":{\"data\":[");
      int classes = 8 + r.nextInt(5);
      for (int c = 0; c < classes; c++) {
        if (c > 0) {
          sb.append(',');
        }
        sb.append("{\"id\":\"AC")
            .append(year * 100 + c)
            .append("\",\"mis_id\":\"")
            .append(13000 + c)
            .append("\",\"name\":\"")
            .append(year)
            .append("x/Sub")
            .append(c)
            .append("\",\"code\":null,\"description\":\"")
            .append(year)
            .append("x/Sub")
            .append(c)
            .append("\",\"subject\":\"AS")
            .append(c)
            .append("\",\"alternative\":null,\"restored_at\":null,\"created_at\":")
            .append(date(2021, 9, 2, "UTC"))
            .append(",\"updated_at\":")
            .append(date(2021, 9, 2, "UTC"))
            .append('}');
      }
      sb.append("]},\"contacts\":{\"data\":[");
      int contacts = 1 + r.nextInt(2);
      for (int c = 0; c < contacts; c++) {
        if (c > 0) {
          sb.append(',');
        }
        sb.append("{\"id\":\"AP")
            .append(i * 3 + c)
            .append("\",\"upi\":\"")
            .append(Long.toHexString(r.nextLong()))
            .append("\",\"mis_id\":\"")
            .append(8000 + i * 3 + c)
            .append("\",\"title\":\"Mrs\",\"initials\":\"JB\",\"surname\":\"")
            .append(s)
            .append("\",\"forename\":\"Jane\",\"middle_names\":null,\"legal_surname\":\"")
            .append(s)
            .append("\",\"legal_forename\":\"Jane\",\"gender\":null,\"date_of_birth\":null,")
            .append("\"relationship\":{\"relationship\":\"")
            .append(c == 0 ? "Mother" : "Father")
            .append("\",\"parental_responsibility\":true,\"priority\":")
            .append(c + 1)
            .append(",\"lives_with_pupil\":true,\"bill_payer\":")
            .append(c == 0)
            .append("},\"restored_at\":null,\"created_at\":")
            .append(date(2019, 1, 7, "UTC"))
            .append(",\"updated_at\":")
            .append(date(2024, 3, 1, "UTC"))
            .append('}');
      }
      sb.append("]}}");
    }
    sb.append(
            "],\"meta\":{\"pagination\":{\"next\":\"https://api.wonde.com/v1.0/schools/A1/students")
        .append("?include=education_details%2Ccontacts%2Cyear%2Cclasses&per_page=200&page=2\",")
        .append("\"previous\":null,\"more\":true,\"per_page\":200,\"current_page\":1},")
        .append("\"includes\":[\"classes\",\"education_details\",\"contacts\",\"year\"]}}");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String date(int y, int m, int d, String zone) {
    return String.format(
        "{\"date\":\"%04d-%02d-%02d 08:36:08.000000\",\"timezone_type\":3,\"timezone\":\"%s\"}",
        y, m, d, zone);
  }
}
