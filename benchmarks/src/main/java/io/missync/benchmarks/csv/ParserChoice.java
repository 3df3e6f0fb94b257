package io.missync.benchmarks.csv;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which CSV parser csv-import uses, decided by measurement: reads the same generated OneRoster-like
 * users file (quoted cells, embedded separators and line breaks) with FastCSV and with
 * jackson-dataformat-csv's streaming parser, interleaved, and prints the best and median time of
 * each. Every cell is touched (its length summed) so neither parser can skip work.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.missync.benchmarks.csv.ParserChoice
 * [rows] [rounds]}
 */
public final class ParserChoice {
  private ParserChoice() {}

  public static void main(String[] args) throws IOException {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path dir = Files.createTempDirectory("parser-choice");
    Path file = dir.resolve("users.csv");
    write(file, rows);
    long bytes = Files.size(file);
    System.out.printf("file: %d rows, %.1f MB%n", rows, bytes / 1e6);
    long[] fast = new long[rounds];
    long[] jackson = new long[rounds];
    long check = 0;
    for (int r = -2; r < rounds; r++) { // two warm-up rounds
      long t0 = System.nanoTime();
      long a = fastCsv(file);
      long t1 = System.nanoTime();
      long b = jackson(file);
      long t2 = System.nanoTime();
      if (a != b) {
        throw new IllegalStateException("parsers disagree: " + a + " vs " + b);
      }
      check += a;
      if (r >= 0) {
        fast[r] = t1 - t0;
        jackson[r] = t2 - t1;
      }
    }
    report("FastCSV 3.4.0", fast, bytes);
    report("jackson-dataformat-csv", jackson, bytes);
    System.out.println("(checksum " + check + ")");
    Files.delete(file);
    Files.delete(dir);
  }

  private static void report(String name, long[] nanos, long bytes) {
    long[] s = nanos.clone();
    java.util.Arrays.sort(s);
    double best = s[0] / 1e6;
    double median = s[s.length / 2] / 1e6;
    System.out.printf(
        "%-24s best %8.1f ms  median %8.1f ms  (%.0f MB/s)%n",
        name, best, median, bytes / 1e6 / (median / 1e3));
  }

  static long fastCsv(Path file) throws IOException {
    long sum = 0;
    try (CsvReader<CsvRecord> r =
        CsvReader.builder().ignoreDifferentFieldCount(true).ofCsvRecord(file)) {
      for (CsvRecord rec : r) {
        for (int i = 0; i < rec.getFieldCount(); i++) {
          sum += rec.getField(i).length();
        }
      }
    }
    return sum;
  }

  static long jackson(Path file) throws IOException {
    long sum = 0;
    CsvMapper mapper = new CsvMapper();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CsvParser p = mapper.getFactory().createParser(in)) {
      p.enable(CsvParser.Feature.WRAP_AS_ARRAY);
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.VALUE_STRING) {
          sum += p.getTextLength();
        }
      }
    }
    return sum;
  }

  /** A OneRoster 1.1 users.csv with {@code rows} users. */
  static void write(Path file, int rows) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(
          "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
              + "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,"
              + "grades,password\n");
      StringBuilder sb = new StringBuilder(256);
      for (int i = 0; i < rows; i++) {
        sb.setLength(0);
        sb.append("u").append(i).append(",,,true,org1,student,user").append(i);
        sb.append(",\"{LDAP:").append(i).append("},{Fed:x").append(i).append("}\",");
        sb.append(i % 100 == 0 ? "\"Anne\nMarie\"" : "Given" + (i % 997)).append(',');
        sb.append(i % 50 == 0 ? "\"O'Brien, Smith\"" : "Family" + (i % 991)).append(",,");
        sb.append("ID").append(i).append(",user").append(i).append("@school.example,,,");
        sb.append("p").append(i).append(",\"09,10\",\n");
        w.write(sb.toString());
      }
    }
  }
}
