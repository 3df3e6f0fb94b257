package io.missync.wonde;

/** An {@code include} value that a list or get request can ask for. */
public interface Include {
  /** The value as sent on the wire, e.g. {@code education_details} or {@code classes.subject}. */
  String wireName();
}
