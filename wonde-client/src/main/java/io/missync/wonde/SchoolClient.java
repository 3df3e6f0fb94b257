package io.missync.wonde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.missync.wonde.internal.Ids;
import io.missync.wonde.internal.PageDecoder;
import io.missync.wonde.internal.RegionResolver;
import io.missync.wonde.internal.Target;
import io.missync.wonde.internal.Transport;
import io.missync.wonde.model.Contact;
import io.missync.wonde.model.Counts;
import io.missync.wonde.model.Deletion;
import io.missync.wonde.model.Employee;
import io.missync.wonde.model.Group;
import io.missync.wonde.model.ModelType;
import io.missync.wonde.model.Permission;
import io.missync.wonde.model.School;
import io.missync.wonde.model.SchoolClass;
import io.missync.wonde.model.SchoolMeta;
import io.missync.wonde.model.Student;
import io.missync.wonde.model.Subject;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Calls about one school. Requests go to the school's regional host (looked up once and cached)
 * with the school's token. Thread-safe.
 */
public final class SchoolClient {
  private final String schoolId;
  private final Target target;
  private final RegionResolver regions;

  SchoolClient(String schoolId, Transport transport, RegionResolver regions, TokenProvider tokens) {
    this.schoolId = Ids.check(schoolId);
    this.regions = regions;
    this.target =
        new Target() {
          @Override
          public Transport transport() {
            return transport;
          }

          @Override
          public URI base() {
            return regions.resolve(schoolId, token());
          }

          @Override
          public CompletableFuture<URI> baseAsync() {
            try {
              return regions.resolveAsync(schoolId, token());
            } catch (RuntimeException e) {
              return CompletableFuture.failedFuture(e);
            }
          }

          @Override
          public String token() {
            return tokens.tokenForSchool(schoolId);
          }

          @Override
          public String toString() {
            return "Target{school=" + schoolId + "}";
          }
        };
  }

  public String schoolId() {
    return schoolId;
  }

  /** The base URI of the school's regional host, e.g. {@code https://api.wonde.com}. */
  public URI regionBase() {
    return target.base();
  }

  private String schoolPath(String resource) {
    return "/v1.0/schools/" + schoolId + "/" + resource;
  }

  /**
   * {@code GET /schools/{id}} on the regional host. When looking up the school's region just read
   * this record, that record is returned instead of requesting it again.
   */
  public School get() {
    target.base(); // resolves the region (which may read the school record)
    byte[] looked = regions.takeSchoolRecord(schoolId);
    byte[] body = looked != null ? looked : fetch("/v1.0/schools/" + schoolId);
    return PageDecoder.single(body, ModelType.SCHOOL);
  }

  public CompletableFuture<School> getAsync() {
    return target
        .baseAsync()
        .thenCompose(
            base -> {
              byte[] looked = regions.takeSchoolRecord(schoolId);
              return looked != null
                  ? CompletableFuture.completedFuture(looked)
                  : fetchAsync("/v1.0/schools/" + schoolId);
            })
        .thenApply(b -> PageDecoder.single(b, ModelType.SCHOOL));
  }

  /** {@code GET /meta/schools/{id}}: online, approved, audited. */
  public SchoolMeta meta() {
    return PageDecoder.single(fetch("/v1.0/meta/schools/" + schoolId), ModelType.SCHOOL_META);
  }

  /** {@code GET /meta/schools/{id}/permissions}. */
  public List<Permission> permissions() {
    byte[] body = fetch("/v1.0/meta/schools/" + schoolId + "/permissions");
    ObjectNode root = PageDecoder.parseObject(body);
    JsonNode data = root.get("data");
    if (data == null || !data.isArray()) {
      throw new WondeDecodeException("data", "expected a list");
    }
    List<Permission> out = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      out.add(ModelType.PERMISSION.wrap(data.get(i), "data[" + i + "]"));
    }
    return Collections.unmodifiableList(out);
  }

  /** {@code GET /schools/{id}/counts?include=...}. */
  public Counts counts(CountType... types) {
    return PageDecoder.single(fetch(countsPath(types)), ModelType.COUNTS);
  }

  public CompletableFuture<Counts> countsAsync(CountType... types) {
    return fetchAsync(countsPath(types)).thenApply(b -> PageDecoder.single(b, ModelType.COUNTS));
  }

  private String countsPath(CountType... types) {
    Set<String> names = new LinkedHashSet<>();
    for (CountType t : types) {
      names.add(t.wireName());
    }
    return schoolPath("counts") + (names.isEmpty() ? "" : "?include=" + String.join(",", names));
  }

  private byte[] fetch(String pathAndQuery) {
    return target.transport().get(target.base().resolve(pathAndQuery), target.token()).body();
  }

  private CompletableFuture<byte[]> fetchAsync(String pathAndQuery) {
    return target
        .baseAsync()
        .thenCompose(
            base -> target.transport().getAsync(base.resolve(pathAndQuery), target.token()))
        .thenApply(Transport.Response::body);
  }

  public ListRequest<Student, StudentInclude> students() {
    return new ListRequest<>(target, schoolPath("students"), ModelType.STUDENT);
  }

  /** Students who have left ({@code /students-leaver}). */
  public ListRequest<Student, StudentInclude> studentsLeaver() {
    return new ListRequest<>(target, schoolPath("students-leaver"), ModelType.STUDENT);
  }

  /** Pre-admission students ({@code /students-pre-admission}). */
  public ListRequest<Student, StudentInclude> studentsPreAdmission() {
    return new ListRequest<>(target, schoolPath("students-pre-admission"), ModelType.STUDENT);
  }

  public ListRequest<Employee, EmployeeInclude> employees() {
    return new ListRequest<>(target, schoolPath("employees"), ModelType.EMPLOYEE);
  }

  public ListRequest<Contact, ContactInclude> contacts() {
    return new ListRequest<>(target, schoolPath("contacts"), ModelType.CONTACT);
  }

  public ListRequest<Group, GroupInclude> groups() {
    return new ListRequest<>(target, schoolPath("groups"), ModelType.GROUP);
  }

  public ListRequest<SchoolClass, ClassInclude> classes() {
    return new ListRequest<>(target, schoolPath("classes"), ModelType.CLASS);
  }

  public ListRequest<Subject, SubjectInclude> subjects() {
    return new ListRequest<>(target, schoolPath("subjects"), ModelType.SUBJECT);
  }

  /** The deletions feed; filter by type with {@code param("type", "student")}. */
  public ListRequest<Deletion, NoInclude> deletions() {
    return new ListRequest<>(target, schoolPath("deletions"), ModelType.DELETION);
  }

  @Override
  public String toString() {
    return "SchoolClient{" + schoolId + "}";
  }
}
