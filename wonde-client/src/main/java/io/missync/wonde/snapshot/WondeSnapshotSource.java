package io.missync.wonde.snapshot;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.Group;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.Membership;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.model.SourceInfo;
import io.missync.core.spi.SnapshotSource;
import io.missync.core.spi.SnapshotUnavailableException;
import io.missync.wonde.ClassInclude;
import io.missync.wonde.ContactInclude;
import io.missync.wonde.CountType;
import io.missync.wonde.EmployeeInclude;
import io.missync.wonde.GroupInclude;
import io.missync.wonde.ListRequest;
import io.missync.wonde.SchoolClient;
import io.missync.wonde.StudentInclude;
import io.missync.wonde.WondeClient;
import io.missync.wonde.WondeException;
import io.missync.wonde.WondeNotFoundException;
import io.missync.wonde.model.Counts;
import io.missync.wonde.model.Deletion;
import io.missync.wonde.model.DeletionType;
import io.missync.wonde.model.Employee;
import io.missync.wonde.model.School;
import io.missync.wonde.model.SchoolClass;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one school from Wonde into a {@link MisSnapshot}.
 *
 * <p><b>Full fetch.</b> Students (with education details, year, contact details and contacts),
 * employees, contacts, groups and classes (with their students and employees) are read in parallel,
 * every page of each. The school's {@code counts} are read too and recorded as the snapshot's
 * source counts. A type is COMPLETE only when every page was read, no record had to be left out,
 * and no fewer distinct records arrived than Wonde's count says; otherwise it is PARTIAL and the
 * reason is in {@link WondeFetch#issues()}. Any request that fails (after the client's retries)
 * fails the whole fetch with {@link SnapshotUnavailableException}: no partial snapshot is ever
 * returned as if it were whole.
 *
 * <p><b>Paging a full fetch.</b> Wonde's {@code meta.pagination} has no total, so the number of
 * pages of each list is taken from the school's {@code counts} for it (or from a {@code last_page}
 * or {@code total} in the first page's meta, should Wonde send one). Once the first page and the
 * counts are in, pages 2..N are requested at once with the same parameters plus {@code page=K},
 * within the client's per-host concurrency limit; lists are still read in parallel with each other.
 * This is done only when the first page shows plain page-number paging: {@code per_page} and {@code
 * current_page} 1 in its meta and a {@code next} link that is the same request plus {@code page=2}.
 * Otherwise (no meta, a cursor or other {@code next} link, no count, or an implausible one) {@code
 * next} is followed page by page, as before. When the last planned page still links to another, the
 * rest of the list is read by following {@code next}; a page that answers as another page number
 * makes the list be read again by following {@code next}. Records may be added or removed between
 * two page requests, so that one moves across a page boundary unseen: a list is therefore PARTIAL
 * (with the reason in the issues) when a record (by id) comes on two pages, when pages disagree on
 * a total, when a page after the end of the list has records, when a page comes back without
 * pagination meta, or when fewer distinct records arrive than the count (the rule above). A failed
 * page fails the fetch, as any failed request does. Incremental fetches always follow {@code next}
 * page by page.
 *
 * <p><b>Mapping.</b> People keep Wonde's {@code id}, {@code mis_id} and {@code upi}; legal names
 * from {@code legal_forename}/{@code legal_surname}, and {@code forename}/{@code surname} as the
 * preferred name only where they differ; email from {@code contact_details.emails} ({@code email},
 * then {@code primary}, {@code work}, {@code home}). Students take UPN, former UPN, admission
 * number and dates and {@code current_nc_year} (else the year group's code) from their includes;
 * staff take {@code role_text}, {@code teaching_staff} and employment dates, and a member of staff
 * whose {@code employment_details.current} is false is left out as a leaver. Contacts take the
 * phone from {@code phones.primary} (then {@code mobile}, {@code phone}). YEAR, REGISTRATION and
 * HOUSE groups keep their kind, other group types are OTHER; classes are CLASS groups with the
 * subject's name (else its id) and {@code year_group}. Students are MEMBERs; staff are TEACHERs of
 * year, form and house groups and MEMBERs of other groups; class teachers are MAIN_TEACHER when
 * {@code is_main_teacher} (read from the class's or the employee's pivot), else TEACHER. Guardian
 * links come from each student's {@code contacts} include. A field that cannot be decoded or breaks
 * a model rule is dropped and reported; a record that cannot be built is left out and its type is
 * marked PARTIAL.
 *
 * <p><b>Incremental fetch.</b> Reads records updated since the previous snapshot was captured
 * (minus an overlap for clock skew), the {@code deletions} feed and the {@code students-leaver}
 * records updated since, and applies them onto the previous snapshot: deletions first (a deletion
 * with {@code restored_at} re-reads the record), then leavers (removed unless they are in the
 * current changed list, i.e. re-joined), then the changed records, replacing a changed student's
 * guardian links and a changed group's memberships. Completeness is carried over from the previous
 * snapshot, then checked against fresh counts. Wonde does not promise that a membership change
 * touches the group's {@code updated_at}; run a full fetch regularly.
 */
public final class WondeSnapshotSource implements SnapshotSource {
  private static final Logger LOG = LoggerFactory.getLogger(WondeSnapshotSource.class);
  static final String SOURCE_KIND = "wonde";

  private final WondeClient client;
  private final String schoolId;
  private final Clock clock;
  private final Duration overlap;
  private final int perPage;
  private final boolean staff;
  private final boolean contacts;
  private final boolean groups;
  private final boolean classes;

  private WondeSnapshotSource(Builder b) {
    this.client = b.client;
    this.schoolId = b.schoolId;
    this.clock = b.clock;
    this.overlap = b.overlap;
    this.perPage = b.perPage;
    this.staff = b.staff;
    this.contacts = b.contacts;
    this.groups = b.groups;
    this.classes = b.classes;
  }

  public static Builder builder(WondeClient client, String schoolId) {
    return new Builder(client, schoolId);
  }

  @Override
  public MisSnapshot fetchFull() {
    return fetchFullWithReport().snapshot();
  }

  @Override
  public MisSnapshot fetchIncremental(MisSnapshot previous) {
    return fetchIncrementalWithReport(previous).snapshot();
  }

  // ---- requests ----------------------------------------------------------------------------

  private ListRequest<io.missync.wonde.model.Student, StudentInclude> studentsRequest(
      SchoolClient sc) {
    ListRequest<io.missync.wonde.model.Student, StudentInclude> r =
        sc.students()
            .perPage(perPage)
            .include(
                StudentInclude.EDUCATION_DETAILS,
                StudentInclude.YEAR,
                StudentInclude.CONTACT_DETAILS);
    return contacts ? r.include(StudentInclude.CONTACTS) : r;
  }

  private ListRequest<Employee, EmployeeInclude> employeesRequest(SchoolClient sc) {
    return sc.employees()
        .perPage(perPage)
        .include(
            EmployeeInclude.EMPLOYMENT_DETAILS,
            EmployeeInclude.CONTACT_DETAILS,
            EmployeeInclude.CLASSES);
  }

  private ListRequest<io.missync.wonde.model.Contact, ContactInclude> contactsRequest(
      SchoolClient sc) {
    return sc.contacts().perPage(perPage).include(ContactInclude.CONTACT_DETAILS);
  }

  private ListRequest<io.missync.wonde.model.Group, GroupInclude> groupsRequest(SchoolClient sc) {
    return sc.groups().perPage(perPage).include(GroupInclude.STUDENTS, GroupInclude.EMPLOYEES);
  }

  private ListRequest<SchoolClass, ClassInclude> classesRequest(SchoolClient sc) {
    return sc.classes()
        .perPage(perPage)
        .include(ClassInclude.SUBJECT, ClassInclude.STUDENTS, ClassInclude.EMPLOYEES);
  }

  private static <T> CompletableFuture<List<T>> none() {
    return CompletableFuture.completedFuture(List.of());
  }

  /** Everything read in one go. */
  private static final class Raw {
    @Nullable School school;
    @Nullable Counts counts;
    List<io.missync.wonde.model.Student> students = List.of();
    List<Employee> employees = List.of();
    List<io.missync.wonde.model.Contact> contacts = List.of();
    List<io.missync.wonde.model.Group> groups = List.of();
    List<SchoolClass> classes = List.of();
    List<Deletion> deletions = List.of();
    List<io.missync.wonde.model.Student> leavers = List.of();
    final List<ListRead> reads = java.util.Collections.synchronizedList(new ArrayList<>());
  }

  /** How one list of a full read was paged, for the issues. */
  private record ListRead(EntityType type, String list, PageByPage.Result<?> result) {}

  private Raw read(@Nullable Instant since, boolean withSchool) {
    SchoolClient sc = client.school(schoolId);
    Raw raw = new Raw();
    CompletableFuture<Optional<School>> school =
        withSchool
            ? sc.getAsync().thenApply(Optional::of)
            : CompletableFuture.completedFuture(Optional.empty());
    CompletableFuture<Counts> counts =
        sc.countsAsync(
            CountType.STUDENTS,
            CountType.EMPLOYEES,
            CountType.CONTACTS,
            CountType.GROUPS,
            CountType.CLASSES);
    CompletableFuture<List<io.missync.wonde.model.Student>> students =
        all(studentsRequest(sc), since, counts, EntityType.STUDENT, "students", raw, s -> s.id());
    CompletableFuture<List<Employee>> employees =
        staff
            ? all(
                employeesRequest(sc),
                since,
                counts,
                EntityType.STAFF,
                "employees",
                raw,
                e -> e.id())
            : none();
    CompletableFuture<List<io.missync.wonde.model.Contact>> contactList =
        contacts
            ? all(
                contactsRequest(sc),
                since,
                counts,
                EntityType.CONTACT,
                "contacts",
                raw,
                c -> c.id())
            : none();
    CompletableFuture<List<io.missync.wonde.model.Group>> groupList =
        groups
            ? all(groupsRequest(sc), since, counts, EntityType.GROUP, "groups", raw, g -> g.id())
            : none();
    CompletableFuture<List<SchoolClass>> classList =
        classes
            ? all(classesRequest(sc), since, counts, EntityType.GROUP, "classes", raw, c -> c.id())
            : none();
    CompletableFuture<List<Deletion>> deletions =
        since == null ? none() : all(sc.deletions().perPage(perPage), since);
    CompletableFuture<List<io.missync.wonde.model.Student>> leavers =
        since == null ? none() : all(sc.studentsLeaver().perPage(perPage), since);
    try {
      CompletableFuture.allOf(
              school,
              counts,
              students,
              employees,
              contactList,
              groupList,
              classList,
              deletions,
              leavers)
          .join();
    } catch (CompletionException e) {
      throw unavailable(e);
    }
    raw.school = school.join().orElse(null);
    raw.counts = counts.join();
    raw.students = students.join();
    raw.employees = employees.join();
    raw.contacts = contactList.join();
    raw.groups = groupList.join();
    raw.classes = classList.join();
    raw.deletions = deletions.join();
    raw.leavers = leavers.join();
    return raw;
  }

  /**
   * Every item of a list. A full read ({@code since} null) pages concurrently where it safely can
   * (see {@link PageByPage}), sizing the read by the school's count for the list. An incremental
   * read follows {@code next} page by page, strictly (see the other {@code all}).
   */
  private static <T, I extends io.missync.wonde.Include> CompletableFuture<List<T>> all(
      ListRequest<T, I> r,
      @Nullable Instant since,
      CompletableFuture<Counts> counts,
      EntityType type,
      String list,
      Raw raw,
      java.util.function.Function<T, String> id) {
    if (since != null) {
      return all(r, since);
    }
    return PageByPage.read(
            r, counts.thenApply(c -> countOf(c, list)), t -> safeId(() -> id.apply(t)))
        .thenApply(
            res -> {
              raw.reads.add(new ListRead(type, list, res));
              return res.items();
            });
  }

  /** The count for a list, empty when Wonde gave none or an unreadable one. */
  private static OptionalLong countOf(Counts counts, String list) {
    try {
      return counts.count(list);
    } catch (io.missync.wonde.WondeDecodeException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Every item of a feed. A full read is lenient about a page without pagination meta (the counts
   * cross-check catches a short read). An incremental read is not: an empty, unpaginated answer
   * would look like "nothing changed" and hide updates and deletions, so it fails the read instead.
   */
  private static <T, I extends io.missync.wonde.Include> CompletableFuture<List<T>> all(
      ListRequest<T, I> r, @Nullable Instant since) {
    return since == null ? r.allAsync() : r.updatedAfter(since).allPaginatedAsync();
  }

  private SnapshotUnavailableException unavailable(Throwable t) {
    Throwable c = t;
    while (c instanceof CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    String why = c instanceof WondeException ? c.getMessage() : c.getClass().getSimpleName();
    LOG.warn("Wonde fetch for school {} failed: {}", schoolId, why);
    return new SnapshotUnavailableException(
        "Wonde fetch for school " + schoolId + " failed; no snapshot produced: " + why, c);
  }

  // ---- full ---------------------------------------------------------------------------------

  /** A full read of the school, with the issues noticed. */
  public WondeFetch fetchFullWithReport() {
    return guarded(this::full);
  }

  /**
   * Any failure while reading or mapping becomes a {@link SnapshotUnavailableException}: the caller
   * never gets a partial snapshot, nor an unexpected exception type.
   */
  private WondeFetch guarded(java.util.function.Supplier<WondeFetch> fetch) {
    try {
      return fetch.get();
    } catch (SnapshotUnavailableException e) {
      throw e;
    } catch (WondeException | CompletionException e) {
      throw unavailable(e);
    } catch (RuntimeException e) {
      LOG.warn(
          "Wonde snapshot of school {} could not be built: {}",
          schoolId,
          e.getClass().getSimpleName());
      throw new SnapshotUnavailableException(
          "Wonde snapshot of school " + schoolId + " could not be built", e);
    }
  }

  private WondeFetch full() {
    Instant started = clock.instant();
    Raw raw = read(null, true);
    Issues issues = new Issues();
    WondeMapper map = new WondeMapper(issues);
    String mis = null;
    if (raw.school != null) {
      mis = issues.read(EntityType.GROUP, schoolId, "school.mis", raw.school::mis);
    }
    MisSnapshot.Builder b =
        MisSnapshot.builder(new SourceInfo(schoolId, SOURCE_KIND, mis, started));
    Map<EntityType, Integer> received = new EnumMap<>(EntityType.class);
    pagingIssues(raw, issues);

    Set<String> ids = new HashSet<>();
    boolean allLinks = true;
    for (io.missync.wonde.model.Student w : raw.students) {
      Optional<io.missync.core.model.Student> s = map.student(w);
      if (s.isEmpty()) {
        continue;
      }
      String id = s.get().id();
      if (!ids.add(id)) {
        issues.add(EntityType.STUDENT, id, "id", "repeated across pages; first kept");
        continue;
      }
      b.addStudent(s.get());
      if (contacts) {
        List<GuardianLink> links = map.links(id, w);
        if (links == null) {
          allLinks = false;
        } else {
          links.forEach(b::addGuardianLink);
        }
      }
    }
    received.put(EntityType.STUDENT, ids.size());
    if (!allLinks) {
      issues.add(EntityType.GUARDIAN_LINK, "*", "contacts", "include missing on some students");
      issues.incomplete.add(EntityType.GUARDIAN_LINK);
    }

    ids.clear();
    for (Employee w : raw.employees) {
      map.staff(w)
          .ifPresent(
              s -> {
                if (addOnce(ids, EntityType.STAFF, s.id(), issues)) {
                  b.addStaff(s);
                }
              });
    }
    received.put(EntityType.STAFF, ids.size());

    ids.clear();
    for (io.missync.wonde.model.Contact w : raw.contacts) {
      map.contact(w)
          .ifPresent(
              c -> {
                if (addOnce(ids, EntityType.CONTACT, c.id(), issues)) {
                  b.addContact(c);
                }
              });
    }
    received.put(EntityType.CONTACT, ids.size());

    Map<String, MembershipRole> roles = map.rolesFromEmployees(raw.employees);
    WondeMapper.RoleHint hint = (g, e) -> roles.get(g + "|" + e);
    ids.clear();
    for (io.missync.wonde.model.Group w : raw.groups) {
      Optional<Group> g = map.group(w);
      if (g.isPresent() && addOnce(ids, EntityType.GROUP, g.get().id(), issues)) {
        b.addGroup(g.get());
        List<Membership> ms = map.groupMembers(g.get(), w::students, w::employees);
        if (ms != null) {
          ms.forEach(b::addMembership);
        }
      }
    }
    for (SchoolClass w : raw.classes) {
      Optional<Group> g = map.schoolClass(w);
      if (g.isPresent() && addOnce(ids, EntityType.GROUP, g.get().id(), issues)) {
        b.addGroup(g.get());
        List<Membership> ms = map.members(g.get().id(), w::students, w::employees, hint);
        if (ms != null) {
          ms.forEach(b::addMembership);
        }
      }
    }
    received.put(EntityType.GROUP, ids.size());

    Map<EntityType, Completeness> completeness = new EnumMap<>(EntityType.class);
    completeness.put(EntityType.STUDENT, Completeness.COMPLETE);
    completeness.put(EntityType.STAFF, staff ? Completeness.COMPLETE : Completeness.ABSENT);
    completeness.put(EntityType.CONTACT, contacts ? Completeness.COMPLETE : Completeness.ABSENT);
    completeness.put(
        EntityType.GUARDIAN_LINK, contacts ? Completeness.COMPLETE : Completeness.ABSENT);
    Completeness groupSide =
        groups && classes
            ? Completeness.COMPLETE
            : (groups || classes) ? Completeness.PARTIAL : Completeness.ABSENT;
    completeness.put(EntityType.GROUP, groupSide);
    completeness.put(EntityType.MEMBERSHIP, groupSide);
    return finish(map, b, completeness, raw.counts, received, issues, false);
  }

  /**
   * A list that changed while its pages were read cannot be COMPLETE: a record may have moved
   * across a page boundary between two requests and been missed.
   */
  private void pagingIssues(Raw raw, Issues issues) {
    List<ListRead> reads;
    synchronized (raw.reads) {
      reads = new ArrayList<>(raw.reads);
    }
    for (ListRead r : reads) {
      PageByPage.Result<?> res = r.result();
      LOG.debug(
          "Wonde {} of school {}: {} pages, {} ({})",
          r.list(),
          schoolId,
          res.pages(),
          res.mode(),
          res.fallback().orElse("-"));
      Optional<String> shifted = res.shifted();
      if (shifted.isPresent()) {
        issues.add(r.type(), "*", r.list(), "changed while its pages were read: " + shifted.get());
        issues.incomplete.add(r.type());
      }
    }
  }

  private static boolean addOnce(Set<String> ids, EntityType type, String id, Issues issues) {
    if (ids.add(id)) {
      return true;
    }
    issues.add(type, id, "id", "repeated across pages; first kept");
    return false;
  }

  /**
   * Applies counts and issues to completeness, records source counts, builds. Fewer records than
   * Wonde counts makes a type PARTIAL; more does too for an incremental fetch (a missed removal).
   */
  private WondeFetch finish(
      WondeMapper map,
      MisSnapshot.Builder b,
      Map<EntityType, Completeness> completeness,
      @Nullable Counts counts,
      Map<EntityType, Integer> received,
      Issues issues,
      boolean incremental) {
    if (counts != null) {
      Map<EntityType, OptionalLong> source = sourceCounts(counts, issues);
      for (Map.Entry<EntityType, OptionalLong> e : source.entrySet()) {
        EntityType t = e.getKey();
        if (e.getValue().isEmpty()) {
          issues.add(t, "*", "count", "Wonde gave no count: not cross-checked");
          continue;
        }
        long expected = e.getValue().getAsLong();
        b.sourceCount(t, expected);
        Integer got = received.get(t);
        if (got == null || completeness.get(t) == Completeness.ABSENT) {
          continue;
        }
        if (got < expected) {
          issues.add(t, "*", "count", "read " + got + " but Wonde counts " + expected);
          issues.incomplete.add(t);
        } else if (got > expected) {
          issues.add(t, "*", "count", "read " + got + ", more than Wonde's count " + expected);
          if (incremental) {
            // the previous snapshot holds records Wonde no longer counts: a deletion or leaver
            // was missed (e.g. an empty deletions page), so a leaver may still be in it
            issues.incomplete.add(t);
          }
        }
      }
    }
    for (Map.Entry<EntityType, Integer> e : received.entrySet()) {
      if (e.getValue() == 0 && completeness.get(e.getKey()) != Completeness.ABSENT) {
        issues.add(e.getKey(), "*", "*", "no records read");
      }
    }
    // links come from students' includes and memberships from groups' includes: a student or
    // group left out (or not read) leaves its links or memberships out too. So does a contact,
    // student or member of staff not read at the other end: the snapshot keeps such a link or
    // membership only as unresolved, so memberships() and guardianLinks() lack it
    if (issues.incomplete.contains(EntityType.STUDENT)
        || issues.incomplete.contains(EntityType.CONTACT)) {
      issues.incomplete.add(EntityType.GUARDIAN_LINK);
    }
    if (issues.incomplete.contains(EntityType.GROUP)
        || issues.incomplete.contains(EntityType.STUDENT)
        || issues.incomplete.contains(EntityType.STAFF)) {
      issues.incomplete.add(EntityType.MEMBERSHIP);
    }
    // a class without a year on the wire takes its pupils' year: from a full read whose pupils fell
    // short that year may be wrong, so such classes are left out of this read (derive) and groups
    // are not complete. (An incremental read builds on the previous snapshot's pupils.)
    boolean pupilsComplete = incremental || !issues.incomplete.contains(EntityType.STUDENT);
    if (!pupilsComplete && map.derivesClassYears()) {
      issues.add(EntityType.GROUP, "*", "year_group", "classes left out: pupils not fully read");
      issues.incomplete.add(EntityType.GROUP);
    }
    for (EntityType t : EntityType.values()) {
      Completeness c = completeness.getOrDefault(t, Completeness.ABSENT);
      if (c == Completeness.COMPLETE && issues.incomplete.contains(t)) {
        c = Completeness.PARTIAL;
      }
      b.completeness(t, c);
    }
    MisSnapshot snapshot = map.derive(b.build(), pupilsComplete);
    if (!issues.list.isEmpty()) {
      LOG.info("Wonde snapshot of school {} built with {} issues", schoolId, issues.list.size());
    }
    return new WondeFetch(snapshot, new ArrayList<>(issues.list));
  }

  private Map<EntityType, OptionalLong> sourceCounts(Counts counts, Issues issues) {
    Map<EntityType, OptionalLong> out = new EnumMap<>(EntityType.class);
    out.put(EntityType.STUDENT, count(counts, "students", issues));
    if (staff) {
      out.put(EntityType.STAFF, count(counts, "employees", issues));
    }
    if (contacts) {
      out.put(EntityType.CONTACT, count(counts, "contacts", issues));
    }
    OptionalLong g = groups ? count(counts, "groups", issues) : OptionalLong.of(0);
    OptionalLong c = classes ? count(counts, "classes", issues) : OptionalLong.of(0);
    if ((groups || classes) && g.isPresent() && c.isPresent()) {
      out.put(EntityType.GROUP, OptionalLong.of(g.getAsLong() + c.getAsLong()));
    }
    return out;
  }

  private static OptionalLong count(Counts counts, String name, Issues issues) {
    try {
      return counts.count(name);
    } catch (io.missync.wonde.WondeDecodeException e) {
      issues.add(EntityType.STUDENT, "*", "counts." + name, "unreadable count");
      return OptionalLong.empty();
    }
  }

  // ---- incremental ----------------------------------------------------------------------------

  /**
   * Applies what changed since {@code previous} was captured.
   *
   * @throws SnapshotUnavailableException if any read fails, or {@code previous} is of another
   *     school or source
   */
  public WondeFetch fetchIncrementalWithReport(MisSnapshot previous) {
    return guarded(() -> incremental(previous));
  }

  private WondeFetch incremental(MisSnapshot previous) {
    SourceInfo prev = previous.source();
    if (!prev.schoolId().equals(schoolId) || !prev.sourceKind().equals(SOURCE_KIND)) {
      throw new SnapshotUnavailableException(
          "previous snapshot is not a Wonde snapshot of school " + schoolId);
    }
    Instant started = clock.instant();
    Instant since = prev.capturedAt().minus(overlap);
    Raw raw = read(since, false);
    Issues issues = new Issues();
    WondeMapper map = new WondeMapper(issues);
    MisSnapshot.Builder b =
        previous.toBuilder()
            .clearDeletions() // this read reports only its own deletions
            .source(new SourceInfo(schoolId, SOURCE_KIND, prev.misName(), started));
    SchoolClient sc = client.school(schoolId);
    Removals rm = new Removals();

    Set<String> changedStudents = new HashSet<>();
    raw.students.forEach(s -> safeId(s::id).ifPresent(changedStudents::add));
    Set<String> changedStaff = new HashSet<>();
    raw.employees.forEach(s -> safeId(s::id).ifPresent(changedStaff::add));
    Set<String> changedContacts = new HashSet<>();
    raw.contacts.forEach(s -> safeId(s::id).ifPresent(changedContacts::add));
    Set<String> changedGroups = new HashSet<>();
    raw.groups.forEach(s -> safeId(s::id).ifPresent(changedGroups::add));
    raw.classes.forEach(s -> safeId(s::id).ifPresent(changedGroups::add));

    // deletions first, oldest first; restored records are re-read unless they changed anyway
    List<Deletion> deletions = new ArrayList<>(raw.deletions);
    deletions.sort(
        Comparator.comparing(
            d -> safeInstant(d), Comparator.nullsFirst(Comparator.naturalOrder())));
    List<io.missync.wonde.model.Student> restoredStudents = new ArrayList<>();
    List<Employee> restoredStaff = new ArrayList<>();
    List<io.missync.wonde.model.Contact> restoredContacts = new ArrayList<>();
    List<io.missync.wonde.model.Group> restoredGroups = new ArrayList<>();
    List<SchoolClass> restoredClasses = new ArrayList<>();
    try {
      for (Deletion d : deletions) {
        String id;
        DeletionType type;
        boolean restored;
        try {
          id = d.id();
          type = d.type();
          restored = d.isRestored();
        } catch (io.missync.wonde.WondeDecodeException e) {
          throw new SnapshotUnavailableException(
              "Wonde deletions feed unreadable at " + e.fieldPath(), e);
        }
        // a record in the current changed list exists now: the deletion is history. A restored
        // record is re-read and replaced (its memberships and links stay); only a record that is
        // gone (not restored, or 404 on re-read) is removed with its memberships and links.
        if (type.equals(DeletionType.STUDENT)) {
          if (!changedStudents.contains(id)
              && !(restored && refetch(() -> studentsRequest(sc).get(id), restoredStudents::add))) {
            b.remove(PersonRef.student(id));
            b.markDeleted(PersonRef.student(id));
            rm.students.add(id);
          }
        } else if (type.equals(DeletionType.EMPLOYEE)) {
          if (!changedStaff.contains(id)
              && !(restored
                  && staff
                  && refetch(() -> employeesRequest(sc).get(id), restoredStaff::add))) {
            b.remove(PersonRef.staff(id));
            b.markDeleted(PersonRef.staff(id));
            rm.staff.add(id);
          }
        } else if (type.equals(DeletionType.CONTACT)) {
          if (!changedContacts.contains(id)
              && !(restored
                  && contacts
                  && refetch(() -> contactsRequest(sc).get(id), restoredContacts::add))) {
            b.remove(PersonRef.contact(id));
            b.markDeleted(PersonRef.contact(id));
            rm.contacts.add(id);
          }
        } else if (type.equals(DeletionType.GROUP)) {
          if (!changedGroups.contains(id)
              && !(restored
                  && groups
                  && refetch(() -> groupsRequest(sc).get(id), restoredGroups::add))) {
            b.removeGroup(id);
            rm.groups.add(id);
          }
        } else if (type.equals(DeletionType.CLASS)) {
          if (!changedGroups.contains(id)
              && !(restored
                  && classes
                  && refetch(() -> classesRequest(sc).get(id), restoredClasses::add))) {
            b.removeGroup(id);
            rm.groups.add(id);
          }
        } else if (!type.equals(DeletionType.STUDENT_LEAVER)
            && !type.equals(DeletionType.STUDENT_PRE_ADMISSION)
            && !type.equals(DeletionType.SUBJECT)) {
          issues.add(EntityType.GROUP, id, "deletion.type", "type not used by snapshots");
        }
      }
    } catch (WondeException e) {
      throw unavailable(e);
    }

    // students who became leavers since: gone from the school (unless back in the current list)
    for (io.missync.wonde.model.Student leaver : raw.leavers) {
      Optional<String> id = safeId(leaver::id);
      if (id.isPresent() && !changedStudents.contains(id.get())) {
        b.remove(PersonRef.student(id.get()));
        b.markDeleted(PersonRef.student(id.get()));
        rm.students.add(id.get());
      } else if (id.isEmpty()) {
        throw new SnapshotUnavailableException(
            "Wonde students-leaver feed unreadable at " + leaver.jsonPath() + ".id");
      }
    }

    List<io.missync.wonde.model.Student> students = new ArrayList<>(raw.students);
    students.addAll(restoredStudents);
    for (io.missync.wonde.model.Student w : students) {
      Optional<io.missync.core.model.Student> s = map.student(w);
      if (s.isEmpty()) {
        continue;
      }
      String id = s.get().id();
      b.put(s.get());
      if (contacts) {
        List<GuardianLink> links = map.links(id, w);
        if (links != null) {
          rm.relinkStudents.add(id);
          rm.newLinks.addAll(links);
        }
      }
    }
    List<Employee> employees = new ArrayList<>(raw.employees);
    employees.addAll(restoredStaff);
    employees.forEach(w -> map.staff(w).ifPresent(b::put));
    List<io.missync.wonde.model.Contact> contactList = new ArrayList<>(raw.contacts);
    contactList.addAll(restoredContacts);
    contactList.forEach(w -> map.contact(w).ifPresent(b::put));
    Map<String, MembershipRole> roles = map.rolesFromEmployees(employees);
    WondeMapper.RoleHint hint =
        (g, e) -> {
          MembershipRole r = roles.get(g + "|" + e);
          if (r != null) {
            return r;
          }
          for (Membership m : previous.membersOf(g)) {
            if (m.personType() == EntityType.STAFF && m.personId().equals(e)) {
              return m.role();
            }
          }
          return null;
        };
    List<io.missync.wonde.model.Group> groupList = new ArrayList<>(raw.groups);
    groupList.addAll(restoredGroups);
    for (io.missync.wonde.model.Group w : groupList) {
      map.group(w)
          .ifPresent(g -> putGroup(b, rm, g, map.groupMembers(g, w::students, w::employees)));
    }
    List<SchoolClass> classList = new ArrayList<>(raw.classes);
    classList.addAll(restoredClasses);
    for (SchoolClass w : classList) {
      map.schoolClass(w)
          .ifPresent(g -> putGroup(b, rm, g, map.members(g.id(), w::students, w::employees, hint)));
    }

    rm.apply(b);
    // counts are checked against what the snapshot now holds
    MisSnapshot interim = b.build();
    Map<EntityType, Integer> held = new EnumMap<>(EntityType.class);
    Map<EntityType, Completeness> completeness = new EnumMap<>(EntityType.class);
    for (EntityType t : EntityType.values()) {
      held.put(t, interim.count(t));
      completeness.put(t, previous.completeness(t));
    }
    return finish(map, interim.toBuilder(), completeness, raw.counts, held, issues, true);
  }

  private static void putGroup(
      MisSnapshot.Builder b, Removals rm, Group g, @Nullable List<Membership> ms) {
    b.putGroup(g);
    if (ms != null) {
      rm.regroup.add(g.id());
      rm.newMemberships.addAll(ms);
    }
  }

  /**
   * Memberships and links to drop and add, applied in one pass each (removing per record would be
   * quadratic on a large school).
   */
  private static final class Removals {
    final Set<String> students = new HashSet<>();
    final Set<String> staff = new HashSet<>();
    final Set<String> contacts = new HashSet<>();
    final Set<String> groups = new HashSet<>();
    final Set<String> relinkStudents = new HashSet<>();
    final Set<String> regroup = new HashSet<>();
    final List<GuardianLink> newLinks = new ArrayList<>();
    final List<Membership> newMemberships = new ArrayList<>();

    void apply(MisSnapshot.Builder b) {
      b.removeMembershipsIf(
          m ->
              groups.contains(m.groupId())
                  || regroup.contains(m.groupId())
                  || (m.personType() == EntityType.STUDENT && students.contains(m.personId()))
                  || (m.personType() == EntityType.STAFF && staff.contains(m.personId())));
      b.removeGuardianLinksIf(
          l ->
              students.contains(l.studentId())
                  || relinkStudents.contains(l.studentId())
                  || contacts.contains(l.contactId()));
      newMemberships.forEach(b::addMembership);
      newLinks.forEach(b::addGuardianLink);
    }
  }

  /** Re-reads a restored record into {@code sink}; false when it is gone again (404). */
  private static <T> boolean refetch(
      java.util.function.Supplier<T> get, java.util.function.Consumer<T> sink) {
    try {
      sink.accept(get.get());
      return true;
    } catch (WondeNotFoundException e) {
      return false;
    }
  }

  private static Optional<String> safeId(java.util.function.Supplier<String> id) {
    try {
      return Optional.of(id.get());
    } catch (io.missync.wonde.WondeDecodeException e) {
      return Optional.empty();
    }
  }

  private static @Nullable Instant safeInstant(Deletion d) {
    try {
      return d.deletedAt().orElse(null);
    } catch (io.missync.wonde.WondeDecodeException e) {
      return null;
    }
  }

  /** Configures a {@link WondeSnapshotSource}. */
  public static final class Builder {
    private final WondeClient client;
    private final String schoolId;
    private Clock clock = Clock.systemUTC();
    private Duration overlap = Duration.ofMinutes(10);
    private int perPage = ListRequest.MAX_PER_PAGE;
    private boolean staff = true;
    private boolean contacts = true;
    private boolean groups = true;
    private boolean classes = true;

    private Builder(WondeClient client, String schoolId) {
      this.client = client;
      this.schoolId = schoolId;
    }

    /** Clock for {@code capturedAt} (the start of each fetch). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How far before the previous capture an incremental fetch starts (default 10 minutes). */
    public Builder incrementalOverlap(Duration overlap) {
      if (overlap.isNegative()) {
        throw new IllegalArgumentException("overlap must not be negative");
      }
      this.overlap = overlap;
      return this;
    }

    public Builder perPage(int perPage) {
      if (perPage < 1 || perPage > ListRequest.MAX_PER_PAGE) {
        throw new IllegalArgumentException("perPage must be within 1.." + ListRequest.MAX_PER_PAGE);
      }
      this.perPage = perPage;
      return this;
    }

    /** Whether to read employees (default true); if not, STAFF is ABSENT. */
    public Builder staff(boolean read) {
      this.staff = read;
      return this;
    }

    /** Whether to read contacts and guardian links (default true); if not, both are ABSENT. */
    public Builder contacts(boolean read) {
      this.contacts = read;
      return this;
    }

    /** Whether to read groups (default true). */
    public Builder groups(boolean read) {
      this.groups = read;
      return this;
    }

    /** Whether to read classes (default true). */
    public Builder classes(boolean read) {
      this.classes = read;
      return this;
    }

    public WondeSnapshotSource build() {
      io.missync.wonde.internal.Ids.check(schoolId);
      return new WondeSnapshotSource(this);
    }
  }
}
