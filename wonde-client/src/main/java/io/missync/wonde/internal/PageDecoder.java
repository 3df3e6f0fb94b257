package io.missync.wonde.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.missync.wonde.Page;
import io.missync.wonde.WondeDecodeException;
import io.missync.wonde.model.ModelType;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/** Decodes Wonde response envelopes. */
public final class PageDecoder {
  private PageDecoder() {}

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Parses JSON; malformed input gives a {@link WondeDecodeException} without any content. */
  public static ObjectNode parseObject(byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where =
          loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
      // the parser's message may quote content: do not keep it or chain the exception
      throw new WondeDecodeException("$", "malformed JSON" + where);
    } catch (IOException e) {
      throw new WondeDecodeException("$", "unreadable JSON");
    }
    if (root == null || !root.isObject()) {
      throw new WondeDecodeException("$", "expected a JSON object");
    }
    return (ObjectNode) root;
  }

  /** A flat {@code {success, state, message}} answer (also accepted wrapped in {@code data}). */
  public static io.missync.wonde.model.AccessResponse access(byte[] body) {
    ObjectNode root = parseObject(body);
    JsonNode data = root.get("data");
    if (data != null && data.isObject()) {
      return io.missync.wonde.model.ModelType.ACCESS_RESPONSE.wrap(data, "data");
    }
    return io.missync.wonde.model.ModelType.ACCESS_RESPONSE.wrap(root, "");
  }

  /** A single-item response {@code {"data": {...}}}. */
  public static <T> T single(byte[] body, ModelType<T> type) {
    ObjectNode root = parseObject(body);
    JsonNode data = root.get("data");
    if (data == null || data.isNull()) {
      throw new WondeDecodeException("data", "required but missing");
    }
    return type.wrap(data, "data");
  }

  /**
   * A list response.
   *
   * @param requestedPerPage the per_page sent, or 0 when none was sent
   */
  public static <T> Page<T> page(
      byte[] body, URI requestUri, ModelType<T> type, int requestedPerPage) {
    ObjectNode root = parseObject(body);
    JsonNode data = root.get("data");
    if (data == null || data.isNull()) {
      throw new WondeDecodeException("data", "required but missing");
    }
    if (!data.isArray()) {
      throw new WondeDecodeException("data", "expected a list");
    }
    List<T> items = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      items.add(type.wrapDataItem(data.get(i), i));
    }
    ObjectNode pagination = pagination(root);
    if (pagination == null) {
      if (requestedPerPage > 0 && items.size() >= requestedPerPage) {
        throw new WondeDecodeException(
            "meta.pagination", "missing although the page is full; more pages may exist");
      }
      return Page.of(
          items,
          requestUri,
          Optional.empty(),
          false,
          OptionalInt.empty(),
          OptionalInt.empty(),
          false);
    }
    String nextText = Json.string(pagination, "next", "meta.pagination");
    URI next = null;
    if (nextText != null && !nextText.isBlank()) {
      try {
        next = requestUri.resolve(new URI(nextText.trim()));
      } catch (URISyntaxException e) {
        throw new WondeDecodeException("meta.pagination.next", "expected a URL");
      }
    }
    Boolean more = Json.bool(pagination, "more", "meta.pagination");
    if (Boolean.TRUE.equals(more) && next == null) {
      throw new WondeDecodeException(
          "meta.pagination.next", "missing although more pages are announced");
    }
    return Page.of(
        items,
        requestUri,
        Optional.ofNullable(next),
        more != null ? more : next != null,
        optInt(pagination, "per_page"),
        optInt(pagination, "current_page"),
        true,
        lenientLong(pagination, "total", 0),
        lenientInt(pagination, "last_page", 1));
  }

  /**
   * A field that Wonde's documented pagination does not have (e.g. {@code total}): read only when
   * it is an integer of at least {@code min}; anything else is ignored rather than failing the
   * page.
   */
  private static OptionalLong lenientLong(ObjectNode node, String field, long min) {
    JsonNode v = node.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      return OptionalLong.empty();
    }
    long l = v.asLong();
    return l < min ? OptionalLong.empty() : OptionalLong.of(l);
  }

  private static OptionalInt lenientInt(ObjectNode node, String field, int min) {
    OptionalLong l = lenientLong(node, field, min);
    return l.isEmpty() || l.getAsLong() > Integer.MAX_VALUE
        ? OptionalInt.empty()
        : OptionalInt.of((int) l.getAsLong());
  }

  private static @Nullable ObjectNode pagination(ObjectNode root) {
    JsonNode meta = root.get("meta");
    if (meta == null || meta.isNull()) {
      return null;
    }
    if (!meta.isObject()) {
      throw new WondeDecodeException("meta", "expected an object");
    }
    JsonNode p = meta.get("pagination");
    if (p == null || p.isNull()) {
      return null;
    }
    if (!p.isObject()) {
      throw new WondeDecodeException("meta.pagination", "expected an object");
    }
    return (ObjectNode) p;
  }

  private static OptionalInt optInt(ObjectNode node, String field) {
    Long l = Json.integer(node, field, "meta.pagination");
    if (l == null || l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(l.intValue());
  }
}
