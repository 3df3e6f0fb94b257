package io.missync.benchmarks.csv;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.missync.core.EntityType;
import io.missync.csv.CsvImporter;
import io.missync.csv.ImportResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Imports a generated OneRoster 1.1 bulk export (default 1M users, 5M enrollments) with {@link
 * CsvImporter} and, in the same run, reads the same files with the bare parser (FastCSV, every cell
 * touched), and a floor: the same parse plus each enrollment's user and class resolved through id
 * maps, building no records (see {@link #parseAndResolve}). Prints the times, the ratios and the
 * peak heap of each.
 *
 * <p>Run: {@code java -Xmx6g -cp benchmarks/target/benchmarks.jar
 * io.missync.benchmarks.csv.OneRosterImportBenchmark [users] [enrollments] [rounds] [dir]}. The
 * export is generated into {@code dir} (default: a temp folder, deleted afterwards) unless it is
 * already there.
 */
public final class OneRosterImportBenchmark {
  private OneRosterImportBenchmark() {}

  public static void main(String[] args) throws IOException {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int enrollments = args.length > 1 ? Integer.parseInt(args[1]) : 5_000_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    boolean temp = args.length <= 3;
    Path dir = temp ? Files.createTempDirectory("oneroster-bench") : Path.of(args[3]);
    if (!Files.exists(dir.resolve("enrollments.csv"))) {
      long t0 = System.nanoTime();
      generate(dir, users, enrollments);
      System.out.printf("generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
    long bytes = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        bytes += Files.size(p);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "export: %d users, %d enrollments, %.0f MB%n",
        users,
        enrollments,
        bytes / 1e6);
    double bestParse = Double.MAX_VALUE;
    double bestImport = Double.MAX_VALUE;
    double bestParseCpu = Double.MAX_VALUE;
    double bestImportCpu = Double.MAX_VALUE;
    double bestFloor = Double.MAX_VALUE;
    double bestFloorCpu = Double.MAX_VALUE;
    long parsePeak = 0;
    long floorPeak = 0;
    long importPeak = 0;
    for (int r = 0; r < rounds; r++) {
      settle();
      long t0 = System.nanoTime();
      long c0 = cpu();
      long p0 = processCpu();
      long cells = bareParse(dir);
      double parse = (System.nanoTime() - t0) / 1e9;
      double parseCpu = (cpu() - c0) / 1e9;
      double parseProc = (processCpu() - p0) / 1e9;
      parsePeak = Math.max(parsePeak, peakHeap());
      settle();
      t0 = System.nanoTime();
      c0 = cpu();
      long resolved = parseAndResolve(dir);
      double floor = (System.nanoTime() - t0) / 1e9;
      double floorCpu = (cpu() - c0) / 1e9;
      floorPeak = Math.max(floorPeak, peakHeap());
      System.out.printf(
          Locale.ROOT,
          "round %d: floor (parse + resolve enrollments through id maps) %.2f s wall %.2f s cpu"
              + " (%d), %.2f x the bare parser's cpu%n",
          r + 1,
          floor,
          floorCpu,
          resolved,
          floorCpu / parseCpu);
      bestFloor = Math.min(bestFloor, floor);
      bestFloorCpu = Math.min(bestFloorCpu, floorCpu);
      settle();
      t0 = System.nanoTime();
      c0 = cpu();
      p0 = processCpu();
      ImportResult result = CsvImporter.builder().build().read(dir);
      double imp = (System.nanoTime() - t0) / 1e9;
      double impCpu = (cpu() - c0) / 1e9;
      double impProc = (processCpu() - p0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "round %d: process cpu (incl. GC and JIT threads): parser %.2f s, import %.2f s%n",
          r + 1,
          parseProc,
          impProc);
      importPeak = Math.max(importPeak, peakHeap());
      System.out.printf(
          Locale.ROOT,
          "round %d: bare parser %.2f s wall %.2f s cpu (%d cells), import %.2f s wall %.2f s cpu"
              + " (%d students, %d staff, %d contacts, %d groups, %d memberships, %d links,"
              + " %d errors), ratio wall %.2f cpu %.2f%n",
          r + 1,
          parse,
          parseCpu,
          cells,
          imp,
          impCpu,
          result.snapshot().count(EntityType.STUDENT),
          result.snapshot().count(EntityType.STAFF),
          result.snapshot().count(EntityType.CONTACT),
          result.snapshot().count(EntityType.GROUP),
          result.snapshot().count(EntityType.MEMBERSHIP),
          result.snapshot().count(EntityType.GUARDIAN_LINK),
          result.errorCount(),
          imp / parse,
          impCpu / parseCpu);
      bestParse = Math.min(bestParse, parse);
      bestImport = Math.min(bestImport, imp);
      bestParseCpu = Math.min(bestParseCpu, parseCpu);
      bestImportCpu = Math.min(bestImportCpu, impCpu);
    }
    System.out.printf(
        Locale.ROOT,
        "best: bare parser %.2f s wall %.2f s cpu, import %.2f s wall %.2f s cpu; ratio wall %.2f"
            + " cpu %.2f; peak heap: parser %d MB, import %d MB (max heap %d MB)%n",
        bestParse,
        bestParseCpu,
        bestImport,
        bestImportCpu,
        bestImport / bestParse,
        bestImportCpu / bestParseCpu,
        parsePeak >> 20,
        importPeak >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf(
        Locale.ROOT,
        "best floor (parse + resolve): %.2f s wall %.2f s cpu, %d MB peak heap; floor / parser"
            + " cpu %.2f; import / floor: wall %.2f cpu %.2f%n",
        bestFloor,
        bestFloorCpu,
        floorPeak >> 20,
        bestFloorCpu / bestParseCpu,
        bestImport / bestFloor,
        bestImportCpu / bestFloorCpu);
    if (temp) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  /** CPU time of the main thread (the machine is shared, so wall time is noisy). */
  private static long cpu() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  /** CPU time of the whole JVM process, GC threads included. */
  private static long processCpu() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : 0;
  }

  private static void settle() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peaks since the last reset (an upper bound of the true peak). */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** Reads every CSV file of the export with the bare parser, touching every cell. */
  static long bareParse(Path dir, String... except) throws IOException {
    long cells = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Arrays.asList(except).contains(p.getFileName().toString())) {
          continue;
        }
        try (CsvReader<CsvRecord> r = reader(p)) {
          for (CsvRecord rec : r) {
            cells += touch(rec);
          }
        }
      }
    }
    return cells;
  }

  /**
   * The least any importer must do beyond parsing: the bare parse of every file, plus an id-to-
   * position map of users and classes, and each enrollment's user and class resolved through it
   * (two hash lookups per enrollment, positions kept in int arrays). Building no records at all, it
   * is a floor: it shows how much of the import's cost the random-access resolution alone costs.
   */
  static long parseAndResolve(Path dir) throws IOException {
    long[] cells = {bareParse(dir, "users.csv", "classes.csv", "enrollments.csv")};
    Map<String, Integer> users = index(dir.resolve("users.csv"), cells);
    Map<String, Integer> classes = index(dir.resolve("classes.csv"), cells);
    int n = 0;
    int[] user = new int[1 << 16];
    int[] cls = new int[1 << 16];
    try (CsvReader<CsvRecord> r = reader(dir.resolve("enrollments.csv"))) {
      boolean header = true;
      for (CsvRecord rec : r) {
        cells[0] += touch(rec);
        if (header) {
          header = false;
          continue;
        }
        Integer k = classes.get(rec.getField(3));
        Integer u = users.get(rec.getField(5));
        if (n == user.length) {
          user = Arrays.copyOf(user, n * 2);
          cls = Arrays.copyOf(cls, n * 2);
        }
        user[n] = u == null ? -1 : u;
        cls[n++] = k == null ? -1 : k;
      }
    }
    return cells[0] + n + users.size() + classes.size();
  }

  /** Every row's first cell to its position, touching every cell as the bare parse does. */
  private static Map<String, Integer> index(Path file, long[] cells) throws IOException {
    Map<String, Integer> m = new HashMap<>();
    try (CsvReader<CsvRecord> r = reader(file)) {
      for (CsvRecord rec : r) {
        cells[0] += touch(rec);
        m.put(rec.getField(0), m.size());
      }
    }
    return m;
  }

  private static CsvReader<CsvRecord> reader(Path file) throws IOException {
    return CsvReader.builder().ignoreDifferentFieldCount(true).ofCsvRecord(file);
  }

  private static int touch(CsvRecord rec) {
    int cells = 0;
    for (int i = 0; i < rec.getFieldCount(); i++) {
      cells += rec.getField(i).isEmpty() ? 0 : 1;
    }
    return cells;
  }

  /**
   * A OneRoster 1.1 bulk export of one school: 92% students, 5% staff, 3% parents (each linked to a
   * student), {@code users / 30} classes, enrollments spread over students and teachers.
   */
  static void generate(Path dir, int users, int enrollments) throws IOException {
    Files.createDirectories(dir);
    write(
        dir.resolve("manifest.csv"),
        List.of(
            "propertyName,value",
            "manifest.version,1.0",
            "oneroster.version,1.1",
            "file.academicSessions,bulk",
            "file.classes,bulk",
            "file.courses,bulk",
            "file.demographics,bulk",
            "file.enrollments,bulk",
            "file.orgs,bulk",
            "file.users,bulk"));
    write(
        dir.resolve("orgs.csv"),
        List.of(
            "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
            "sch,,,Bench School,school,URN1,"));
    write(
        dir.resolve("academicSessions.csv"),
        List.of(
            "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,"
                + "schoolYear",
            "y,,,2026/2027,schoolYear,2026-09-01,2027-07-31,,2027"));
    int classes = Math.max(1, users / 30);
    int students = (int) (users * 0.92);
    int staff = Math.max(1, (int) (users * 0.05));
    try (BufferedWriter c = Files.newBufferedWriter(dir.resolve("courses.csv"));
        BufferedWriter k = Files.newBufferedWriter(dir.resolve("classes.csv"))) {
      c.write(
          "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,"
              + "orgSourcedId,subjects,subjectCodes\n");
      c.write("crs,,,y,Course,C1,07,sch,Mathematics,\n");
      k.write(
          "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,"
              + "location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\n");
      for (int i = 0; i < classes; i++) {
        k.write(
            "k"
                + i
                + ",,,Class "
                + i
                + ",07,crs,K"
                + i
                + ",scheduled,,sch,y,\"Maths, Set "
                + (i % 9)
                + "\",,\n");
      }
    }
    try (BufferedWriter u =
            Files.newBufferedWriter(dir.resolve("users.csv"), StandardCharsets.UTF_8);
        BufferedWriter d =
            Files.newBufferedWriter(dir.resolve("demographics.csv"), StandardCharsets.UTF_8)) {
      u.write(
          "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
              + "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,"
              + "grades,password\n");
      d.write("sourcedId,status,dateLastModified,birthDate,sex\n");
      StringBuilder sb = new StringBuilder(256);
      for (int i = 0; i < users; i++) {
        sb.setLength(0);
        String role = i < students ? "student" : i < students + staff ? "teacher" : "parent";
        String agents = i >= students + staff ? "u" + ((i * 7L) % students) : "";
        sb.append('u').append(i).append(",,,true,sch,").append(role).append(",user").append(i);
        sb.append(",{LDAP:l").append(i).append("},Given").append(i % 997);
        sb.append(i % 100 == 0 ? ",\"O'Brien, Smith\"" : ",Family" + (i % 991));
        sb.append(",,ID").append(i).append(",user").append(i).append("@school.example,,,");
        sb.append(agents).append(',').append(i < students ? "07" : "").append(",\n");
        u.write(sb.toString());
        if (i < students) {
          d.write(
              "u"
                  + i
                  + ",,,2014-0"
                  + (1 + i % 9)
                  + "-1"
                  + (i % 10)
                  + ","
                  + (i % 2 == 0 ? "female" : "male")
                  + "\n");
        }
      }
    }
    try (BufferedWriter e = Files.newBufferedWriter(dir.resolve("enrollments.csv"))) {
      e.write(
          "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,"
              + "primary,beginDate,endDate\n");
      StringBuilder sb = new StringBuilder(128);
      int perClassTeachers = Math.max(1, enrollments / 50);
      for (int i = 0; i < enrollments; i++) {
        sb.setLength(0);
        boolean teacher = i < perClassTeachers;
        int user = teacher ? students + (i % staff) : (int) (((long) i * 2654435761L) % students);
        // each student's enrollments go to distinct classes: class = (user + i / students) mod n
        int cls = teacher ? i % classes : (int) ((user + (long) (i / students) * 7919) % classes);
        sb.append('e').append(i).append(",,,k").append(cls).append(",sch,u").append(user);
        sb.append(teacher ? ",teacher,true" : ",student,false").append(",2026-09-01,\n");
        e.write(sb.toString());
      }
    }
  }

  private static void write(Path file, List<String> lines) throws IOException {
    Files.write(file, lines, StandardCharsets.UTF_8);
  }
}
