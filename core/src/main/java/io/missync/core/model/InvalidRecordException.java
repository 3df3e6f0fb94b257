package io.missync.core.model;

import io.missync.core.MissyncException;

/**
 * A record broke a rule of the model when it was built. The message names the record type, its id
 * where known, and the field, never the offending value (it may be personal data). Importers catch
 * this and turn it into a reported problem with the row's location.
 */
public final class InvalidRecordException extends MissyncException {
  private static final long serialVersionUID = 1L;
  private final String recordType;
  private final String field;

  public InvalidRecordException(String recordType, String field, String rule) {
    super(recordType + "." + field + " " + rule);
    this.recordType = recordType;
    this.field = field;
  }

  /** The record type, e.g. {@code Student}. */
  public String recordType() {
    return recordType;
  }

  /** The field that broke the rule, e.g. {@code upn}. */
  public String field() {
    return field;
  }
}
