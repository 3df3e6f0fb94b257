package io.missync.testkit.wonde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.missync.testkit.wonde.internal.Includes;
import io.missync.testkit.wonde.internal.Model;
import io.missync.testkit.wonde.internal.Model.Entity;
import io.missync.testkit.wonde.internal.Model.Status;
import io.missync.testkit.wonde.internal.Query;
import io.missync.testkit.wonde.internal.Renderer;
import io.missync.testkit.wonde.internal.SchoolData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes Wonde API requests to the world, with auth, pagination, filters and fault injection. */
final class SimHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SimHandler.class);
  private static final int MAX_LOG = 10_000;
  private static final Set<String> SCHOOL_LISTS =
      Set.of("all", "pending", "audited", "offline", "revoked", "declined");
  private static final DateTimeFormatter WIRE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final World world;
  private final FaultPlan faults;
  private final long latencyMs;
  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonNodeFactory f = JsonNodeFactory.instance;
  private final AtomicLong counter = new AtomicLong();
  private final Map<String, java.util.concurrent.atomic.AtomicInteger> inFlight =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final List<Hook> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Deque<RecordedRequest> log = new ArrayDeque<>();
  private volatile WireVariants variants;
  private volatile String origin = "http://127.0.0.1";
  private volatile @Nullable String domain;

  SimHandler(World world, FaultPlan faults, long latencyMs, WireVariants variants) {
    this.world = world;
    this.faults = faults;
    this.latencyMs = latencyMs;
    this.variants = variants;
  }

  void bind(String origin, String domain) {
    this.origin = origin;
    this.domain = domain;
  }

  void variants(WireVariants v) {
    this.variants = v;
  }

  WireVariants variants() {
    return variants;
  }

  List<RecordedRequest> requests() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  private void record(RecordedRequest r) {
    synchronized (log) {
      if (log.size() >= MAX_LOG) {
        log.removeFirst();
      }
      log.addLast(r);
    }
  }

  /** A response to send. */
  private static final class Response {
    final int status;
    final JsonNode body;
    final Map<String, String> headers = new LinkedHashMap<>();

    Response(int status, JsonNode body) {
      this.status = status;
      this.body = body;
    }
  }

  /** Raised while routing to answer with an error status. */
  private static final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;
    final String description;

    HttpError(int status, String code, String description) {
      super(description);
      this.status = status;
      this.code = code;
      this.description = description;
    }
  }

  /** An action run once, before routing the first request it matches. */
  private static final class Hook {
    final java.util.function.BiPredicate<String, String> when;
    final Runnable action;
    final java.util.concurrent.atomic.AtomicBoolean done =
        new java.util.concurrent.atomic.AtomicBoolean();

    Hook(java.util.function.BiPredicate<String, String> when, Runnable action) {
      this.when = when;
      this.action = action;
    }
  }

  void beforeRouting(java.util.function.BiPredicate<String, String> when, Runnable action) {
    hooks.add(new Hook(when, action));
  }

  void clearHooks() {
    hooks.clear();
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    java.util.concurrent.atomic.AtomicInteger onPath =
        inFlight.computeIfAbsent(
            ex.getRequestURI().getRawPath(), k -> new java.util.concurrent.atomic.AtomicInteger());
    int concurrent = onPath.incrementAndGet();
    // a request stops counting as in flight once its answer starts, not once the handler returns:
    // a client reading sequentially may send its next request before this thread gets back here
    java.util.concurrent.atomic.AtomicBoolean open =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    Runnable answered =
        () -> {
          if (open.compareAndSet(true, false)) {
            onPath.decrementAndGet();
          }
        };
    try {
      handle(ex, concurrent, answered);
    } finally {
      answered.run();
    }
  }

  private void handle(HttpExchange ex, int concurrent, Runnable answered) throws IOException {
    long index = counter.incrementAndGet();
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getRawPath();
    String rawQuery = Optional.ofNullable(ex.getRequestURI().getRawQuery()).orElse("");
    try (InputStream in = ex.getRequestBody()) {
      in.readAllBytes();
    }
    Fault fault = faults.decide(path, rawQuery);
    long delay =
        latencyMs + (fault != null && fault.kind() == Fault.Kind.LATENCY ? fault.latencyMs() : 0);
    if (delay > 0) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    LOG.debug("#{} {} {} fault={}", index, method, path, fault);
    if (fault != null && fault.kind() == Fault.Kind.CONNECTION_RESET) {
      record(new RecordedRequest(index, method, path, rawQuery, -1, fault, concurrent));
      answered.run();
      ex.close();
      return;
    }
    for (Hook h : hooks) {
      if (h.when.test(path, rawQuery) && h.done.compareAndSet(false, true)) {
        h.action.run();
      }
    }
    Response r;
    if (fault != null && fault.kind() == Fault.Kind.STATUS) {
      r = error(fault.status(), "server_error", "Injected fault");
    } else if (fault != null && fault.kind() == Fault.Kind.TOO_MANY_REQUESTS) {
      r = error(429, "too_many_requests", "Too Many Attempts.");
      r.headers.put("Retry-After", Long.toString(fault.retryAfterSeconds()));
    } else {
      try {
        r =
            route(
                method,
                path,
                Query.parse(rawQuery),
                ex.getRequestHeaders().getFirst("Authorization"));
      } catch (HttpError e) {
        r = error(e.status, e.code, e.description);
        if (e.status == 401) {
          r.headers.put("WWW-Authenticate", "Bearer");
        }
      } catch (Query.MalformedQueryException e) {
        r = error(400, "bad_request", "Malformed query string");
      } catch (RuntimeException e) {
        LOG.warn("simulator failed on {} {}", method, path, e);
        r = error(500, "server_error", "Simulator error: " + e);
      }
    }
    if (fault != null && fault.kind() == Fault.Kind.MISSING_META && r.body instanceof ObjectNode) {
      ((ObjectNode) r.body).remove("meta");
    }
    if (fault != null
        && fault.kind() == Fault.Kind.EMPTY_DATA
        && r.status == 200
        && r.body instanceof ObjectNode) {
      ObjectNode o = (ObjectNode) r.body;
      o.remove("meta");
      if (o.get("data") instanceof ArrayNode) {
        o.set("data", f.arrayNode());
      } else {
        o.putNull("data");
      }
    }
    if (fault != null
        && fault.kind() == Fault.Kind.EMPTY_OBJECT
        && r.status == 200
        && r.body instanceof ObjectNode
        && r.body.get("data") instanceof ObjectNode) {
      ((ObjectNode) r.body).putObject("data");
    }
    record(new RecordedRequest(index, method, path, rawQuery, r.status, fault, concurrent));
    byte[] bytes = mapper.writeValueAsBytes(r.body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    for (Map.Entry<String, String> h : r.headers.entrySet()) {
      ex.getResponseHeaders().set(h.getKey(), h.getValue());
    }
    answered.run();
    try {
      if (fault != null && fault.kind() == Fault.Kind.TRUNCATED_BODY) {
        ex.sendResponseHeaders(r.status, bytes.length);
        OutputStream os = ex.getResponseBody();
        os.write(bytes, 0, bytes.length / 2);
        os.flush();
        ex.close();
        return;
      }
      if (fault != null && fault.kind() == Fault.Kind.TRUNCATED_JSON) {
        bytes = java.util.Arrays.copyOf(bytes, bytes.length / 2);
      }
      ex.sendResponseHeaders(r.status, bytes.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(bytes);
      }
    } catch (IOException e) {
      LOG.debug("#{} client went away: {}", index, e.toString());
    } finally {
      ex.close();
    }
  }

  private Response error(int status, String code, String description) {
    ObjectNode o = f.objectNode();
    o.put("error", code);
    o.put("error_description", description);
    return new Response(status, o);
  }

  // ---------------------------------------------------------------- auth

  /** Empty school id = the app token; otherwise the school the token belongs to. */
  private Optional<String> authenticate(@Nullable String header) {
    if (header == null) {
      throw new HttpError(401, "unauthenticated", "Missing Authorization header");
    }
    String token = null;
    String h = header.trim();
    if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = h.substring(7).trim();
    } else if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded =
            new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        token = colon < 0 ? null : decoded.substring(0, colon);
      } catch (IllegalArgumentException e) {
        token = null;
      }
    }
    if (token == null || token.isEmpty()) {
      throw new HttpError(401, "unauthenticated", "Unsupported or malformed Authorization header");
    }
    if (token.equals(world.appToken())) {
      return Optional.empty();
    }
    for (SchoolWorld s : world.schools()) {
      if (token.equals(s.token())) {
        return Optional.of(s.id());
      }
    }
    throw new HttpError(401, "unauthenticated", "Invalid token");
  }

  // ---------------------------------------------------------------- routing

  private Response route(String method, String path, Query q, @Nullable String auth) {
    if (!path.startsWith("/v1.0/")) {
      throw new HttpError(404, "not_found", "Unknown path");
    }
    List<String> seg = new ArrayList<>();
    for (String s : path.substring("/v1.0/".length()).split("/", -1)) {
      if (!s.isEmpty()) {
        seg.add(s);
      }
    }
    Optional<String> principal = authenticate(auth);
    if (seg.isEmpty()) {
      throw new HttpError(404, "not_found", "Unknown path");
    }
    if (seg.get(0).equals("meta") && seg.size() >= 3 && seg.get(1).equals("schools")) {
      requireGet(method);
      SchoolWorld s = schoolFor(seg.get(2), principal);
      if (seg.size() == 3) {
        return world.read(() -> meta(s));
      }
      if (seg.size() == 4 && seg.get(3).equals("permissions")) {
        return world.read(() -> permissions(s));
      }
      throw new HttpError(404, "not_found", "Unknown path");
    }
    if (!seg.get(0).equals("schools")) {
      throw new HttpError(404, "not_found", "Unknown path");
    }
    if (seg.size() == 1 || (seg.size() == 2 && SCHOOL_LISTS.contains(seg.get(1)))) {
      requireGet(method);
      String list = seg.size() == 1 ? "approved" : seg.get(1);
      return world.read(() -> schoolList(list, principal, q, path));
    }
    SchoolWorld s = schoolFor(seg.get(1), principal);
    if (seg.size() == 2) {
      requireGet(method);
      return world.read(() -> single(f.objectNode(), schoolNode(s), "schools"));
    }
    String resource = seg.get(2);
    if (seg.size() == 3 && resource.equals("request-access")) {
      if (!method.equals("POST")) {
        throw new HttpError(405, "method_not_allowed", "Use POST");
      }
      return world.write(() -> requestAccess(s));
    }
    if (seg.size() == 3 && resource.equals("revoke-access")) {
      if (!method.equals("DELETE")) {
        throw new HttpError(405, "method_not_allowed", "Use DELETE");
      }
      return world.write(() -> revokeAccess(s));
    }
    requireGet(method);
    if (seg.size() > 4) {
      throw new HttpError(404, "not_found", "Unknown path");
    }
    return world.read(
        () -> {
          SchoolData d = World.data(s);
          if (d.access != SchoolAccess.APPROVED) {
            throw new HttpError(
                403, "access_denied", "The school has not approved access (" + d.access + ")");
          }
          Renderer render = new Renderer(variants, d);
          Includes inc = Includes.parse(q.all("include"));
          if (seg.size() == 4) {
            return item(d, render, resource, seg.get(3), inc);
          }
          return list(d, render, resource, q, inc, path);
        });
  }

  private static void requireGet(String method) {
    if (!method.equals("GET")) {
      throw new HttpError(405, "method_not_allowed", "Use GET");
    }
  }

  private SchoolWorld schoolFor(String id, Optional<String> principal) {
    SchoolWorld s =
        world.findSchool(id).orElseThrow(() -> new HttpError(404, "not_found", "School not found"));
    if (principal.isPresent() && !principal.get().equals(id)) {
      throw new HttpError(403, "access_denied", "This token does not grant access to the school");
    }
    return s;
  }

  // ---------------------------------------------------------------- schools

  private ObjectNode schoolNode(SchoolWorld s) {
    SchoolData d = World.data(s);
    String dom = domain != null ? domain : origin.replaceFirst("^https?://", "");
    return new Renderer(variants, d).school(dom, origin + "/v1.0/schools/" + d.id);
  }

  private Response schoolList(String list, Optional<String> principal, Query q, String path) {
    Predicate<Instant> time = timeFilter(q);
    List<SchoolWorld> out = new ArrayList<>();
    for (SchoolWorld s : world.schools()) {
      SchoolData d = World.data(s);
      if (principal.isPresent() && !principal.get().equals(d.id)) {
        continue;
      }
      boolean in =
          switch (list) {
            case "approved" -> d.access == SchoolAccess.APPROVED;
            case "pending" -> d.access == SchoolAccess.PENDING;
            case "audited" -> d.access == SchoolAccess.APPROVED && d.audited;
            case "offline" -> !d.online;
            case "revoked" -> d.access == SchoolAccess.REVOKED;
            case "declined" -> d.access == SchoolAccess.DECLINED;
            default -> true;
          };
      in = in && time.test(d.updatedAt);
      in = in && q.get("la_code").map(d.laCode::equals).orElse(true);
      in = in && q.get("establishment_number").map(d.establishmentNumber::equals).orElse(true);
      in = in && q.get("urn").map(u -> u.equals(Integer.toString(d.urn))).orElse(true);
      in =
          in
              && q.get("postcode")
                  .map(
                      p ->
                          d.postcode
                              .replace(" ", "")
                              .toUpperCase(Locale.ROOT)
                              .startsWith(p.replace(" ", "").toUpperCase(Locale.ROOT)))
                  .orElse(true);
      if (in) {
        out.add(s);
      }
    }
    return page(out, this::schoolNode, q, path, List.of());
  }

  private Response meta(SchoolWorld s) {
    SchoolData d = World.data(s);
    ObjectNode data = f.objectNode();
    data.put("online", d.online);
    data.put("approved", d.access == SchoolAccess.APPROVED);
    data.put("audited", d.audited);
    data.put("custom_attendance_codes", false);
    return new Response(200, f.objectNode().set("data", data));
  }

  private Response permissions(SchoolWorld s) {
    SchoolData d = World.data(s);
    Renderer r = new Renderer(variants, d);
    ArrayNode arr = f.arrayNode();
    String[][] perms = {
      {"students.read", "Students", "Read student records"},
      {"students.upn.read", "Student UPN", "Read student UPNs"},
      {"employees.read", "Employees", "Read employee records"},
      {"contacts.read", "Contacts", "Read student contacts"},
      {"groups.read", "Groups", "Read groups"},
      {"classes.read", "Classes", "Read classes"}
    };
    for (String[] p : perms) {
      ObjectNode o = arr.addObject();
      o.put("identity", p[0]);
      o.put("name", p[1]);
      o.put("description", p[2]);
      o.put("parent", p[0].contains(".upn") ? "students.read" : null);
      o.put("group", p[1]);
      o.set("active_from", r.school("", "").get("extended").get("audit_approved_at"));
      o.put("optional", p[0].contains(".upn"));
      o.put("approved", d.access == SchoolAccess.APPROVED);
      o.put("audited", d.audited);
      o.put("declined", d.access == SchoolAccess.DECLINED);
    }
    return new Response(200, f.objectNode().set("data", arr));
  }

  private Response requestAccess(SchoolWorld s) {
    SchoolData d = World.data(s);
    ObjectNode o = f.objectNode();
    o.put("success", true);
    if (d.access == SchoolAccess.APPROVED) {
      o.put("state", "approved");
      o.put("message", "Access already approved");
    } else {
      d.access = SchoolAccess.PENDING;
      d.updatedAt = world.clock().now();
      o.put("state", "pending");
      o.put("message", "Access request successfully received");
    }
    return new Response(200, o);
  }

  private Response revokeAccess(SchoolWorld s) {
    SchoolData d = World.data(s);
    d.access = SchoolAccess.REVOKED;
    d.updatedAt = world.clock().now();
    ObjectNode o = f.objectNode();
    o.put("success", true);
    o.put("state", "revoked");
    o.put("message", "Access revoked");
    return new Response(200, o);
  }

  // ---------------------------------------------------------------- school data

  private Response item(SchoolData d, Renderer r, String resource, String id, Includes inc) {
    ObjectNode node;
    switch (resource) {
      case "students":
      case "students-leaver":
      case "students-pre-admission":
        {
          Model.Student s = d.students.get(id);
          Status want = studentStatus(resource);
          node = s != null && s.status == want ? r.student(s, inc) : null;
          break;
        }
      case "employees":
        {
          Model.Employee e = d.employees.get(id);
          node = e != null && e.isCurrent() ? r.employee(e, inc, null) : null;
          break;
        }
      case "contacts":
        {
          Model.Contact c = d.contacts.get(id);
          node = c != null && c.isCurrent() ? r.contact(c, inc, null) : null;
          break;
        }
      case "groups":
        {
          Model.Group g = d.groups.get(id);
          node = g != null && g.isCurrent() ? r.group(g, inc) : null;
          break;
        }
      case "classes":
        {
          Model.TeachingClass c = d.classes.get(id);
          node = c != null && c.isCurrent() ? r.teachingClass(c, inc, null) : null;
          break;
        }
      case "subjects":
        {
          Model.Subject s = d.subjects.get(id);
          node = s != null && s.isCurrent() ? r.subject(s, inc) : null;
          break;
        }
      default:
        throw new HttpError(404, "not_found", "Unknown resource");
    }
    if (node == null) {
      throw new HttpError(404, "not_found", "Record not found");
    }
    return single(f.objectNode(), node, includesKey(resource));
  }

  private Response single(ObjectNode root, ObjectNode data, String includesKey) {
    root.set("data", data);
    ObjectNode meta = root.putObject("meta");
    ArrayNode incs = meta.putArray("includes");
    for (String s : Renderer.INCLUDES.getOrDefault(includesKey, List.of())) {
      incs.add(s);
    }
    return new Response(200, root);
  }

  private static String includesKey(String resource) {
    return resource.startsWith("students") ? "students" : resource;
  }

  private static Status studentStatus(String resource) {
    return switch (resource) {
      case "students-leaver" -> Status.LEAVER;
      case "students-pre-admission" -> Status.PRE_ADMISSION;
      default -> Status.CURRENT;
    };
  }

  private Response list(
      SchoolData d, Renderer r, String resource, Query q, Includes inc, String path) {
    Predicate<Instant> time = timeFilter(q);
    List<String> incs = Renderer.INCLUDES.getOrDefault(includesKey(resource), List.of());
    switch (resource) {
      case "students":
      case "students-leaver":
      case "students-pre-admission":
        {
          Status want = studentStatus(resource);
          List<String> upns = q.csv("only_upns");
          List<String> mis = q.csv("only_mis_ids");
          List<Model.Student> out = new ArrayList<>();
          for (Model.Student s : d.students.values()) {
            if (s.status == want
                && time.test(s.updatedAt)
                && (upns.isEmpty() || (s.upn != null && upns.contains(s.upn)))
                && (mis.isEmpty() || mis.contains(s.misId))) {
              out.add(s);
            }
          }
          return page(out, s -> r.student(s, inc), q, path, incs);
        }
      case "employees":
        {
          List<String> mis = q.csv("only_mis_ids");
          Optional<Boolean> hasClass = bool(q, "has_class");
          List<Model.Employee> out = new ArrayList<>();
          for (Model.Employee e : d.employees.values()) {
            if (e.isCurrent()
                && time.test(e.updatedAt)
                && (mis.isEmpty() || mis.contains(e.misId))
                && hasClass.map(h -> h == teaches(d, e)).orElse(true)) {
              out.add(e);
            }
          }
          return page(out, e -> r.employee(e, inc, null), q, path, incs);
        }
      case "contacts":
        return page(
            current(d.contacts.values(), time, c -> true),
            c -> r.contact(c, inc, null),
            q,
            path,
            incs);
      case "groups":
        {
          List<String> types = q.csv("type");
          Optional<Boolean> hasStudents = bool(q, "has_students");
          Optional<Boolean> hasEmployees = bool(q, "has_employees");
          return page(
              current(
                  d.groups.values(),
                  time,
                  g ->
                      (types.isEmpty() || types.stream().anyMatch(t -> t.equalsIgnoreCase(g.type)))
                          && hasStudents
                              .map(h -> h == g.students.stream().anyMatch(Entity::isCurrent))
                              .orElse(true)
                          && hasEmployees
                              .map(h -> h == g.employees.stream().anyMatch(Entity::isCurrent))
                              .orElse(true)),
              g -> r.group(g, inc),
              q,
              path,
              incs);
        }
      case "classes":
        {
          Optional<String> name = q.get("class_name");
          Optional<String> subject = q.get("class_subject");
          Optional<Boolean> hasStudents = bool(q, "has_students");
          return page(
              current(
                  d.classes.values(),
                  time,
                  c ->
                      name.map(n -> n.equals(c.name)).orElse(true)
                          && subject.map(sid -> sid.equals(c.subject.id)).orElse(true)
                          && hasStudents
                              .map(h -> h == c.students.stream().anyMatch(Entity::isCurrent))
                              .orElse(true)),
              c -> r.teachingClass(c, inc, null),
              q,
              path,
              incs);
        }
      case "subjects":
        {
          Optional<String> code = q.get("subject_code");
          Optional<String> name = q.get("subject_name");
          return page(
              current(
                  d.subjects.values(),
                  time,
                  s ->
                      code.map(c -> c.equals(s.code)).orElse(true)
                          && name.map(n -> n.equals(s.name)).orElse(true)),
              s -> r.subject(s, inc),
              q,
              path,
              incs);
        }
      case "deletions":
        {
          List<String> types = q.csv("type");
          List<Model.Deletion> out = new ArrayList<>();
          for (Model.Deletion del : d.deletions) {
            if (time.test(del.changedAt())
                && (types.isEmpty()
                    || types.stream()
                        .anyMatch(
                            t ->
                                t.equalsIgnoreCase(del.wireType(variants.leaverDeletionType()))))) {
              out.add(del);
            }
          }
          return page(out, r::deletion, q, path, List.of());
        }
      case "counts":
        return counts(d, q);
      default:
        throw new HttpError(404, "not_found", "Unknown resource " + resource);
    }
  }

  private static boolean teaches(SchoolData d, Model.Employee e) {
    for (Model.TeachingClass c : d.classes.values()) {
      if (c.isCurrent() && c.teachers.containsKey(e)) {
        return true;
      }
    }
    return false;
  }

  private static <T extends Entity> List<T> current(
      Collection<T> all, Predicate<Instant> time, Predicate<T> p) {
    List<T> out = new ArrayList<>();
    for (T e : all) {
      if (e.isCurrent() && time.test(e.updatedAt) && p.test(e)) {
        out.add(e);
      }
    }
    return out;
  }

  private Response counts(SchoolData d, Query q) {
    ObjectNode data = f.objectNode();
    for (String name : q.csv("include")) {
      long n =
          switch (name) {
            case "students" -> count(d.students.values(), Entity::isCurrent);
            case "students_leaver", "students-leaver" ->
                count(d.students.values(), s -> s.status == Status.LEAVER);
            case "students_pre_admission", "students-pre-admission" ->
                count(d.students.values(), s -> s.status == Status.PRE_ADMISSION);
            case "employees" -> count(d.employees.values(), Entity::isCurrent);
            case "contacts" -> count(d.contacts.values(), Entity::isCurrent);
            case "groups" -> count(d.groups.values(), Entity::isCurrent);
            case "classes" -> count(d.classes.values(), Entity::isCurrent);
            case "subjects" -> count(d.subjects.values(), Entity::isCurrent);
            default -> -1;
          };
      if (n < 0) {
        continue;
      }
      ObjectNode c = f.objectNode();
      c.put("count", n);
      data.set(name, f.objectNode().set("data", c));
    }
    return new Response(200, f.objectNode().set("data", data));
  }

  private static <T extends Entity> long count(Collection<T> all, Predicate<? super T> p) {
    long n = 0;
    for (T e : all) {
      if (p.test(e)) {
        n++;
      }
    }
    return n;
  }

  private static Optional<Boolean> bool(Query q, String name) {
    return q.get(name)
        .map(
            v -> {
              String s = v.toLowerCase(Locale.ROOT);
              if (s.equals("true") || s.equals("1")) {
                return Boolean.TRUE;
              }
              if (s.equals("false") || s.equals("0")) {
                return Boolean.FALSE;
              }
              throw new HttpError(422, "validation_error", name + " must be a boolean");
            });
  }

  /** {@code updated_after} / {@code updated_before}: exclusive bounds, UTC. */
  private static Predicate<Instant> timeFilter(Query q) {
    Optional<Instant> after = q.get("updated_after").map(v -> parseTime("updated_after", v));
    Optional<Instant> before = q.get("updated_before").map(v -> parseTime("updated_before", v));
    return t -> after.map(t::isAfter).orElse(true) && before.map(t::isBefore).orElse(true);
  }

  static Instant parseTime(String name, String v) {
    String s = v.trim();
    try {
      if (s.length() == 10) {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (s.length() == 19 && s.charAt(10) == ' ') {
        return LocalDateTime.parse(s, WIRE_TIME).toInstant(ZoneOffset.UTC);
      }
      return LocalDateTime.parse(s.replace(' ', 'T').replace("Z", "")).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new HttpError(
          422, "validation_error", name + " must be a date time (Y-m-d H:i:s): " + v);
    }
  }

  // ---------------------------------------------------------------- pagination

  private <T> Response page(
      List<T> items, Function<T, ObjectNode> render, Query q, String path, List<String> includes) {
    boolean perPageGiven = q.has("per_page");
    int perPage = perPageGiven ? Math.min(200, Math.max(1, intParam(q, "per_page"))) : 50;
    int page = q.has("page") ? Math.max(1, intParam(q, "page")) : 1;
    long from = (long) (page - 1) * perPage;
    int to = (int) Math.min(items.size(), from + perPage);
    ObjectNode root = f.objectNode();
    ArrayNode data = root.putArray("data");
    for (int i = (int) Math.min(from, items.size()); i < to; i++) {
      data.add(render.apply(items.get(i)));
    }
    boolean more = to < items.size();
    boolean omit =
        variants.omitMetaForSmallLists() && !perPageGiven && page == 1 && items.size() <= 50;
    if (!omit) {
      ObjectNode meta = root.putObject("meta");
      ObjectNode p = meta.putObject("pagination");
      String base = origin + path + "?";
      p.put("next", more ? base + q.withPage(page + 1) : null);
      p.put("previous", page > 1 ? base + q.withPage(page - 1) : null);
      p.put("more", more);
      p.put("per_page", perPage);
      p.put("current_page", page);
      if (variants.paginationTotals()) {
        p.put("total", items.size());
        p.put("last_page", Math.max(1, (items.size() + perPage - 1) / perPage));
      }
      if (!includes.isEmpty()) {
        ArrayNode incs = meta.putArray("includes");
        includes.forEach(incs::add);
      }
    }
    return new Response(200, root);
  }

  private static int intParam(Query q, String name) {
    String v = q.get(name).orElse("");
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new HttpError(422, "validation_error", name + " must be an integer: " + v);
    }
  }
}
