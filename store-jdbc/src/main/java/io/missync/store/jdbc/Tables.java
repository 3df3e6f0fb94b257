package io.missync.store.jdbc;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The store's table names under a configured schema and prefix. */
final class Tables {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,40}");
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,30}|");

  final @Nullable String schema;
  final String prefix;

  Tables(@Nullable String schema, String prefix) {
    if (schema != null && !IDENTIFIER.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "schema must be a plain SQL identifier (letters, digits, underscore)");
    }
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "table prefix must be empty or a plain SQL identifier (letters, digits, underscore)");
    }
    this.schema = schema;
    this.prefix = prefix;
  }

  /** Schema and prefix, ready to put before a table name. */
  String qualifiedPrefix() {
    return schema == null ? prefix : schema + "." + prefix;
  }

  String t(String table) {
    return qualifiedPrefix() + table;
  }

  String school() {
    return t("school");
  }

  String account() {
    return t("account");
  }

  String group() {
    return t("product_group");
  }

  String link() {
    return t("guardian_link");
  }

  String journal() {
    return t("apply_journal");
  }

  String outcome() {
    return t("apply_outcome");
  }

  String watermark() {
    return t("watermark");
  }

  String held() {
    return t("held_plan");
  }

  String audit() {
    return t("audit_event");
  }

  String schoolState() {
    return t("school_state");
  }

  String snapshotBase() {
    return t("snapshot_base");
  }

  String token() {
    return t("school_token");
  }

  String schemaVersion() {
    return t("schema_version");
  }

  /** H2 only: the one-row table whose row lock serialises schema migrations. */
  String migrationLock() {
    return t("migration_lock");
  }

  /** Replaces the placeholders of a migration script. */
  String expand(String sql) {
    return sql.replace("${t}", qualifiedPrefix()).replace("${p}", prefix);
  }
}
