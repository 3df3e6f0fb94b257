package io.missync.wonde.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.missync.wonde.WondeDecodeException;
import io.missync.wonde.internal.Json;
import io.missync.wonde.internal.WondeDates;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Base of every Wonde wire model: an immutable view over the JSON object Wonde sent.
 *
 * <p>Fields are decoded when read. A malformed field throws {@link WondeDecodeException} naming its
 * JSON path (never its value) from its accessor only; the rest of the object stays readable. Fields
 * the model does not know are kept and available from {@link #extra()}, and the whole object from
 * {@link #json()}.
 *
 * <p>{@code toString()} prints only the type and the Wonde id: never names or other personal data.
 */
public abstract class WireObject {
  private final ObjectNode node;
  private final Loc path;

  WireObject(ObjectNode node, Loc loc) {
    this.node = node;
    this.path = loc;
  }

  /** Names of the fields this model decodes; everything else is in {@link #extra()}. */
  abstract Set<String> knownFields();

  /** A deep copy of the JSON object. */
  public final ObjectNode json() {
    return node.deepCopy();
  }

  /** Fields this model does not decode (deep copies), in wire order. */
  public final Map<String, JsonNode> extra() {
    Set<String> known = knownFields();
    Map<String, JsonNode> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!known.contains(e.getKey())) {
        out.put(e.getKey(), e.getValue().deepCopy());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** Any field read leniently as text (numbers and booleans rendered as text). */
  public final Optional<String> string(String field) {
    return Optional.ofNullable(Json.string(node, field, path));
  }

  /** JSON path of this object within the response, e.g. {@code data[2].contacts.data[0]}. */
  public final String jsonPath() {
    return path.toString();
  }

  final Loc loc() {
    return path;
  }

  final ObjectNode node() {
    return node;
  }

  final String req(String field) {
    return Json.requiredString(node, field, path);
  }

  final Optional<String> opt(String field) {
    return Optional.ofNullable(Json.string(node, field, path));
  }

  final Optional<Boolean> bool(String field) {
    return Optional.ofNullable(Json.bool(node, field, path));
  }

  final OptionalInt integer(String field) {
    Long l = Json.integer(node, field, path);
    if (l == null) {
      return OptionalInt.empty();
    }
    if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
      throw new WondeDecodeException(Json.path(path, field), "integer out of range");
    }
    return OptionalInt.of(l.intValue());
  }

  final Optional<Instant> instant(String field) {
    return Optional.ofNullable(WondeDates.instant(node.get(field), path, field));
  }

  final Optional<LocalDate> date(String field) {
    return Optional.ofNullable(WondeDates.localDate(node.get(field), path, field));
  }

  final <T> Optional<T> single(String field, BiFunction<ObjectNode, Loc, T> factory) {
    ObjectNode o = Json.single(node, field, path);
    return o == null
        ? Optional.empty()
        : Optional.of(factory.apply(o, Loc.child(path, field, Json.wrapped(node, field))));
  }

  final <T> Optional<List<T>> many(String field, BiFunction<ObjectNode, Loc, T> factory) {
    ArrayNode arr = Json.many(node, field, path);
    if (arr == null) {
      return Optional.empty();
    }
    JsonNode raw = node.get(field);
    boolean wrapped = raw != null && raw.isObject();
    List<T> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      JsonNode e = arr.get(i);
      Loc at = Loc.element(path, field, wrapped, i);
      if (e == null || !e.isObject()) {
        throw new WondeDecodeException(at.toString(), "expected an object");
      }
      out.add(factory.apply((ObjectNode) e, at));
    }
    return Optional.of(Collections.unmodifiableList(out));
  }

  @Override
  public String toString() {
    JsonNode id = node.get("id");
    String idText = id != null && (id.isTextual() || id.isNumber()) ? id.asText() : "?";
    return getClass().getSimpleName() + "{id=" + idText + "}";
  }

  @Override
  public final boolean equals(@Nullable Object o) {
    return o != null && o.getClass() == getClass() && ((WireObject) o).node.equals(node);
  }

  @Override
  public final int hashCode() {
    return node.hashCode();
  }
}
