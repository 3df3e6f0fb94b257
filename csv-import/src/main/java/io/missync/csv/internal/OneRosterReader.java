package io.missync.csv.internal;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.Contact;
import io.missync.core.model.Gender;
import io.missync.core.model.Group;
import io.missync.core.model.GroupKind;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.Membership;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.Person;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.model.SourceInfo;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import io.missync.csv.CsvFormat;
import io.missync.csv.CsvProblem.Kind;
import io.missync.csv.DateOrder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads OneRoster 1.1 and 1.2 CSV: the manifest says per file whether it is bulk (complete for its
 * type), delta (applied onto the previous snapshot) or absent (the type is ABSENT, or kept from the
 * previous snapshot). Users become students, staff or contacts by role (1.1: users.role; 1.2: the
 * primary role in roles.csv).
 *
 * <ul>
 *   <li><b>Guardian links</b> come from agentSourcedIds, which either side may carry: a link exists
 *       while the student's row lists the contact or the contact's row lists the student. Each
 *       person records what its own row listed (attribute {@value #AGENTS}); a delta row replaces
 *       only its own assertion, so a link the other, unchanged side asserts survives (see {@link
 *       #resolveAgents}).
 *   <li><b>Class dates</b>: a class's effective dates are the earliest startDate and the latest
 *       endDate of the academic sessions its termSourcedIds name (see {@link #termDates}).
 *   <li><b>Repeated ids in a delta file</b>: only the row with the latest dateLastModified is
 *       applied, wherever it is in the file; on a tie the later row; the others are warnings naming
 *       the winning line. In a bulk file a repeated id stays an error (see {@link #repeatedRows}).
 *   <li><b>Rejected rows over a previous snapshot</b>: in a bulk users or classes file, a rejected
 *       row of a known record, or records not read because the file stopped part-way, keep their
 *       previous record with its memberships and links; a bulk enrollments file that stops part-way
 *       keeps the previous memberships not read. Nothing is removed because a row was bad.
 * </ul>
 */
public final class OneRosterReader {
  /** How the manifest says a file is delivered. */
  enum Mode {
    BULK,
    DELTA,
    ABSENT
  }

  static final Schema MANIFEST = Schema.of("manifest.csv", "propertyName*", "value");
  static final Schema ORGS =
      Schema.of(
          "orgs.csv",
          "sourcedId*",
          "status",
          "dateLastModified",
          "name",
          "type",
          "identifier",
          "parentSourcedId");
  static final Schema SESSIONS =
      Schema.of(
          "academicSessions.csv",
          "sourcedId*",
          "status",
          "dateLastModified",
          "title",
          "type",
          "startDate",
          "endDate",
          "parentSourcedId",
          "schoolYear");
  static final Schema COURSES =
      Schema.of(
          "courses.csv",
          "sourcedId*",
          "status",
          "dateLastModified",
          "schoolYearSourcedId",
          "title",
          "courseCode",
          "grades",
          "orgSourcedId",
          "subjects",
          "subjectCodes");
  static final Schema CLASSES =
      Schema.of(
          "classes.csv",
          "sourcedId*",
          "status",
          "dateLastModified",
          "title",
          "grades",
          "courseSourcedId",
          "classCode",
          "classType",
          "location",
          "schoolSourcedId",
          "termSourcedIds",
          "subjects",
          "subjectCodes",
          "periods");
  static final Schema USERS =
      Schema.of(
          "users.csv",
          "sourcedId*",
          "status",
          "dateLastModified",
          "enabledUser",
          "orgSourcedIds",
          "role",
          "username",
          "userIds",
          "givenName",
          "familyName",
          "middleName",
          "identifier",
          "email",
          "sms",
          "phone",
          "agentSourcedIds",
          "grades",
          "password",
          "userMasterIdentifier",
          "resourceSourcedIds",
          "preferredGivenName",
          "preferredMiddleName",
          "preferredFamilyName",
          "primaryOrgSourcedId",
          "pronouns");
  static final Schema ENROLLMENTS =
      Schema.of(
          "enrollments.csv",
          "sourcedId*",
          "status",
          "dateLastModified",
          "classSourcedId*",
          "schoolSourcedId",
          "userSourcedId*",
          "role*",
          "primary",
          "beginDate",
          "endDate");
  static final Schema DEMOGRAPHICS =
      Schema.of("demographics.csv", "sourcedId*", "status", "dateLastModified", "birthDate", "sex");
  static final Schema ROLES =
      Schema.of(
          "roles.csv",
          "sourcedId*",
          "status",
          "dateLastModified",
          "userSourcedId*",
          "roleType",
          "role*",
          "beginDate",
          "endDate",
          "orgSourcedId",
          "userProfileSourcedId");
  static final Schema PROFILES =
      Schema.of(
          "userProfiles.csv",
          "sourcedId*",
          "status",
          "dateLastModified",
          "userSourcedId*",
          "profileType",
          "vendorId",
          "applicationId",
          "description",
          "credentialType",
          "username",
          "password");

  private static final int ID = 0;
  private static final int STATUS = 1;
  private static final int MODIFIED = 2;

  private final Input in;
  private final Options opts;
  private final Problems problems;
  private final boolean v12;
  private final @Nullable MisSnapshot previous;
  private final Map<String, Mode> modes = new HashMap<>();
  private final Set<String> groupIds = new HashSet<>();
  private final Map<String, String> courseSubject = new HashMap<>();
  private final Set<String> orgIds = new HashSet<>();
  private final Map<String, Session> sessions = new HashMap<>();
  private final Map<String, Demo> demographics = new HashMap<>();
  private final Map<String, String> primaryRoles = new HashMap<>();
  private final Map<String, String> contactRoles = new HashMap<>();

  /** 1.2: the first guardian role and the first staff role each user holds in roles.csv */
  private final Map<String, String> guardianRoles = new HashMap<>();

  private final Map<String, String> staffRoles = new HashMap<>();
  private final List<String[]> agentPairs = new ArrayList<>();

  /** {user, agent} pairs of previous records kept in place of a rejected row (fix silently) */
  private final List<String[]> keptPairs = new ArrayList<>();

  /** per delta file: line of a superseded repeated row -> its sourcedId (see {@link #status}) */
  private final Map<String, Map<Long, Superseded>> superseded = new HashMap<>();

  private final Set<String> touchedUsers = new HashSet<>();
  private final Map<String, String> userIdKeys = new HashMap<>();
  private final Set<String> deletedUsers = new HashSet<>();
  private final Set<String> deletedGroups = new HashSet<>();

  /**
   * Rows not imported, by id -> where ({@code file:line}): dropped as the format says (tobedeleted
   * in a bulk file, deleted in a delta) or rejected. A later row naming one is a follow-on, worded
   * as what happened and reported under its cause.
   */
  private final Map<String, String> droppedGroups = new HashMap<>();

  private final Map<String, String> rejectedGroups = new HashMap<>();
  private final Map<String, String> droppedUsers = new HashMap<>();
  private final Map<String, String> rejectedUsers = new HashMap<>();

  /** Classes and users of schools other than the one picked: left out without a problem. */
  private final Set<String> otherSchool = new HashSet<>();

  private @Nullable String schoolId;
  private @Nullable String systemName;
  private boolean statusError;
  private Assembly asm;

  /** A demographics row: gender and date of birth, or deleted. */
  private record Demo(@Nullable Gender gender, @Nullable LocalDate dob, boolean deleted) {}

  /** An academic session's dates (either may be unknown). */
  private record Session(@Nullable LocalDate start, @Nullable LocalDate end) {}

  /** A delta row not applied because the same sourcedId has a later row ({@code winner}). */
  private record Superseded(String id, long winner) {}

  /**
   * The person attribute holding the user ids a OneRoster users row listed in its own {@code
   * agentSourcedIds} (sorted, comma-separated), so a later delta knows which links each side
   * asserted.
   */
  public static final String AGENTS = "agentSourcedIds";

  public OneRosterReader(
      Input in, Options opts, Problems problems, boolean v12, @Nullable MisSnapshot previous) {
    this.in = in;
    this.opts = opts;
    this.problems = problems;
    this.v12 = v12;
    this.previous = previous;
    SourceInfo placeholder =
        previous != null
            ? previous.source()
            : new SourceInfo("unknown", format().id(), null, opts.capturedAt());
    this.asm =
        new Assembly(
            previous != null
                ? previous.toBuilder().clearDeletions()
                : MisSnapshot.builder(placeholder),
            problems);
    if (previous != null) {
      for (Group g : previous.groups()) {
        groupIds.add(g.id());
      }
    }
  }

  private CsvFormat format() {
    return v12 ? CsvFormat.ONEROSTER_1_2 : CsvFormat.ONEROSTER_1_1;
  }

  public MisSnapshot read() {
    readManifest();
    readOrgs();
    readSessions();
    readCourses();
    readClasses();
    readDemographics();
    if (v12) {
      readRoles();
    }
    readUsers();
    applyDemographicsOnly();
    if (v12) {
      readProfiles();
    }
    readEnrollments();
    resolveAgents();
    setCompleteness();
    String school = schoolId;
    if (school == null) {
      school = previous != null ? previous.source().schoolId() : "unknown";
      if (previous == null) {
        problems.warn(
            Kind.FORMAT, "orgs.csv", 0, null, null, "no org of type 'school'; school id unknown");
      }
    }
    asm.builder().source(new SourceInfo(school, format().id(), systemName, opts.capturedAt()));
    return asm.build();
  }

  // ---------------------------------------------------------------- manifest

  private void readManifest() {
    Optional<String> f = in.find("manifest.csv");
    String[] types = {
      "academicSessions",
      "categories",
      "classes",
      "classResources",
      "courses",
      "courseResources",
      "demographics",
      "enrollments",
      "lineItems",
      "orgs",
      "resources",
      "results",
      "users",
      "roles",
      "userProfiles"
    };
    if (f.isEmpty()) {
      problems.warn(
          Kind.MISSING_FILE,
          "manifest.csv",
          0,
          null,
          null,
          "no manifest.csv: every file present is read as bulk, every file missing as absent");
      for (String t : types) {
        modes.put(t, in.find(t + ".csv").isPresent() ? Mode.BULK : Mode.ABSENT);
      }
      return;
    }
    Table t = open(f.get(), MANIFEST, EntityType.GROUP);
    if (t == null) {
      return;
    }
    try (t) {
      while (t.next()) {
        String name = t.get(0);
        String value = t.get(1).toLowerCase(Locale.ROOT);
        if (name.startsWith("file.")) {
          String type = name.substring(5);
          Mode m;
          switch (value) {
            case "bulk":
              m = Mode.BULK;
              break;
            case "delta":
              m = Mode.DELTA;
              break;
            case "absent":
            case "":
              m = Mode.ABSENT;
              break;
            default:
              t.error(
                  Kind.STATUS,
                  1,
                  "manifest value for " + name + " must be bulk, delta or absent; file ignored");
              m = Mode.ABSENT;
          }
          modes.put(type, m);
        } else if (name.equals("source.systemName")) {
          systemName = Text.emptyToNull(t.get(1));
        } else if (name.equals("oneroster.version")) {
          String v = t.get(1);
          if (!v.isEmpty() && !v.startsWith(v12 ? "1.2" : "1.1")) {
            t.warn(
                Kind.FORMAT,
                1,
                "manifest says OneRoster " + v + " but the export is read as " + format().id());
          }
        }
      }
    }
    for (String type : types) {
      Mode m = modes.getOrDefault(type, Mode.ABSENT);
      boolean present = in.find(type + ".csv").isPresent();
      if (m != Mode.ABSENT && !present) {
        problems.error(
            Kind.MISSING_FILE,
            type + ".csv",
            0,
            null,
            null,
            "the manifest lists "
                + type
                + ".csv as "
                + m.name().toLowerCase(Locale.ROOT)
                + " but the file is missing; its records are treated as absent, not as deleted");
        modes.put(type, Mode.ABSENT);
      } else if (m == Mode.ABSENT && present) {
        problems.warn(
            Kind.STATUS,
            type + ".csv",
            0,
            null,
            null,
            "the manifest says " + type + ".csv is absent; the file present is ignored");
      }
    }
  }

  private Mode mode(String type) {
    return modes.getOrDefault(type, Mode.ABSENT);
  }

  private @Nullable Table open(String file, Schema schema, EntityType type) {
    return Table.open(in, file, schema, type, problems, opts.dateOrder(), DateOrder.DAY_FIRST);
  }

  private @Nullable Table openType(String type, Schema schema, EntityType et) {
    if (mode(type) == Mode.ABSENT) {
      return null;
    }
    Optional<String> f = in.find(type + ".csv");
    if (f.isEmpty()) {
      return null;
    }
    Schema s = schema;
    if (!v12 && type.equals("users")) {
      s = s.withRequired("role", true);
    }
    if (mode(type) == Mode.DELTA) {
      superseded.put(f.get(), repeatedRows(f.get(), s, et));
    }
    Table t = open(f.get(), s, et);
    if (t == null) {
      // the file is there but unreadable: its types must not look complete (or empty)
      switch (type) {
        case "users":
        case "roles":
          markUserRejected();
          break;
        case "classes":
          problems.markRejected(EntityType.GROUP);
          break;
        case "enrollments":
          problems.markRejected(EntityType.MEMBERSHIP);
          break;
        default:
          break;
      }
    }
    return t;
  }

  /** What to do with a row by its status: true = upsert, false = delete, null = skip. */
  private @Nullable Boolean status(Table t, Mode mode) {
    statusError = false;
    String s = t.get(STATUS).toLowerCase(Locale.ROOT);
    if (mode == Mode.DELTA && !t.get(MODIFIED).isEmpty() && Table.parts(t.get(MODIFIED)) == null) {
      t.warn(Kind.INVALID_VALUE, MODIFIED, "dateLastModified is not an ISO date-time; ignored");
    }
    if (mode == Mode.DELTA && supersededRow(t)) {
      return null;
    }
    switch (s) {
      case "":
      case "active":
        if (s.isEmpty() && mode == Mode.DELTA) {
          t.warn(Kind.STATUS, STATUS, "status is empty in a delta file; read as active");
        }
        return Boolean.TRUE;
      case "tobedeleted":
      case "inactive":
        if (mode == Mode.BULK) {
          t.warn(
              Kind.STATUS,
              STATUS,
              "status '" + s + "' in a bulk file: the record is left out, as the spec says");
          return null;
        }
        if (s.equals("inactive")) {
          t.warn(
              Kind.STATUS,
              STATUS,
              "status 'inactive' (OneRoster 1.0) is applied as tobedeleted: access is removed");
        }
        return Boolean.FALSE;
      default:
        statusError = true;
        t.error(Kind.STATUS, STATUS, "status must be active or tobedeleted; row not imported");
        return null;
    }
  }

  /**
   * Pre-reads a delta file's sourcedId and dateLastModified columns: where a sourcedId is on more
   * than one row, only the row with the latest dateLastModified is applied (on a tie, or when the
   * dates are missing or unreadable, the later row; a row with a readable date beats one without).
   * Returns the lines of the other rows.
   */
  private Map<Long, Superseded> repeatedRows(String file, Schema schema, EntityType et) {
    Map<Long, Superseded> out = new HashMap<>();
    Problems quiet = new Problems(0); // the real read reports the file's problems
    Table t = Table.open(in, file, schema, et, quiet, opts.dateOrder(), DateOrder.DAY_FIRST);
    if (t == null) {
      return out;
    }
    Map<String, long[]> best = new HashMap<>(); // id -> {line, modified (epoch ms or MIN)}
    Map<Long, String> losers = new HashMap<>();
    try (t) {
      while (t.next()) {
        String id = t.get(ID);
        if (id.isEmpty()) {
          continue;
        }
        long line = t.line();
        long modified = modifiedMillis(t.get(MODIFIED));
        long[] b = best.get(id);
        if (b == null) {
          best.put(id, new long[] {line, modified});
        } else if (modified >= b[1]) {
          losers.put(b[0], id);
          b[0] = line;
          b[1] = modified;
        } else {
          losers.put(line, id);
        }
      }
    }
    for (Map.Entry<Long, String> e : losers.entrySet()) {
      long[] b = best.get(e.getValue());
      if (b != null) {
        out.put(e.getKey(), new Superseded(e.getValue(), b[0]));
      }
    }
    return out;
  }

  /** A dateLastModified as epoch milliseconds; {@code Long.MIN_VALUE} when empty or unreadable. */
  static long modifiedMillis(String s) {
    if (s.isEmpty()) {
      return Long.MIN_VALUE;
    }
    try {
      return java.time.OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (java.time.format.DateTimeParseException e) {
      // no offset: read as UTC
    }
    try {
      return java.time.LocalDateTime.parse(s).toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
    } catch (java.time.format.DateTimeParseException e) {
      // a date only
    }
    try {
      return LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
    } catch (java.time.format.DateTimeParseException e) {
      return Long.MIN_VALUE;
    }
  }

  /** True (with a warning) when this delta row is superseded by a later row of the same id. */
  private boolean supersededRow(Table t) {
    Map<Long, Superseded> m = superseded.get(t.file());
    Superseded s = m == null ? null : m.get(t.line());
    if (s == null) {
      return false;
    }
    t.warn(
        Kind.DUPLICATE_ID,
        ID,
        "sourcedId '"
            + s.id()
            + "' is repeated at line "
            + s.winner()
            + ", whose dateLastModified is as late or later; this row is not applied");
    return true;
  }

  // ---------------------------------------------------------------- orgs, sessions, courses

  private void readOrgs() {
    Table t = openType("orgs", ORGS, EntityType.GROUP);
    if (t == null) {
      return;
    }
    int type = ORGS.idx("type");
    List<String> schools = new ArrayList<>();
    try (t) {
      while (t.next()) {
        Boolean st = status(t, mode("orgs"));
        if (st == null || !st) {
          continue;
        }
        String id = t.get(ID);
        if (id.isEmpty()) {
          t.warn(Kind.MISSING_VALUE, ID, "org has no sourcedId; row ignored");
          continue;
        }
        orgIds.add(id);
        if (t.get(type).equalsIgnoreCase("school") && !schools.contains(id)) {
          schools.add(id);
        }
      }
    }
    if (!schools.isEmpty() || opts.pickSchool() != null) {
      schoolId = opts.schoolOf(schools, t.file(), problems, "unknown");
    }
  }

  private void readSessions() {
    Table t = openType("academicSessions", SESSIONS, EntityType.GROUP);
    if (t == null) {
      return;
    }
    int start = SESSIONS.idx("startDate");
    int end = SESSIONS.idx("endDate");
    try (t) {
      while (t.next()) {
        Boolean st = status(t, mode("academicSessions"));
        if (st == null) {
          continue;
        }
        String id = t.get(ID);
        if (!st) {
          sessions.remove(id);
          continue;
        }
        LocalDate from = t.date(start);
        LocalDate to = t.date(end);
        if (from != null && to != null && to.isBefore(from)) {
          t.warn(
              Kind.INVALID_VALUE,
              end,
              "endDate is before startDate; the session's dates are not used for its classes");
          from = null;
          to = null;
        }
        sessions.put(id, new Session(from, to));
      }
    }
  }

  private void readCourses() {
    Table t = openType("courses", COURSES, EntityType.GROUP);
    if (t == null) {
      return;
    }
    int subjects = COURSES.idx("subjects");
    try (t) {
      while (t.next()) {
        Boolean st = status(t, mode("courses"));
        if (st == null || !st) {
          continue;
        }
        List<String> subj = Text.list(t.get(subjects));
        courseSubject.put(t.get(ID), subj.isEmpty() ? "" : subj.get(0));
      }
    }
  }

  // ---------------------------------------------------------------- classes

  private void readClasses() {
    Mode mode = mode("classes");
    Table t = openType("classes", CLASSES, EntityType.GROUP);
    if (t == null) {
      return;
    }
    List<String> replaced = new ArrayList<>();
    if (mode == Mode.BULK && previous != null) {
      for (Group g : previous.groups()) {
        asm.builder().removeGroup(g.id());
        replaced.add(g.id());
      }
      groupIds.clear();
    }
    int title = CLASSES.idx("title");
    int grades = CLASSES.idx("grades");
    int course = CLASSES.idx("courseSourcedId");
    int code = CLASSES.idx("classCode");
    int type = CLASSES.idx("classType");
    int school = CLASSES.idx("schoolSourcedId");
    int terms = CLASSES.idx("termSourcedIds");
    int subjects = CLASSES.idx("subjects");
    Set<String> rejected = new HashSet<>();
    try (t) {
      while (t.next()) {
        Boolean st = status(t, mode);
        if (st == null) {
          if (statusError) {
            rejected.add(t.get(ID));
            rejectedGroups.put(t.get(ID), t.here());
          } else if (droppedByStatus(t)) {
            droppedGroups.put(t.get(ID), t.here());
          }
          continue;
        }
        String id = t.get(ID);
        if (!st) {
          asm.builder().removeGroup(id);
          groupIds.remove(id);
          deletedGroups.add(id);
          droppedGroups.put(id, t.here());
          continue;
        }
        String ct = t.get(type);
        GroupKind kind =
            ct.equalsIgnoreCase("homeroom")
                ? GroupKind.REGISTRATION
                : ct.equalsIgnoreCase("scheduled") || ct.isEmpty()
                    ? GroupKind.CLASS
                    : GroupKind.OTHER;
        String courseId = t.get(course);
        if (courseId.isEmpty() && t.has(course)) {
          t.warn(
              Kind.MISSING_VALUE,
              course,
              "courseSourcedId is empty (OneRoster requires it); the class is imported without a"
                  + " course");
        }
        if (!courseId.isEmpty()
            && mode("courses") == Mode.BULK
            && !courseSubject.containsKey(courseId)) {
          t.warn(Kind.UNKNOWN_REFERENCE, course, "course '" + courseId + "' is not in courses.csv");
        }
        String sch = t.get(school);
        if (opts.otherSchool(sch)) {
          otherSchool.add(id);
          continue;
        }
        if (!sch.isEmpty() && mode("orgs") == Mode.BULK && !orgIds.contains(sch)) {
          t.warn(Kind.UNKNOWN_REFERENCE, school, "org '" + sch + "' is not in orgs.csv");
        }
        Session dates = termDates(t, terms, id);
        List<String> subj = Text.list(t.get(subjects));
        String subject = subj.isEmpty() ? courseSubject.get(courseId) : subj.get(0);
        List<String> gr = Text.list(t.get(grades));
        String subjectFinal = kind == GroupKind.CLASS ? subject : null;
        Group.Builder g =
            Group.builder()
                .id(id)
                .kind(kind)
                .name(t.get(title))
                .code(t.opt(code))
                .sourceType(Text.emptyToNull(ct))
                .subject(subjectFinal == null || subjectFinal.isEmpty() ? null : subjectFinal)
                .yearGroup(gr.isEmpty() ? null : gr.get(0))
                .effectiveFrom(dates.start())
                .effectiveTo(dates.end());
        boolean ok;
        if (mode == Mode.DELTA) {
          ok = putGroup(t, g);
        } else {
          ok = asm.addGroup(t, ID, g::build);
        }
        if (ok) {
          groupIds.add(id);
        } else {
          rejected.add(id);
          rejectedGroups.put(id, t.here());
        }
      }
      if (t.failed()) {
        problems.markRejected(EntityType.GROUP);
      }
    }
    int kept = 0;
    for (String id : replaced) {
      if (!groupIds.contains(id)) {
        if (t.failed() || rejected.contains(id)) {
          keepPreviousGroup(id);
          kept++;
        } else {
          deletedGroups.add(id);
        }
      }
    }
    if (kept > 0) {
      problems.warn(
          Kind.STATUS,
          t.file(),
          0,
          null,
          EntityType.GROUP,
          kept
              + " classes of the previous snapshot were rejected or not read; their previous"
              + " records are kept, with their enrollments");
    }
  }

  /**
   * A bulk classes file read over a previous snapshot: a class whose row was rejected, or not read
   * because the file stopped part-way, keeps its previous record so its enrollments are not read as
   * removals.
   */
  private void keepPreviousGroup(String id) {
    MisSnapshot prev = previous;
    Group g = prev != null ? prev.group(id).orElse(null) : null;
    if (g != null) {
      asm.builder().putGroup(g);
      groupIds.add(id);
    }
  }

  /**
   * A class's effective dates from its {@code termSourcedIds}: the earliest start and the latest
   * end of its sessions (either null when unknown or open). A session id not in a bulk
   * academicSessions.csv is a warning and adds no dates. When academicSessions.csv is a delta or
   * absent, a session not in it cannot be resolved: the class keeps the dates it had in the
   * previous snapshot (none when it is new).
   */
  private Session termDates(Table t, int col, String classId) {
    LocalDate from = null;
    LocalDate to = null;
    boolean openStart = false;
    boolean openEnd = false;
    boolean any = false;
    boolean unresolved = false;
    Mode sm = mode("academicSessions");
    for (String term : Text.list(t.get(col))) {
      Session s = sessions.get(term);
      if (s == null) {
        if (sm == Mode.BULK) {
          t.warn(
              Kind.UNKNOWN_REFERENCE,
              col,
              "academic session '"
                  + term
                  + "' is not in academicSessions.csv; it gives the class no dates");
        } else {
          unresolved = true;
        }
        continue;
      }
      any = true;
      LocalDate a = s.start();
      LocalDate b = s.end();
      openStart |= a == null;
      openEnd |= b == null;
      if (a != null && (from == null || a.isBefore(from))) {
        from = a;
      }
      if (b != null && (to == null || b.isAfter(to))) {
        to = b;
      }
    }
    MisSnapshot prev = previous;
    if (unresolved) {
      Group before = prev != null ? prev.group(classId).orElse(null) : null;
      return new Session(
          before != null ? before.effectiveFrom().orElse(null) : null,
          before != null ? before.effectiveTo().orElse(null) : null);
    }
    if (!any) {
      return new Session(null, null);
    }
    return new Session(openStart ? null : from, openEnd ? null : to);
  }

  private boolean putGroup(Table t, Group.Builder g) {
    Group built = null;
    try {
      built = g.build();
    } catch (io.missync.core.model.InvalidRecordException e) {
      t.error(Kind.INVALID_VALUE, -1, e.getMessage() + "; row not imported");
      return false;
    }
    asm.builder().putGroup(built);
    return true;
  }

  // ---------------------------------------------------------------- demographics, roles

  private void readDemographics() {
    Mode mode = mode("demographics");
    Table t = openType("demographics", DEMOGRAPHICS, EntityType.STUDENT);
    if (t == null) {
      return;
    }
    int birth = DEMOGRAPHICS.idx("birthDate");
    int sex = DEMOGRAPHICS.idx("sex");
    try (t) {
      while (t.next()) {
        Boolean st = status(t, mode);
        if (st == null) {
          continue;
        }
        String id = t.get(ID);
        if (!st) {
          demographics.put(id, new Demo(null, null, true));
          continue;
        }
        demographics.put(id, new Demo(Assembly.gender(t, sex), t.date(birth), false));
      }
    }
  }

  private void readRoles() {
    Mode mode = mode("roles");
    Table t = openType("roles", ROLES, EntityType.STAFF);
    if (t == null) {
      if (mode("users") != Mode.ABSENT) {
        problems.error(
            Kind.MISSING_FILE,
            "roles.csv",
            0,
            null,
            null,
            "OneRoster 1.2 needs roles.csv to tell students, staff and guardians apart; users"
                + " without a role column cannot be imported");
      }
      return;
    }
    int user = ROLES.idx("userSourcedId");
    int roleType = ROLES.idx("roleType");
    int role = ROLES.idx("role");
    try (t) {
      while (t.next()) {
        Boolean st = status(t, mode);
        if (st == null || !st) {
          continue;
        }
        String u = t.get(user);
        boolean primary = t.get(roleType).equalsIgnoreCase("primary");
        String r = t.get(role).toLowerCase(Locale.ROOT);
        if (primary || !primaryRoles.containsKey(u)) {
          primaryRoles.put(u, r);
        }
        // a person may hold a staff role and a guardian role (a member of staff who is a parent)
        EntityType rt = typeOfRole(r);
        if (rt == EntityType.CONTACT) {
          guardianRoles.putIfAbsent(u, r);
        } else if (rt == EntityType.STAFF) {
          staffRoles.putIfAbsent(u, r);
        }
      }
    }
  }

  private void readProfiles() {
    Table t = openType("userProfiles", PROFILES, EntityType.STAFF);
    if (t == null) {
      return;
    }
    int user = PROFILES.idx("userSourcedId");
    try (t) {
      while (t.next()) {
        Boolean st = status(t, mode("userProfiles"));
        if (st == null || !st) {
          continue;
        }
        String u = t.get(user);
        if (u.isEmpty() || (asm.user(u) == null && !inPrevious(u))) {
          t.warn(
              Kind.UNKNOWN_REFERENCE,
              user,
              "user profile names user '" + u + "' who is not in users.csv; profile ignored");
        }
      }
    }
  }

  // ---------------------------------------------------------------- users

  static @Nullable EntityType typeOfRole(String role) {
    switch (role) {
      case "student":
      case "learner":
        return EntityType.STUDENT;
      case "parent":
      case "guardian":
      case "relative":
        return EntityType.CONTACT;
      case "teacher":
      case "administrator":
      case "aide":
      case "proctor":
      case "districtadministrator":
      case "siteadministrator":
      case "systemadministrator":
      case "principal":
      case "counselor":
      case "professor":
        return EntityType.STAFF;
      default:
        return null;
    }
  }

  private void readUsers() {
    Mode mode = mode("users");
    Table t = openType("users", USERS, EntityType.STUDENT);
    if (t == null) {
      return;
    }
    List<String> replaced = new ArrayList<>();
    if (mode == Mode.BULK && previous != null) {
      // a bulk file replaces every user; those not in it are deleted once it is read whole
      for (Person p : previous.people()) {
        asm.builder().remove(p.ref());
        replaced.add(p.id());
      }
      asm.builder().removeGuardianLinksIf(l -> true);
    }
    int enabled = USERS.idx("enabledUser");
    int orgs = USERS.idx("orgSourcedIds");
    int roleCol = USERS.idx("role");
    int username = USERS.idx("username");
    int userIds = USERS.idx("userIds");
    int given = USERS.idx("givenName");
    int family = USERS.idx("familyName");
    int middle = USERS.idx("middleName");
    int identifier = USERS.idx("identifier");
    int email = USERS.idx("email");
    int phone = USERS.idx("phone");
    int agents = USERS.idx("agentSourcedIds");
    int grades = USERS.idx("grades");
    int prefGiven = USERS.idx("preferredGivenName");
    int prefFamily = USERS.idx("preferredFamilyName");
    // which users a row named matters only over a previous snapshot or in a delta
    boolean trackTouched = previous != null || mode != Mode.BULK;
    try (t) {
      while (t.next()) {
        Boolean st = status(t, mode);
        if (st == null) {
          if (statusError) {
            markUserRejected();
            rejectedUsers.put(t.get(ID), t.here());
            keepPrevious(t, t.get(ID));
          } else if (droppedByStatus(t)) {
            droppedUsers.put(t.get(ID), t.here());
          }
          continue;
        }
        String id = t.get(ID);
        if (id.isEmpty()) {
          t.error(Kind.MISSING_VALUE, ID, "sourcedId is empty; row not imported");
          continue;
        }
        if (!st) {
          deleteUser(id);
          droppedUsers.put(id, t.here());
          continue;
        }
        String role = t.get(roleCol).toLowerCase(Locale.ROOT);
        if (v12 || role.isEmpty()) {
          String r = primaryRoles.get(id);
          if (r != null) {
            role = r;
          }
        }
        EntityType type = typeOfRole(role);
        if (type == null) {
          t.error(
              Kind.INVALID_VALUE,
              roleCol,
              role.isEmpty()
                  ? "user has no role" + (v12 ? " in roles.csv" : "") + "; row not imported"
                  : "role '" + role + "' is not a OneRoster role; row not imported");
          problems.markRejected(EntityType.STUDENT);
          problems.markRejected(EntityType.STAFF);
          problems.markRejected(EntityType.CONTACT);
          rejectedUsers.put(id, t.here());
          keepPrevious(t, id);
          continue;
        }
        List<String> userOrgs = Text.list(t.get(orgs));
        if (opts.pickSchool() != null
            && !userOrgs.isEmpty()
            && !userOrgs.contains(opts.pickSchool())) {
          otherSchool.add(id);
          continue;
        }
        for (String org : userOrgs) {
          if (mode("orgs") == Mode.BULK && !orgIds.contains(org)) {
            t.warn(Kind.UNKNOWN_REFERENCE, orgs, "org '" + org + "' is not in orgs.csv");
          }
        }
        Person prev = previousPerson(id);
        // a bulk file reads each user once: consumed here, what is left names unknown users
        Demo demo = mode == Mode.BULK ? demographics.remove(id) : demographics.get(id);
        Gender gender =
            demo != null ? demo.gender() : prev != null ? prev.gender().orElse(null) : null;
        LocalDate dob =
            demo != null ? demo.dob() : prev != null ? prev.dateOfBirth().orElse(null) : null;
        Person.Builder<?, ?> b;
        switch (type) {
          case STUDENT:
            {
              List<String> g = Text.list(t.get(grades));
              if (g.size() > 1) {
                t.warn(
                    Kind.INVALID_VALUE,
                    grades,
                    "a student has " + g.size() + " grades; the first is the year group");
              }
              b = Student.builder().yearGroup(g.isEmpty() ? null : g.get(0));
              break;
            }
          case STAFF:
            {
              StaffMember.Builder s = StaffMember.builder().teaching(role.equals("teacher"));
              if (!role.equals("teacher") && !role.equals("administrator")) {
                s.attribute("role", role);
              }
              b = s;
              break;
            }
          default:
            b =
                Contact.builder()
                    .phone(t.opt(phone))
                    .staffId(v12 && staffRoles.containsKey(id) ? id : null);
            contactRoles.put(id, role);
        }
        b.id(id)
            .legalName(t.opt(given), t.opt(family))
            .middleNames(t.opt(middle))
            .preferredName(t.opt(prefGiven), t.opt(prefFamily))
            .misId(t.opt(identifier))
            .email(Assembly.email(t, email))
            .gender(gender)
            .dateOfBirth(dob);
        b.attribute(AGENTS, agentsAttribute(t.get(agents)));
        String un = t.get(username);
        if (!un.isEmpty()) {
          b.attribute("username", un);
        }
        if (Boolean.FALSE.equals(Text.bool(t.get(enabled)))) {
          b.attribute("enabledUser", "false");
        }
        String ids = t.get(userIds);
        if (!ids.isEmpty()) {
          List<String[]> typed = Text.typedIds(ids);
          if (typed == null) {
            t.warn(
                Kind.INVALID_VALUE, userIds, "userIds must be a list of {type:id}; value dropped");
          } else {
            for (String[] ti : typed) {
              // one key instance per id type, not one per user
              b.attribute(userIdKeys.computeIfAbsent(ti[0], k -> "userId:" + k), ti[1]);
            }
          }
        }
        final Person.Builder<?, ?> fb = b;
        boolean ok;
        if (mode == Mode.DELTA) {
          ok = putUser(t, fb, prev);
        } else {
          ok = asm.addPerson(t, ID, fb::build);
        }
        if (!ok) {
          if (demo != null && mode == Mode.BULK) {
            demographics.put(id, demo); // for a later row with the same id
          }
          rejectedUsers.putIfAbsent(id, t.here());
          markUserRejected();
          keepPrevious(t, id);
          continue;
        }
        if (v12) {
          secondRole(t, mode, type, id, role);
        }
        if (trackTouched) {
          touchedUsers.add(id);
        }
        for (String a : Text.list(t.get(agents))) {
          agentPairs.add(new String[] {id, a, Long.toString(t.line())});
        }
      }
      if (t.failed()) {
        markUserRejected();
      }
    }
    int kept = 0;
    for (String id : replaced) {
      if (!touchedUsers.contains(id)) {
        if (t.failed()) {
          // the file stopped part-way: an unseen user may be in the rows not read
          keepPrevious(null, id);
          kept++;
        } else {
          deletedUsers.add(id);
        }
      }
    }
    if (kept > 0) {
      problems.warn(
          Kind.STATUS,
          t.file(),
          0,
          null,
          EntityType.STUDENT,
          kept
              + " users of the previous snapshot were not in the rows read; their previous records"
              + " are kept, with their enrollments and guardian links");
    }
  }

  /**
   * OneRoster 1.2: a user with a staff role and a guardian role (a member of staff who is a parent,
   * whichever role is primary) is one person with two roles: a {@link StaffMember} and a {@link
   * Contact} with the same id, the contact naming the staff record ({@link Contact#staffId()}), so
   * their guardian links are kept and the planner's policy decides whether they get one account or
   * two. The record of the primary role was just added; this adds the other, copied from it, and
   * says so. In a delta, a user who no longer holds both roles loses the other record.
   */
  private void secondRole(Table t, Mode mode, EntityType type, String id, String primaryRole) {
    String guardian = guardianRoles.get(id);
    String staffRole = staffRoles.get(id);
    boolean both =
        (type == EntityType.STAFF && guardian != null)
            || (type == EntityType.CONTACT && staffRole != null);
    EntityType other = type == EntityType.STAFF ? EntityType.CONTACT : EntityType.STAFF;
    if (!both) {
      if (mode == Mode.DELTA && type != EntityType.STUDENT) {
        PersonRef twin = new PersonRef(other, id);
        Person p = asm.builder().person(twin).orElse(null);
        if (p instanceof Contact c && id.equals(c.staffId().orElse(null))
            || p instanceof StaffMember && type == EntityType.CONTACT) {
          asm.builder().remove(twin);
        }
      }
      return;
    }
    Person p = asm.builder().person(new PersonRef(type, id)).orElseThrow();
    Person.Builder<?, ?> b;
    if (other == EntityType.CONTACT) {
      b = Contact.builder().staffId(id);
      contactRoles.put(id, guardian);
    } else {
      String sr = staffRole == null ? "teacher" : staffRole;
      StaffMember.Builder sb = StaffMember.builder().teaching(sr.equals("teacher"));
      if (!sr.equals("teacher") && !sr.equals("administrator")) {
        sb.attribute("role", sr);
      }
      b = sb;
    }
    Assembly.copyIdentity(p, b);
    if (p instanceof Contact c && b instanceof StaffMember.Builder) {
      c.phone().ifPresent(ph -> b.attribute("phone", ph));
    }
    boolean ok = mode == Mode.DELTA ? putUser(t, b, null) : asm.addPerson(t, ID, b::build);
    if (ok) {
      t.warn(
          Kind.TWO_ROLES,
          -1,
          "user '"
              + id
              + "' holds a staff role ("
              + (type == EntityType.STAFF ? primaryRole : staffRole)
              + ") and a guardian role ("
              + (type == EntityType.CONTACT ? primaryRole : guardian)
              + "): imported as a member of staff and as a contact, the same person, so their"
              + " guardian links are kept");
    }
  }

  /** The {@link #AGENTS} attribute for an agentSourcedIds cell: sorted, distinct; null if none. */
  static @Nullable String agentsAttribute(String cell) {
    if (cell.isEmpty()) {
      return null;
    }
    java.util.TreeSet<String> ids = new java.util.TreeSet<>(Text.list(cell));
    return ids.isEmpty() ? null : String.join(",", ids);
  }

  /**
   * A bulk users file read over a previous snapshot replaces every user; a row that is rejected (or
   * not read, when the file stops part-way) must not make its user look gone: the previous record
   * is kept, with their memberships (not removed as a leaver's) and all their previous guardian
   * links (what the rejected row says now is unknown), and the row is reported. Deltas need
   * nothing: a rejected delta row is simply not applied onto the previous record.
   */
  private void keepPrevious(@Nullable Table t, String id) {
    MisSnapshot prevSnap = previous;
    if (id.isEmpty()
        || prevSnap == null
        || mode("users") != Mode.BULK
        || touchedUsers.contains(id)
        || asm.user(id) != null) {
      return;
    }
    Person prev = previousPerson(id);
    if (prev == null) {
      return;
    }
    asm.builder().put(prev);
    touchedUsers.add(id);
    for (GuardianLink l :
        prev instanceof Contact ? prevSnap.linksOfContact(id) : prevSnap.guardiansOf(id)) {
      keptPairs.add(new String[] {l.contactId(), l.studentId()});
    }
    if (t != null) {
      t.warn(
          Kind.STATUS,
          ID,
          "the previous record of user '"
              + id
              + "' is kept, with their enrollments and guardian links, until this row is fixed");
    }
  }

  private void markUserRejected() {
    problems.markRejected(EntityType.GUARDIAN_LINK);
    problems.markRejected(EntityType.STUDENT);
    problems.markRejected(EntityType.STAFF);
    problems.markRejected(EntityType.CONTACT);
  }

  private boolean putUser(Table t, Person.Builder<?, ?> b, @Nullable Person prev) {
    Person p;
    try {
      p = b.build();
    } catch (io.missync.core.model.InvalidRecordException e) {
      t.error(Kind.INVALID_VALUE, -1, e.getMessage() + "; row not imported");
      return false;
    }
    if (prev != null && prev.entityType() != p.entityType()) {
      asm.builder().remove(prev.ref());
    }
    asm.builder().put(p);
    return true;
  }

  private void deleteUser(String id) {
    Person prev = previousPerson(id);
    if (prev != null) {
      asm.builder().remove(prev.ref());
      // reported so the planner removes access even though a delta is only PARTIAL
      asm.builder().markDeleted(prev.ref());
    }
    Known k = asm.user(id);
    if (k != null) {
      asm.builder().remove(new PersonRef(k.type(), id));
      asm.builder().markDeleted(new PersonRef(k.type(), id));
    }
    // a member of staff who is also a contact: the other record of the same person goes too
    for (PersonRef twin : new PersonRef[] {PersonRef.staff(id), PersonRef.contact(id)}) {
      MisSnapshot p = previous;
      if (asm.builder().contains(twin) || (p != null && p.person(twin).isPresent())) {
        asm.builder().remove(twin);
        asm.builder().markDeleted(twin);
      }
    }
    deletedUsers.add(id);
    touchedUsers.add(id);
  }

  private @Nullable Person previousPerson(String id) {
    MisSnapshot p = previous;
    if (p == null) {
      return null;
    }
    Optional<? extends Person> s = p.student(id);
    if (s.isPresent()) {
      return s.get();
    }
    Optional<? extends Person> st = p.staffMember(id);
    if (st.isPresent()) {
      return st.get();
    }
    return p.contact(id).orElse(null);
  }

  private boolean inPrevious(String id) {
    return mode("users") != Mode.BULK && previousPerson(id) != null && !deletedUsers.contains(id);
  }

  /** Demographics rows for users not in this users file (a delta of demographics only). */
  private void applyDemographicsOnly() {
    if (demographics.isEmpty()) {
      return;
    }
    for (Map.Entry<String, Demo> e : demographics.entrySet()) {
      String id = e.getKey();
      if (touchedUsers.contains(id)) {
        continue;
      }
      Person prev = inPrevious(id) ? previousPerson(id) : null;
      if (prev == null) {
        if (asm.user(id) == null) {
          problems.warn(
              Kind.UNKNOWN_REFERENCE,
              "demographics.csv",
              0,
              "sourcedId",
              EntityType.STUDENT,
              "demographics for user '" + id + "' who is not in users.csv; ignored");
        }
        continue;
      }
      Demo d = e.getValue();
      Gender g = d.deleted() ? null : d.gender();
      LocalDate dob = d.deleted() ? null : d.dob();
      Person p;
      if (prev instanceof Student s) {
        p = s.toBuilder().gender(g).dateOfBirth(dob).build();
      } else if (prev instanceof StaffMember s) {
        p = s.toBuilder().gender(g).dateOfBirth(dob).build();
      } else {
        p = ((Contact) prev).toBuilder().gender(g).dateOfBirth(dob).build();
      }
      asm.builder().put(p);
    }
  }

  // ---------------------------------------------------------------- enrollments

  private @Nullable Known known(String userId) {
    Known k = asm.user(userId);
    if (k != null) {
      return k;
    }
    Person p = inPrevious(userId) ? previousPerson(userId) : null;
    return p == null ? null : new Known(p.id(), p.entityType());
  }

  private void readEnrollments() {
    Mode mode = mode("enrollments");
    Table t = openType("enrollments", ENROLLMENTS, EntityType.MEMBERSHIP);
    Set<String> pairKeys = new HashSet<>();
    List<Membership> upserts = new ArrayList<>();
    if (mode == Mode.BULK && previous != null && t != null) {
      asm.builder().removeMembershipsIf(m -> true);
    }
    if (t != null) {
      int cls = ENROLLMENTS.idx("classSourcedId");
      int user = ENROLLMENTS.idx("userSourcedId");
      int role = ENROLLMENTS.idx("role");
      int primary = ENROLLMENTS.idx("primary");
      int begin = ENROLLMENTS.idx("beginDate");
      int end = ENROLLMENTS.idx("endDate");
      try (t) {
        while (t.next()) {
          Boolean st = status(t, mode);
          if (st == null) {
            continue;
          }
          String g = t.get(cls);
          String u = t.get(user);
          if (g.isEmpty() || u.isEmpty()) {
            t.error(
                Kind.MISSING_VALUE,
                g.isEmpty() ? cls : user,
                "classSourcedId and userSourcedId are required; row not imported");
            continue;
          }
          if (!st) {
            pairKeys.add(g + "|" + u);
            continue;
          }
          // the builder holds exactly the classes accepted so far; it remembers the one found,
          // so adding the membership below does not look it up again
          Group grp = asm.builder().group(g).orElse(null);
          if (grp == null) {
            if (!otherSchool.contains(g)) {
              missingClass(t, cls, g);
            }
            continue;
          }
          String gid = grp.id();
          Known k = known(u);
          if (k == null) {
            if (!otherSchool.contains(u)) {
              missingUser(t, user, u);
            }
            continue;
          }
          String r = t.get(role).toLowerCase(Locale.ROOT);
          MembershipRole mr;
          if (r.equals("student")) {
            mr = MembershipRole.MEMBER;
            if (k.type() != EntityType.STUDENT) {
              t.warn(
                  Kind.ROLE_MISMATCH,
                  role,
                  "role 'student' for user '" + u + "', who is not a student; imported as given");
            }
          } else if (r.equals("teacher")
              || r.equals("aide")
              || r.equals("administrator")
              || r.equals("proctor")) {
            mr =
                r.equals("teacher") && Boolean.TRUE.equals(Text.bool(t.get(primary)))
                    ? MembershipRole.MAIN_TEACHER
                    : MembershipRole.TEACHER;
            if (k.type() == EntityType.STUDENT) {
              t.warn(
                  Kind.ROLE_MISMATCH,
                  role,
                  "role '" + r + "' for user '" + u + "', who is a student; imported as given");
            }
          } else {
            t.error(
                Kind.INVALID_VALUE, role, "enrollment role '" + r + "' unknown; row not imported");
            continue;
          }
          LocalDate from = t.date(begin);
          LocalDate to = t.date(end);
          PersonRef ref = new PersonRef(k.type(), k.id());
          String fg = gid;
          Membership m = asm.membership(t, () -> Membership.of(fg, ref, mr, from, to));
          if (m == null) {
            continue;
          }
          if (mode == Mode.DELTA) {
            pairKeys.add(g + "|" + u);
            upserts.add(m);
          } else {
            asm.builder().addMembership(m);
          }
        }
        if (t.failed()) {
          problems.markRejected(EntityType.MEMBERSHIP);
          keepUnreadMemberships(t, mode);
        }
      }
    }
    // deletions: delta enrollments, deleted users and deleted classes
    if (!pairKeys.isEmpty() || !deletedUsers.isEmpty() || !deletedGroups.isEmpty()) {
      asm.builder()
          .removeMembershipsIf(
              m ->
                  deletedUsers.contains(m.personId())
                      || deletedGroups.contains(m.groupId())
                      || pairKeys.contains(m.groupId() + "|" + m.personId()));
    }
    for (Membership m : upserts) {
      asm.builder().addMembership(m);
    }
  }

  /**
   * An enrollment naming a class that is not there, worded as what happened: the class's own row
   * said to drop it (a warning under that row: the enrollment goes with the class, and nothing is
   * PARTIAL for it), its row was rejected (an error under that row), or there is no such row.
   */
  private void missingClass(Table t, int col, String g) {
    String dropped = droppedGroups.get(g);
    String rejected = rejectedGroups.get(g);
    if (dropped != null) {
      t.warnBecause(
          Kind.UNKNOWN_REFERENCE,
          col,
          "enrollment in class '" + g + "', which classes.csv marks tobedeleted; left out with it",
          dropped);
    } else if (rejected != null) {
      t.errorBecause(
          Kind.UNKNOWN_REFERENCE,
          col,
          "enrollment in class '"
              + g
              + "', whose row in classes.csv was rejected; row not imported",
          rejected);
    } else {
      t.error(
          Kind.UNKNOWN_REFERENCE,
          col,
          "enrollment names class '" + g + "' which is not in classes.csv; row not imported");
    }
  }

  /** As {@link #missingClass} for the enrollment's user. */
  private void missingUser(Table t, int col, String u) {
    String dropped = droppedUsers.get(u);
    String rejected = rejectedUsers.get(u);
    if (dropped != null) {
      t.warnBecause(
          Kind.UNKNOWN_REFERENCE,
          col,
          "enrollment of user '" + u + "', whom users.csv marks tobedeleted; left out with them",
          dropped);
    } else if (rejected != null) {
      t.errorBecause(
          Kind.UNKNOWN_REFERENCE,
          col,
          "enrollment of user '" + u + "', whose row in users.csv was rejected; row not imported",
          rejected);
    } else {
      t.error(
          Kind.UNKNOWN_REFERENCE,
          col,
          "enrollment names user '" + u + "' who is not in users.csv; row not imported");
    }
  }

  /** True when the row just read by {@link #status} was left out because its status says so. */
  private static boolean droppedByStatus(Table t) {
    String s = t.get(STATUS).toLowerCase(Locale.ROOT);
    return s.equals("tobedeleted") || s.equals("inactive");
  }

  /**
   * A bulk enrollments file that stops part-way over a previous snapshot: the previous memberships
   * not among the rows read are kept (of groups and people still there), as the rows not read may
   * hold them; nothing is removed on the strength of a half-read file.
   */
  private void keepUnreadMemberships(Table t, Mode mode) {
    MisSnapshot prev = previous;
    if (prev == null || mode != Mode.BULK) {
      return;
    }
    Set<String> present = new HashSet<>();
    asm.builder().forEachMembership(m -> present.add(m.key()));
    int kept = 0;
    for (Membership m : prev.memberships()) {
      if (!present.contains(m.key())
          && groupIds.contains(m.groupId())
          && asm.builder().contains(new PersonRef(m.personType(), m.personId()))) {
        asm.builder().addMembership(m);
        kept++;
      }
    }
    if (kept > 0) {
      problems.warn(
          Kind.STATUS,
          t.file(),
          0,
          null,
          EntityType.MEMBERSHIP,
          kept + " enrollments of the previous snapshot were not in the rows read; they are kept");
    }
  }

  // ---------------------------------------------------------------- guardians

  /**
   * Guardian links from agentSourcedIds. In OneRoster 1.1 a student's row lists its parents and
   * guardians and a parent's row lists its students; a provider may fill either side or both. The
   * links are therefore the union of what every current users row asserts: a link between C and S
   * exists while C's row lists S or S's row lists C.
   *
   * <p>In a delta, a row replaces only its own assertion (recorded per person in the {@link
   * #AGENTS} attribute): the links of a user in the delta are rebuilt from the delta row and from
   * the recorded assertions of the users not in the delta. So a student row with empty
   * agentSourcedIds removes the links only it asserted, while a link its unchanged parent's row
   * asserts survives (and a link a parent asserted before the student existed appears when the
   * student arrives). A previous snapshot without the attribute (read by an older version) records
   * no assertions: links of users in the delta then come from the delta rows only.
   */
  private void resolveAgents() {
    List<String[]> pairs = agentPairs;
    if (mode("users") == Mode.DELTA && !touchedUsers.isEmpty()) {
      asm.builder()
          .removeGuardianLinksIf(
              l -> touchedUsers.contains(l.contactId()) || touchedUsers.contains(l.studentId()));
      pairs = new ArrayList<>(agentPairs);
      pairs.addAll(assertedByUnchangedUsers());
    } else if (!deletedUsers.isEmpty()) {
      asm.builder()
          .removeGuardianLinksIf(
              l -> deletedUsers.contains(l.contactId()) || deletedUsers.contains(l.studentId()));
    }
    if (!keptPairs.isEmpty()) {
      pairs = new ArrayList<>(pairs);
      for (String[] p : keptPairs) {
        pairs.add(new String[] {p[0], p[1], "-1"});
      }
    }
    Set<String> seen = new HashSet<>();
    for (String[] pair : pairs) {
      Known a = known(pair[0]);
      Known b = known(pair[1]);
      long line = Long.parseLong(pair[2]);
      if (a == null) {
        continue;
      }
      if (b == null) {
        if (line < 0 || otherSchool.contains(pair[1])) {
          continue; // a kept or recorded assertion: reported when its row was read
        }
        problems.warn(
            Kind.UNKNOWN_REFERENCE,
            "users.csv",
            line,
            "agentSourcedIds",
            EntityType.GUARDIAN_LINK,
            "agent '" + pair[1] + "' is not in users.csv; link not imported");
        continue;
      }
      a = asContact(a, b);
      b = asContact(b, a);
      Known contact;
      Known student;
      if (a.type() == EntityType.CONTACT && b.type() == EntityType.STUDENT) {
        contact = a;
        student = b;
      } else if (a.type() == EntityType.STUDENT && b.type() == EntityType.CONTACT) {
        contact = b;
        student = a;
      } else {
        // staff agents (a teacher's aide, ...) are not guardian links; no warning needed
        continue;
      }
      if (!seen.add(contact.id() + "|" + student.id())) {
        continue;
      }
      String role = contactRoles.get(contact.id());
      Relationship rel = relationship(role);
      MisSnapshot prev = previous;
      if (role == null && prev != null) {
        // the contact is not in this delta: keep the relationship the previous snapshot had
        List<GuardianLink> before = prev.linksOfContact(contact.id());
        if (!before.isEmpty()) {
          rel = before.get(0).relationship();
        }
      }
      GuardianLink link =
          GuardianLink.builder(contact.id(), student.id()).relationship(rel).build();
      asm.builder().addGuardianLink(link);
    }
  }

  /**
   * A member of staff named with a student as agent is read as their contact record when they have
   * one (a member of staff who is also a parent); anyone else is returned as is.
   */
  private Known asContact(Known k, Known other) {
    if (k.type() != EntityType.STAFF || other.type() != EntityType.STUDENT) {
      return k;
    }
    PersonRef c = PersonRef.contact(k.id());
    return asm.builder().contains(c) ? new Known(k.id(), EntityType.CONTACT) : k;
  }

  /**
   * {user, agent, -1} for each agent a user not in this delta asserted (by the {@link #AGENTS}
   * attribute of their previous record) who is in this delta and not deleted.
   */
  private List<String[]> assertedByUnchangedUsers() {
    List<String[]> out = new ArrayList<>();
    MisSnapshot prev = previous;
    if (prev == null) {
      return out;
    }
    for (Person p : prev.people()) {
      String agents = p.attributes().get(AGENTS);
      if (agents == null || touchedUsers.contains(p.id()) || deletedUsers.contains(p.id())) {
        continue;
      }
      for (String a : Text.list(agents)) {
        if (touchedUsers.contains(a) && !deletedUsers.contains(a)) {
          out.add(new String[] {p.id(), a, "-1"});
        }
      }
    }
    return out;
  }

  static Relationship relationship(@Nullable String role) {
    if (role == null) {
      return Relationship.UNKNOWN;
    }
    switch (role) {
      case "parent":
        return Relationship.PARENT;
      case "guardian":
        return Relationship.GUARDIAN;
      case "relative":
        return Relationship.of("Relative");
      default:
        return Relationship.UNKNOWN;
    }
  }

  // ---------------------------------------------------------------- completeness

  private void setCompleteness() {
    set("users", EntityType.STUDENT);
    set("users", EntityType.STAFF);
    set("users", EntityType.CONTACT);
    set("users", EntityType.GUARDIAN_LINK);
    set("classes", EntityType.GROUP);
    set("enrollments", EntityType.MEMBERSHIP);
  }

  private void set(String type, EntityType et) {
    Mode m = mode(type);
    if (m == Mode.BULK) {
      asm.completeness(et, Completeness.COMPLETE);
    } else if (previous == null) {
      asm.completeness(et, m == Mode.DELTA ? Completeness.PARTIAL : Completeness.ABSENT);
      if (m == Mode.DELTA) {
        problems.warn(
            Kind.STATUS,
            type + ".csv",
            0,
            null,
            et,
            "a delta was read without a previous snapshot: " + type + " is PARTIAL");
      }
    } else {
      asm.completeness(et, previous.completeness(et));
    }
  }
}
