package io.missync.wonde;

/** How the token is sent. */
public enum AuthScheme {
  /** {@code Authorization: Bearer <token>} (default). */
  BEARER,
  /** {@code Authorization: Basic base64(token + ":")}: the token as user name, empty password. */
  BASIC
}
