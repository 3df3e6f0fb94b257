package io.missync.testkit.wonde.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.missync.testkit.wonde.WireVariants;
import io.missync.testkit.wonde.internal.Model.Contact;
import io.missync.testkit.wonde.internal.Model.Deletion;
import io.missync.testkit.wonde.internal.Model.Employee;
import io.missync.testkit.wonde.internal.Model.Group;
import io.missync.testkit.wonde.internal.Model.GuardianLink;
import io.missync.testkit.wonde.internal.Model.Person;
import io.missync.testkit.wonde.internal.Model.Student;
import io.missync.testkit.wonde.internal.Model.Subject;
import io.missync.testkit.wonde.internal.Model.TeacherRole;
import io.missync.testkit.wonde.internal.Model.TeachingClass;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Renders the world model as Wonde-shaped JSON, honouring the configured wire variants. */
public final class Renderer {
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /** Includes each list endpoint advertises in {@code meta.includes}. */
  public static final Map<String, List<String>> INCLUDES =
      Map.of(
          "students",
          List.of(
              "classes",
              "classes.employees",
              "classes.subject",
              "classes.students",
              "education_details",
              "contact_details",
              "extended_details",
              "contacts",
              "contacts.contact_details",
              "year",
              "year.employees",
              "house",
              "house.employees",
              "registration",
              "registration.employees",
              "boarding",
              "campus",
              "groups",
              "groups.employees"),
          "employees",
          List.of(
              "contact_details",
              "employment_details",
              "classes",
              "classes.subject",
              "classes.students",
              "groups",
              "groups.students"),
          "contacts",
          List.of("contact_details", "students", "students.education_details"),
          "groups",
          List.of(
              "students", "students.education_details", "students.contact_details", "employees"),
          "classes",
          List.of(
              "subject",
              "students",
              "students.contact_details",
              "students.education_details",
              "students.extended_details",
              "students.house",
              "students.registration",
              "students.year",
              "employees",
              "employees.contact_details",
              "employees.employment_details"),
          "subjects",
          List.of("classes", "classes.students", "classes.employees"),
          "schools",
          List.of("cbds"));

  private final JsonNodeFactory f = JsonNodeFactory.instance;
  private final WireVariants v;
  private final SchoolData school;

  public Renderer(WireVariants v, SchoolData school) {
    this.v = v;
    this.school = school;
  }

  // ---------------------------------------------------------------- scalars

  public static String formatTimestamp(Instant t, boolean micros) {
    return TS.format(t) + (micros ? ".000000" : "");
  }

  ObjectNode dateTime(String date, String zone) {
    ObjectNode o = f.objectNode();
    o.put("date", date);
    o.put("timezone_type", 3);
    o.put("timezone", zone);
    return o;
  }

  JsonNode ts(@Nullable Instant t) {
    return t == null
        ? NullNode.getInstance()
        : dateTime(formatTimestamp(t, v.microseconds()), "UTC");
  }

  JsonNode date(@Nullable LocalDate d, WireVariants.DateStyle style) {
    if (d == null || style == WireVariants.DateStyle.NULL) {
      return NullNode.getInstance();
    }
    if (style == WireVariants.DateStyle.DATE_STRING) {
      return f.textNode(d.toString());
    }
    return dateTime(d + (v.microseconds() ? " 00:00:00.000000" : " 00:00:00"), "Europe/London");
  }

  private void one(ObjectNode target, String name, @Nullable JsonNode value) {
    if (value == null) {
      if (v.nullInclude() == WireVariants.NullInclude.DATA_NULL) {
        target.set(name, f.objectNode().set("data", NullNode.getInstance()));
      }
      return;
    }
    target.set(name, f.objectNode().set("data", value));
  }

  private ArrayNode many(ObjectNode target, String name) {
    ArrayNode arr = f.arrayNode();
    target.set(name, f.objectNode().set("data", arr));
    return arr;
  }

  private void stamps(ObjectNode o, Model.Entity e) {
    o.set("restored_at", ts(e.restoredAt));
    o.set("created_at", ts(e.createdAt));
    o.set("updated_at", ts(e.updatedAt));
  }

  private void personFields(ObjectNode o, Person p) {
    o.put("id", p.id);
    o.put("upi", p.upi);
    o.put("mis_id", p.misId);
    o.put("title", p.title);
    o.put("initials", p.initials());
    o.put("surname", p.surname);
    o.put("forename", p.forename);
    o.put("middle_names", p.middleNames);
    o.put("legal_surname", p.legalSurname);
    o.put("legal_forename", p.legalForename);
    o.put("gender", p.gender);
  }

  ObjectNode contactDetails(Person p) {
    ObjectNode d = f.objectNode();
    d.put("salutation", (p.title != null ? p.title : p.forename) + " " + p.surname);
    ObjectNode phones = d.putObject("phones");
    phones.put("phone", p.homePhone != null ? p.homePhone : p.mobile);
    phones.put("primary", p.mobile != null ? p.mobile : p.homePhone);
    phones.put("home", p.homePhone);
    phones.putNull("work");
    phones.put("mobile", p.mobile);
    ObjectNode emails = d.putObject("emails");
    emails.put("email", p.email);
    emails.put("primary", p.email);
    emails.put("home", p instanceof Employee ? null : p.email);
    emails.put("work", p instanceof Employee ? p.email : null);
    ObjectNode addresses = d.putObject("addresses");
    if (p.street != null) {
      ObjectNode home = addresses.putObject("home");
      home.put("house_number", p.houseNumber);
      home.putNull("house_name");
      home.put("street", p.street);
      home.put("town", p.town);
      home.putNull("county");
      home.put("postcode", p.postcode);
    } else {
      addresses.putNull("home");
    }
    addresses.putNull("work");
    addresses.putNull("postal");
    return d;
  }

  // ---------------------------------------------------------------- records

  public ObjectNode school(String domain, String schoolUrl) {
    SchoolData s = school;
    ObjectNode o = f.objectNode();
    o.put("id", s.id);
    o.put("name", s.name);
    o.put("establishment_number", s.establishmentNumber);
    o.put("urn", s.urn);
    o.put("phase_of_education", s.phase);
    o.put("la_code", s.laCode);
    o.put("timezone", "GBR".equals(s.regionCode) ? "Europe/London" : "Australia/Sydney");
    o.put("mis", s.mis);
    ObjectNode addr = o.putObject("address");
    addr.put("address_line_1", s.addressLine1);
    addr.putNull("address_line_2");
    addr.put("address_town", s.town);
    addr.put("address_postcode", s.postcode);
    ObjectNode country = addr.putObject("address_country");
    country.put("code", s.regionCode);
    country.put("name", "GBR".equals(s.regionCode) ? "England" : s.regionCode);
    ObjectNode ext = o.putObject("extended");
    ext.put("allows_writeback", false);
    ext.put("has_timetables", false);
    ext.put("has_lesson_attendance", false);
    ext.set("audit_approved_at", s.audited ? ts(s.createdAt) : NullNode.getInstance());
    ObjectNode region = o.putObject("region");
    region.put("code", s.regionCode);
    region.put("domain", domain);
    region.put("school_url", schoolUrl);
    ObjectNode idents = region.putObject("identifiers");
    idents.put("la_code", s.laCode);
    idents.put("establishment_number", s.establishmentNumber);
    idents.put("urn", s.urn);
    return o;
  }

  public ObjectNode student(Student s, Includes inc) {
    ObjectNode o = f.objectNode();
    personFields(o, s);
    o.putNull("gender_identity");
    o.set("date_of_birth", date(s.dateOfBirth, v.dateOfBirth()));
    stamps(o, s);
    boolean current = s.isCurrent();
    if (inc.has("education_details")) {
      ObjectNode d = f.objectNode();
      d.put("admission_number", s.admissionNumber);
      d.put("upn", s.upn);
      d.putNull("local_upn");
      d.put("former_upn", s.formerUpn);
      d.putNull("learner_number");
      d.put("current_nc_year", s.ncYear);
      d.put("part_time", false);
      d.putNull("part_time_rate");
      d.set("admission_date", date(s.admissionDate, v.educationDates()));
      d.set("leaving_date", date(s.leavingDate, v.educationDates()));
      o.set("education_details", f.objectNode().set("data", d));
    }
    if (inc.has("contact_details")) {
      o.set("contact_details", f.objectNode().set("data", contactDetails(s)));
    }
    if (inc.has("extended_details")) {
      ObjectNode d = f.objectNode();
      d.put("sen_status", s.senStatus);
      d.put("free_school_meals", s.freeSchoolMeals);
      d.put("premium_pupil_indicator", s.freeSchoolMeals);
      d.putNull("english_as_additional_language_status");
      d.putNull("first_language");
      d.putNull("home_language");
      o.set("extended_details", f.objectNode().set("data", d));
    }
    for (String[] single :
        new String[][] {
          {"year", SchoolData.YEAR},
          {"house", SchoolData.HOUSE},
          {"registration", SchoolData.REGISTRATION},
          {"boarding", "BOARDING"},
          {"campus", "CAMPUS"}
        }) {
      if (inc.has(single[0])) {
        Group g = current ? s.group(single[1]).filter(Model.Entity::isCurrent).orElse(null) : null;
        one(o, single[0], g == null ? null : group(g, inc.get(single[0])));
      }
    }
    if (inc.has("groups")) {
      ArrayNode arr = many(o, "groups");
      if (current) {
        for (Group g : s.groups) {
          if (g.isCurrent()) {
            arr.add(group(g, inc.get("groups")));
          }
        }
      }
    }
    if (inc.has("classes")) {
      ArrayNode arr = many(o, "classes");
      if (current) {
        for (TeachingClass c : s.classes) {
          if (c.isCurrent()) {
            arr.add(teachingClass(c, inc.get("classes"), null));
          }
        }
      }
    }
    if (inc.has("contacts")) {
      ArrayNode arr = many(o, "contacts");
      for (GuardianLink l : s.guardians) {
        if (l.contact.isCurrent()) {
          arr.add(contact(l.contact, inc.get("contacts"), l));
        }
      }
    }
    return o;
  }

  JsonNode relationship(GuardianLink l) {
    if (v.relationship() == WireVariants.RelationshipStyle.STRING) {
      return f.textNode(l.relationship);
    }
    ObjectNode r = f.objectNode();
    r.put("relationship", l.relationship);
    r.put("parental_responsibility", l.parentalResponsibility);
    r.put("priority", l.priority);
    r.put("lives_with_pupil", l.livesWithPupil);
    r.put("bill_payer", l.billPayer);
    // the further flags real relationship objects carry
    r.put("court_order", l.courtOrder);
    r.put("email_bills", l.billPayer);
    r.put("copy_bills", false);
    r.put("correspondence", l.parentalResponsibility);
    r.put("pupil_report", l.parentalResponsibility);
    return r;
  }

  public ObjectNode contact(Contact c, Includes inc, @Nullable GuardianLink link) {
    ObjectNode o = f.objectNode();
    personFields(o, c);
    o.set("date_of_birth", date(c.dateOfBirth, v.dateOfBirth()));
    if (link != null) {
      o.set("relationship", relationship(link));
    }
    stamps(o, c);
    if (inc.has("contact_details")) {
      o.set("contact_details", f.objectNode().set("data", contactDetails(c)));
    }
    if (inc.has("students")) {
      ArrayNode arr = many(o, "students");
      for (Student s : c.students) {
        if (s.isCurrent()) {
          ObjectNode so = student(s, inc.get("students"));
          s.link(c).ifPresent(l -> so.set("relationship", relationship(l)));
          arr.add(so);
        }
      }
    }
    return o;
  }

  public ObjectNode employee(Employee e, Includes inc, @Nullable TeacherRole pivot) {
    ObjectNode o = f.objectNode();
    personFields(o, e);
    o.set("date_of_birth", date(e.dateOfBirth, v.dateOfBirth()));
    stamps(o, e);
    if (pivot != null) {
      o.set("meta", pivot(pivot));
    }
    if (inc.has("contact_details")) {
      o.set("contact_details", f.objectNode().set("data", contactDetails(e)));
    }
    if (inc.has("employment_details")) {
      ObjectNode d = f.objectNode();
      d.put("current", e.isCurrent());
      d.put("teaching_staff", e.teachingStaff);
      d.set(
          "employment_start_date", date(e.employmentStart, WireVariants.DateStyle.DATETIME_OBJECT));
      d.set("employment_end_date", date(e.employmentEnd, WireVariants.DateStyle.DATETIME_OBJECT));
      d.put("role_text", e.roleText);
      o.set("employment_details", f.objectNode().set("data", d));
    }
    if (inc.has("classes")) {
      ArrayNode arr = many(o, "classes");
      if (e.isCurrent()) {
        for (TeachingClass c : school.classes.values()) {
          TeacherRole r = c.teachers.get(e);
          if (r != null && c.isCurrent()) {
            arr.add(teachingClass(c, inc.get("classes"), r));
          }
        }
      }
    }
    if (inc.has("groups")) {
      ArrayNode arr = many(o, "groups");
      if (e.isCurrent()) {
        for (Group g : school.groups.values()) {
          if (g.isCurrent() && g.employees.contains(e)) {
            arr.add(group(g, inc.get("groups")));
          }
        }
      }
    }
    return o;
  }

  private ObjectNode pivot(TeacherRole r) {
    ObjectNode m = f.objectNode();
    m.put("is_main_teacher", r.mainTeacher);
    m.put("is_class_teacher", true);
    m.put("role", r.role);
    ArrayNode all = m.putArray("all_roles");
    all.add(r.role);
    if (r.mainTeacher) {
      all.add("Class Teacher");
    }
    return m;
  }

  public ObjectNode group(Group g, Includes inc) {
    ObjectNode o = f.objectNode();
    o.put("id", g.id);
    o.put("mis_id", g.misId);
    o.put("name", g.name);
    o.put("code", g.code);
    o.put("type", g.type);
    o.put("description", g.description);
    o.putNull("notes");
    stamps(o, g);
    if (inc.has("students")) {
      ArrayNode arr = many(o, "students");
      for (Student s : g.students) {
        if (s.isCurrent()) {
          arr.add(student(s, inc.get("students")));
        }
      }
    }
    if (inc.has("employees")) {
      ArrayNode arr = many(o, "employees");
      for (Employee e : g.employees) {
        if (e.isCurrent()) {
          arr.add(employee(e, inc.get("employees"), null));
        }
      }
    }
    return o;
  }

  public ObjectNode teachingClass(TeachingClass c, Includes inc, @Nullable TeacherRole pivot) {
    ObjectNode o = f.objectNode();
    o.put("id", c.id);
    o.put("mis_id", c.misId);
    o.put("name", c.name);
    o.put("code", c.code);
    o.put("description", c.description);
    if (inc.has("subject")) {
      one(o, "subject", c.subject.isCurrent() ? subject(c.subject, inc.get("subject")) : null);
    } else {
      o.put("subject", c.subject.id);
    }
    o.putNull("alternative");
    if (v.classYearFields()) {
      o.put("year_group", c.yearGroup);
      o.put("academic_year", Integer.toString(c.academicYear));
    } else {
      o.putNull("academic_year"); // real classes: no year_group, academic_year null
    }
    stamps(o, c);
    if (pivot != null) {
      o.set("meta", pivot(pivot));
    }
    if (inc.has("students")) {
      ArrayNode arr = many(o, "students");
      for (Student s : c.students) {
        if (s.isCurrent()) {
          arr.add(student(s, inc.get("students")));
        }
      }
    }
    if (inc.has("employees")) {
      ArrayNode arr = many(o, "employees");
      for (Map.Entry<Employee, TeacherRole> t : c.teachers.entrySet()) {
        if (t.getKey().isCurrent()) {
          arr.add(employee(t.getKey(), inc.get("employees"), t.getValue()));
        }
      }
    }
    return o;
  }

  public ObjectNode subject(Subject s, Includes inc) {
    ObjectNode o = f.objectNode();
    o.put("id", s.id);
    o.put("mis_id", s.misId);
    o.put("code", s.code);
    o.put("name", s.name);
    o.put("active", s.active);
    o.set("created_at", ts(s.createdAt));
    o.set("updated_at", ts(s.updatedAt));
    if (inc.has("classes")) {
      ArrayNode arr = many(o, "classes");
      for (TeachingClass c : school.classes.values()) {
        if (c.isCurrent() && c.subject == s) {
          arr.add(teachingClass(c, inc.get("classes"), null));
        }
      }
    }
    return o;
  }

  public ObjectNode deletion(Deletion d) {
    ObjectNode o = f.objectNode();
    o.put("type", d.wireType(v.leaverDeletionType()));
    o.put("id", d.id);
    o.put("mis_id", d.misId);
    o.set("deleted_at", ts(d.deletedAt));
    o.set("restored_at", ts(d.restoredAt));
    return o;
  }
}
