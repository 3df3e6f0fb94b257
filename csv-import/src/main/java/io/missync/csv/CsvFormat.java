package io.missync.csv;

import java.util.Locale;
import java.util.Optional;

/** The CSV formats missync reads and writes. */
public enum CsvFormat {
  /** The simple school template: students, staff and contacts files with a configurable header. */
  SCHOOL_TEMPLATE("school-template"),
  /** IMS OneRoster 1.1 CSV (manifest, bulk and delta). */
  ONEROSTER_1_1("oneroster-1.1"),
  /** 1EdTech OneRoster 1.2 CSV (manifest, bulk and delta; roles and userProfiles). */
  ONEROSTER_1_2("oneroster-1.2"),
  /** Microsoft School Data Sync classic CSV, US variant (schools keyed by SIS ID). */
  SDS_CLASSIC_US("sds-classic-us"),
  /** Microsoft School Data Sync classic CSV, UK variant (schools keyed by DfE number). */
  SDS_CLASSIC_UK("sds-classic-uk"),
  /** Microsoft School Data Sync v2.1 CSV. */
  SDS_V2_1("sds-v2.1"),
  /**
   * Microsoft School Data Sync v2.0 CSV: as v2.1, but each user's role and grade are in users.csv
   * and there is no roles.csv. Read only (exported as v2.1).
   */
  SDS_V2_0("sds-v2.0");

  private final String id;

  CsvFormat(String id) {
    this.id = id;
  }

  /** The short name used in {@link io.missync.core.model.SourceInfo#sourceKind()} and the CLI. */
  public String id() {
    return id;
  }

  /** The format with this {@linkplain #id() id} or constant name, ignoring case. */
  public static Optional<CsvFormat> parse(String s) {
    String k = s.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    for (CsvFormat f : values()) {
      if (f.id.equals(k) || f.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(k)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
