package io.missync.csv.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The columns a file of a format has: the standard header, whether it is required, and aliases.
 * Declared as {@code "sourcedId*"} (required) or {@code "Forename|First Name|Given Name"} (aliases
 * after the first name).
 */
public final class Schema {
  final String file;
  final String[] names;
  final boolean[] required;
  final List<List<String>> aliases;

  private Schema(String file, String[] names, boolean[] required, List<List<String>> aliases) {
    this.file = file;
    this.names = names;
    this.required = required;
    this.aliases = aliases;
  }

  /** A schema for the file with the given standard base name. */
  public static Schema of(String file, String... columns) {
    String[] names = new String[columns.length];
    boolean[] required = new boolean[columns.length];
    List<List<String>> aliases = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      String c = columns[i];
      if (c.endsWith("*")) {
        required[i] = true;
        c = c.substring(0, c.length() - 1);
      }
      List<String> parts = Arrays.asList(c.split("\\|"));
      names[i] = parts.get(0);
      aliases.add(List.copyOf(parts));
    }
    return new Schema(file, names, required, aliases);
  }

  /** This schema with more aliases for one column (e.g. a school's own header names). */
  public Schema withAliases(String column, List<String> more) {
    int i = idx(column);
    List<List<String>> a = new ArrayList<>(aliases);
    List<String> merged = new ArrayList<>(a.get(i));
    merged.addAll(more);
    a.set(i, List.copyOf(merged));
    return new Schema(file, names, required, a);
  }

  /** This schema with one column required or not. */
  public Schema withRequired(String column, boolean req) {
    boolean[] r = required.clone();
    r[idx(column)] = req;
    return new Schema(file, names, r, aliases);
  }

  public int idx(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column " + name + " in " + file);
  }

  public String file() {
    return file;
  }

  public String name(int i) {
    return names[i];
  }

  public int size() {
    return names.length;
  }

  /** The standard header row. */
  public List<String> header() {
    return List.of(names);
  }
}
