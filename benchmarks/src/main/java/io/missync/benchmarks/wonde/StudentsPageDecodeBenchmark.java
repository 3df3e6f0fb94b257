package io.missync.benchmarks.wonde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.missync.wonde.Page;
import io.missync.wonde.internal.PageDecoder;
import io.missync.wonde.model.Contact;
import io.missync.wonde.model.ModelType;
import io.missync.wonde.model.SchoolClass;
import io.missync.wonde.model.Student;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding a 200-student page (education_details, contacts, year, classes) into typed models, vs a
 * plain Jackson {@code readTree} of the same bytes.
 *
 * <ul>
 *   <li>{@code jacksonReadTree}: the baseline, parse to a tree only.
 *   <li>{@code typedPage}: parse and wrap into {@code Page<Student>} (fields decode lazily).
 *   <li>{@code typedPageReadSyncFields}: the above, then read every field a sync uses (ids, names,
 *       dates, UPN, year, class ids, contact relationships).
 *   <li>{@code jacksonReadTreeReadSyncFields}: the baseline reading the same fields by hand.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StudentsPageDecodeBenchmark {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final URI URI_ =
      URI.create("https://api.wonde.com/v1.0/schools/A1/students?per_page=200");

  private byte[] page = new byte[0];

  @Setup
  public void setUp() {
    page = StudentsPageJson.build(200, 42);
  }

  @Benchmark
  public JsonNode jacksonReadTree() throws IOException {
    return MAPPER.readTree(page);
  }

  @Benchmark
  public Page<Student> typedPage() {
    return PageDecoder.page(page, URI_, ModelType.STUDENT, 200);
  }

  @Benchmark
  public void typedPageReadSyncFields(Blackhole bh) {
    Page<Student> p = PageDecoder.page(page, URI_, ModelType.STUDENT, 200);
    for (Student s : p.items()) {
      bh.consume(s.id());
      bh.consume(s.misId());
      bh.consume(s.upi());
      bh.consume(s.forename());
      bh.consume(s.surname());
      bh.consume(s.legalForename());
      bh.consume(s.legalSurname());
      bh.consume(s.gender());
      bh.consume(s.dateOfBirth());
      bh.consume(s.updatedAt());
      s.educationDetails()
          .ifPresent(
              e -> {
                bh.consume(e.upn());
                bh.consume(e.admissionDate());
                bh.consume(e.leavingDate());
                bh.consume(e.currentNcYear());
              });
      s.year().ifPresent(y -> bh.consume(y.id()));
      for (SchoolClass c : s.classes().orElseThrow()) {
        bh.consume(c.id());
        bh.consume(c.subjectId());
      }
      for (Contact c : s.contacts().orElseThrow()) {
        bh.consume(c.id());
        c.relationship()
            .ifPresent(
                r -> {
                  bh.consume(r.type());
                  bh.consume(r.parentalResponsibility());
                  bh.consume(r.priority());
                });
      }
    }
  }

  @Benchmark
  public void jacksonReadTreeReadSyncFields(Blackhole bh) throws IOException {
    JsonNode root = MAPPER.readTree(page);
    for (JsonNode s : root.get("data")) {
      bh.consume(s.path("id").asText());
      bh.consume(s.path("mis_id").asText());
      bh.consume(s.path("upi").asText());
      bh.consume(s.path("forename").asText());
      bh.consume(s.path("surname").asText());
      bh.consume(s.path("legal_forename").asText());
      bh.consume(s.path("legal_surname").asText());
      bh.consume(s.path("gender").asText());
      bh.consume(s.path("date_of_birth").path("date").asText());
      bh.consume(s.path("updated_at").path("date").asText());
      JsonNode e = s.path("education_details").path("data");
      bh.consume(e.path("upn").asText());
      bh.consume(e.path("admission_date").asText());
      bh.consume(e.path("leaving_date").asText());
      bh.consume(e.path("current_nc_year").asText());
      bh.consume(s.path("year").path("data").path("id").asText());
      for (JsonNode c : s.path("classes").path("data")) {
        bh.consume(c.path("id").asText());
        bh.consume(c.path("subject").asText());
      }
      for (JsonNode c : s.path("contacts").path("data")) {
        bh.consume(c.path("id").asText());
        JsonNode r = c.path("relationship");
        bh.consume(r.path("relationship").asText());
        bh.consume(r.path("parental_responsibility").asBoolean());
        bh.consume(r.path("priority").asInt());
      }
    }
  }
}
