package io.missync.csv;

import io.missync.core.model.MisSnapshot;
import io.missync.core.spi.SnapshotUnavailableException;
import io.missync.csv.internal.Detector;
import io.missync.csv.internal.Input;
import io.missync.csv.internal.OneRosterReader;
import io.missync.csv.internal.Options;
import io.missync.csv.internal.Problems;
import io.missync.csv.internal.SdsClassicReader;
import io.missync.csv.internal.SdsV21Reader;
import io.missync.csv.internal.TemplateReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads a school's CSV export (a folder or a zip) into a {@link MisSnapshot}. The format is
 * detected from file names and headers, or set with {@link Builder#format}. Files are streamed;
 * memory grows with the records kept, not with the files' size.
 *
 * <pre>{@code
 * ImportResult r = CsvImporter.builder().build().read(Path.of("export.zip"));
 * if (r.hasErrors()) System.out.println(r.report());
 * MisSnapshot s = r.snapshot();
 * }</pre>
 *
 * <p>Data problems are {@linkplain ImportResult#problems() results}, never exceptions; only an
 * export that cannot be opened at all throws {@link SnapshotUnavailableException}.
 */
public final class CsvImporter {
  private final @Nullable CsvFormat format;
  private final DateOrder dateOrder;
  private final Clock clock;
  private final int problemLimit;
  private final Map<String, List<String>> templateAliases;
  private final @Nullable String schoolId;
  private final @Nullable String school;

  private CsvImporter(Builder b) {
    this.schoolId = b.schoolId;
    this.school = b.school;
    this.format = b.format;
    this.dateOrder = b.dateOrder;
    this.clock = b.clock;
    this.problemLimit = b.problemLimit;
    this.templateAliases = Map.copyOf(b.templateAliases);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads a full export. */
  public ImportResult read(Path folderOrZip) {
    return read(folderOrZip, null);
  }

  /**
   * Reads an export and applies it onto {@code previous}: OneRoster delta files update it, bulk
   * files replace their types, absent files keep the previous records. Other formats are full
   * exports and ignore {@code previous}.
   */
  public ImportResult readDelta(Path folderOrZip, MisSnapshot previous) {
    return read(folderOrZip, previous);
  }

  private ImportResult read(Path path, @Nullable MisSnapshot previous) {
    Options opts =
        new Options(dateOrder, clock.instant(), problemLimit, templateAliases, schoolId, school);
    Problems problems = new Problems(problemLimit);
    try (Input in = Input.open(path)) {
      CsvFormat f = format;
      if (f == null) {
        Optional<CsvFormat> d = Detector.detect(in);
        if (d.isEmpty()) {
          throw new SnapshotUnavailableException(
              "could not tell the export's format from its files "
                  + in.names()
                  + "; set it explicitly");
        }
        f = d.get();
      }
      MisSnapshot s;
      switch (f) {
        case ONEROSTER_1_1:
        case ONEROSTER_1_2:
          s =
              new OneRosterReader(in, opts, problems, f == CsvFormat.ONEROSTER_1_2, previous)
                  .read();
          break;
        case SDS_CLASSIC_UK:
        case SDS_CLASSIC_US:
          s = new SdsClassicReader(in, opts, problems, f == CsvFormat.SDS_CLASSIC_UK).read();
          break;
        case SDS_V2_1:
        case SDS_V2_0:
          s = new SdsV21Reader(in, opts, problems, f).read();
          break;
        case SCHOOL_TEMPLATE:
        default:
          s = new TemplateReader(in, opts, problems).read();
      }
      return new ImportResult(
          s,
          f,
          problems.list(),
          problems.errors(),
          problems.warnings(),
          problems.dropped(),
          problems.rejectedByType());
    } catch (IOException e) {
      throw new SnapshotUnavailableException("the export could not be opened", e);
    }
  }

  /** Detects the format of an export without reading it. */
  public static Optional<CsvFormat> detect(Path folderOrZip) {
    try (Input in = Input.open(folderOrZip)) {
      return Detector.detect(in);
    } catch (IOException e) {
      throw new SnapshotUnavailableException("the export could not be opened", e);
    }
  }

  /** Configures a {@link CsvImporter}. */
  public static final class Builder {
    private @Nullable CsvFormat format;
    private DateOrder dateOrder = DateOrder.AUTO;
    private Clock clock = Clock.systemUTC();
    private int problemLimit = 10_000;
    private final Map<String, List<String>> templateAliases = new LinkedHashMap<>();
    private @Nullable String schoolId;
    private @Nullable String school;

    private Builder() {}

    /**
     * Reads only this school (its org id: the OneRoster or SDS v2.1 org {@code sourcedId}, the SDS
     * classic School {@code SIS ID} or {@code DfE Number}) from an export holding several; records
     * of other schools are left out without a problem, and the snapshot is for this school. An id
     * that is not a school in the export is refused ({@link SnapshotUnavailableException}). By
     * default every school is read, under the first, with a warning when there are several.
     */
    public Builder school(@Nullable String orgId) {
      this.school = orgId == null || orgId.isBlank() ? null : orgId.strip();
      return this;
    }

    /**
     * The school id for the snapshot when the format does not carry one (the school template, whose
     * snapshots are otherwise for school {@code "school"}).
     */
    public Builder schoolId(@Nullable String schoolId) {
      this.schoolId = schoolId;
      return this;
    }

    /** Reads the export as this format instead of detecting it. */
    public Builder format(@Nullable CsvFormat format) {
      this.format = format;
      return this;
    }

    /** How to read slashed dates; {@link DateOrder#AUTO} by default. */
    public Builder dateOrder(DateOrder dateOrder) {
      this.dateOrder = dateOrder;
      return this;
    }

    /** The clock giving the snapshot's capture time. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How many problems to keep in the result (the rest are counted); 10,000 by default. */
    public Builder problemLimit(int limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("problemLimit must not be negative");
      }
      this.problemLimit = limit;
      return this;
    }

    /**
     * School template: more header names for a column, e.g. {@code alias("Forename", "Prénom")}.
     * The standard names are listed by {@link SchoolTemplate#columns()}.
     */
    public Builder templateAlias(String column, String... headers) {
      List<String> list = templateAliases.computeIfAbsent(column, k -> new java.util.ArrayList<>());
      list.addAll(List.of(headers));
      return this;
    }

    public CsvImporter build() {
      return new CsvImporter(this);
    }
  }
}
