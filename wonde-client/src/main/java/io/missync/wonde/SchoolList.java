package io.missync.wonde;

/** The account-level lists of schools. */
public enum SchoolList {
  /** Schools that approved your application: {@code /schools}. */
  APPROVED(""),
  /** Every Wonde school (search with filters): {@code /schools/all}. */
  ALL("/all"),
  PENDING("/pending"),
  AUDITED("/audited"),
  OFFLINE("/offline"),
  REVOKED("/revoked"),
  DECLINED("/declined");

  private final String suffix;

  SchoolList(String suffix) {
    this.suffix = suffix;
  }

  String pathSuffix() {
    return suffix;
  }
}
