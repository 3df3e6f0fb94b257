package io.missync.wonde.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.missync.wonde.WondeDecodeException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Lenient field readers over Jackson trees. Errors name the field path, never the value. */
public final class Json {
  private Json() {}

  /** The field's value, or null when absent or JSON null. */
  public static @Nullable JsonNode value(ObjectNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v;
  }

  /** {@code parent.field}; {@code parent} is rendered with {@code toString()}. */
  public static String path(Object parent, String field) {
    String p = parent.toString();
    return p.isEmpty() ? field : p + "." + field;
  }

  /** Text; numbers and booleans are accepted and rendered as text. */
  public static @Nullable String string(ObjectNode node, String field, Object parent) {
    JsonNode v = value(node, field);
    if (v == null) {
      return null;
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isNumber() || v.isBoolean()) {
      return v.asText();
    }
    throw new WondeDecodeException(path(parent, field), "expected a string");
  }

  /** Required text. */
  public static String requiredString(ObjectNode node, String field, Object parent) {
    String s = string(node, field, parent);
    if (s == null) {
      throw new WondeDecodeException(path(parent, field), "required but missing");
    }
    return s;
  }

  /** Boolean; also accepts "true"/"false"/"1"/"0"/"yes"/"no" strings and 0/1 numbers. */
  public static @Nullable Boolean bool(ObjectNode node, String field, Object parent) {
    JsonNode v = value(node, field);
    if (v == null) {
      return null;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber()) {
      long l = v.longValue();
      if (l == 0 || l == 1) {
        return l == 1;
      }
    }
    if (v.isTextual()) {
      switch (v.textValue().trim().toLowerCase(Locale.ROOT)) {
        case "true":
        case "1":
        case "yes":
        case "y":
          return Boolean.TRUE;
        case "false":
        case "0":
        case "no":
        case "n":
          return Boolean.FALSE;
        case "":
          return null;
        default:
          break;
      }
    }
    throw new WondeDecodeException(path(parent, field), "expected a boolean");
  }

  /** Long; also accepts integral strings. */
  public static @Nullable Long integer(ObjectNode node, String field, Object parent) {
    JsonNode v = value(node, field);
    if (v == null) {
      return null;
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    if (v.isTextual()) {
      String t = v.textValue().trim();
      if (t.isEmpty()) {
        return null;
      }
      try {
        return Long.parseLong(t);
      } catch (NumberFormatException e) {
        throw new WondeDecodeException(path(parent, field), "expected an integer");
      }
    }
    throw new WondeDecodeException(path(parent, field), "expected an integer");
  }

  /** A list of strings; null or absent gives an empty list; a single string gives one element. */
  public static List<String> strings(ObjectNode node, String field, Object parent) {
    JsonNode v = value(node, field);
    if (v == null) {
      return List.of();
    }
    if (v.isTextual()) {
      return List.of(v.textValue());
    }
    if (!v.isArray()) {
      throw new WondeDecodeException(path(parent, field), "expected a list of strings");
    }
    String[] out = new String[v.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode e = v.get(i);
      if (e == null || !(e.isTextual() || e.isNumber())) {
        throw new WondeDecodeException(path(parent, field) + "[" + i + "]", "expected a string");
      }
      out[i] = e.asText();
    }
    return List.of(out);
  }

  /**
   * A one-to-one object, unwrapping Wonde's include wrapper {@code {"data": {...}}}. Absent, null
   * and {@code {"data": null}} all give null. The returned path suffix is handled by the caller.
   */
  public static @Nullable ObjectNode single(ObjectNode node, String field, Object parent) {
    JsonNode v = value(node, field);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw new WondeDecodeException(path(parent, field), "expected an object");
    }
    if (v.has("data") && v.size() <= 2 && !v.has("id")) {
      JsonNode d = v.get("data");
      if (d == null || d.isNull()) {
        return null;
      }
      if (!d.isObject()) {
        throw new WondeDecodeException(path(parent, field) + ".data", "expected an object");
      }
      return (ObjectNode) d;
    }
    return (ObjectNode) v;
  }

  /** True when {@code field} is wrapped as {@code {"data": ...}} (used to build paths). */
  public static boolean wrapped(ObjectNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isObject() && v.has("data") && v.size() <= 2 && !v.has("id");
  }

  /**
   * A one-to-many include: {@code {"data": [...]}} or a bare array. Absent gives null (not
   * requested or not sent, which is not the same as empty); {@code null} or {@code {"data": null}}
   * give an empty array.
   */
  public static @Nullable ArrayNode many(ObjectNode node, String field, Object parent) {
    JsonNode v = node.get(field);
    if (v == null) {
      return null;
    }
    if (v.isNull()) {
      return EMPTY;
    }
    if (v.isArray()) {
      return (ArrayNode) v;
    }
    if (v.isObject()) {
      JsonNode d = v.get("data");
      if (d == null || d.isNull()) {
        if (d == null && v.size() > 0) {
          throw new WondeDecodeException(path(parent, field) + ".data", "expected a list");
        }
        return EMPTY;
      }
      if (d.isArray()) {
        return (ArrayNode) d;
      }
      throw new WondeDecodeException(path(parent, field) + ".data", "expected a list");
    }
    throw new WondeDecodeException(path(parent, field), "expected a list");
  }

  private static final ArrayNode EMPTY =
      com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();

  /** Path of the list element, given whether the list was wrapped in {@code data}. */
  public static String elementPath(ObjectNode node, String field, Object parent, int index) {
    JsonNode v = node.get(field);
    String base = path(parent, field);
    if (v != null && v.isObject()) {
      base = base + ".data";
    }
    return base + "[" + index + "]";
  }

  /** Path of a one-to-one include's object. */
  public static String singlePath(ObjectNode node, String field, Object parent) {
    return wrapped(node, field) ? path(parent, field) + ".data" : path(parent, field);
  }
}
