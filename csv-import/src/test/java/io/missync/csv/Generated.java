package io.missync.csv;

import io.missync.core.model.Contact;
import io.missync.core.model.Gender;
import io.missync.core.model.Group;
import io.missync.core.model.GroupKind;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.Membership;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.model.SourceInfo;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random snapshots restricted to what one format can carry (see {@link CsvExporter} and the
 * writers' notes on what each format loses). Names include commas, quotes, apostrophes, accents,
 * line breaks and leading formula characters, so quoting is exercised everywhere.
 */
final class Generated {
  private static final String[] NAME_PARTS = {
    "Anne",
    "O'Brien",
    "Zoë",
    "Smith, Jr",
    "\"Kit\"",
    "Ng",
    "Marie\nClaire",
    "=Eve",
    "-Lee",
    "José",
    "Åsa",
    "de la Cruz",
    "X Æ",
    "Łukasz",
    "+Plus",
    "@At"
  };
  private static final Gender[] GENDERS = {
    Gender.MALE, Gender.FEMALE, Gender.OTHER, Gender.NOT_STATED
  };

  private Generated() {}

  static String name(Random r) {
    return NAME_PARTS[r.nextInt(NAME_PARTS.length)] + (r.nextBoolean() ? "" : " " + r.nextInt(99));
  }

  static LocalDate date(Random r, int fromYear, int years) {
    return LocalDate.of(fromYear, 1, 1).plusDays(r.nextInt(365 * years));
  }

  static String upn(Random r) {
    StringBuilder sb = new StringBuilder().append((char) ('A' + r.nextInt(26)));
    for (int i = 0; i < 12; i++) {
      sb.append(r.nextInt(10));
    }
    return sb.toString();
  }

  static MisSnapshot snapshot(CsvFormat f, Random r) {
    boolean oneRoster = f == CsvFormat.ONEROSTER_1_1 || f == CsvFormat.ONEROSTER_1_2;
    boolean classic = f == CsvFormat.SDS_CLASSIC_UK || f == CsvFormat.SDS_CLASSIC_US;
    boolean v21 = f == CsvFormat.SDS_V2_1;
    boolean template = f == CsvFormat.SCHOOL_TEMPLATE;
    // SDS files are written one record per line: a line break in a name becomes a space
    java.util.function.Function<Random, String> name =
        classic || v21 ? rr -> Generated.name(rr).replace('\n', ' ') : Generated::name;
    MisSnapshot.Builder b =
        MisSnapshot.builder(
                new SourceInfo(
                    "URN" + r.nextInt(1000), f.id(), null, Instant.parse("2026-11-22T10:00:00Z")))
            .allComplete();
    int students = r.nextInt(12);
    int staff = r.nextInt(5);
    int contacts = r.nextInt(6);
    List<String> groupIds = new ArrayList<>();
    List<String> studentIds = new ArrayList<>();
    List<String> staffIds = new ArrayList<>();
    // template groups are derived from the people, so they are built from the people below
    if (!template) {
      int groups = r.nextInt(6);
      for (int i = 0; i < groups; i++) {
        boolean reg = oneRoster && r.nextInt(3) == 0;
        Group.Builder g =
            Group.builder()
                .id("G" + i)
                .kind(reg ? GroupKind.REGISTRATION : GroupKind.CLASS)
                .name(name.apply(r))
                .code(r.nextBoolean() ? "C" + i : null);
        if (!reg && r.nextBoolean()) {
          g.subject(r.nextBoolean() ? "Maths" : "Art & \"Design\"");
        }
        if (oneRoster) {
          g.sourceType(reg ? "homeroom" : "scheduled");
          g.yearGroup(r.nextBoolean() ? Integer.toString(7 + r.nextInt(7)) : null);
          // effective dates travel as academic sessions; an undated group is written in the
          // school year's session, so every group here has dates (a term or the school year)
          if (r.nextBoolean()) {
            LocalDate from = date(r, 2026, 1);
            g.effectiveFrom(from).effectiveTo(from.plusDays(r.nextInt(120)));
          } else {
            g.effectiveFrom(LocalDate.of(2026, 9, 1)).effectiveTo(LocalDate.of(2027, 8, 31));
          }
        }
        b.addGroup(g.build());
        groupIds.add("G" + i);
      }
    }
    Set<String> templateGroups = new HashSet<>();
    for (int i = 0; i < students; i++) {
      String id = "S" + i;
      String year = r.nextInt(4) == 0 ? null : Integer.toString(7 + r.nextInt(7));
      Student.Builder s =
          Student.builder()
              .id(id)
              .legalName(name.apply(r), name.apply(r))
              .yearGroup(year)
              .email(r.nextBoolean() ? "s" + i + "@school.example" : null)
              .dateOfBirth(r.nextBoolean() ? date(r, 2008, 10) : null)
              .attribute("username", r.nextBoolean() ? "user" + i : null);
      if (!classic) {
        s.gender(r.nextBoolean() ? GENDERS[r.nextInt(GENDERS.length)] : null);
      }
      if (oneRoster || classic) {
        s.middleNames(r.nextBoolean() ? name.apply(r) : null);
      }
      if (f == CsvFormat.ONEROSTER_1_2) {
        s.preferredName(
            r.nextBoolean() ? name.apply(r) : null, r.nextBoolean() ? name.apply(r) : null);
      }
      if (oneRoster) {
        s.misId(r.nextBoolean() ? "MIS" + i : null)
            .attribute("userId:LDAP", r.nextBoolean() ? "ldap" + i : null)
            .attribute("enabledUser", r.nextInt(5) == 0 ? "false" : null);
      }
      if (classic) {
        s.admissionNumber(r.nextBoolean() ? "A" + i : null);
      }
      if (v21) {
        s.attribute("flags", r.nextBoolean() ? (r.nextBoolean() ? "iep" : "iep,freeLunch") : null)
            .attribute("ethnicityCodes", r.nextBoolean() ? "hispanicOrLatinoEthnicity" : null);
      }
      String cls = null;
      if (template) {
        s.upn(r.nextBoolean() ? upn(r) : null)
            .attribute("pupilPremium", r.nextBoolean() ? "Y" : null)
            .attribute("send", r.nextBoolean() ? "K" : null)
            .attribute("eal", r.nextBoolean() ? "N" : null)
            .attribute("ethnicityCode", r.nextBoolean() ? "WBRI" : null);
        cls = r.nextInt(3) == 0 ? null : (7 + r.nextInt(3)) + "" + (char) ('A' + r.nextInt(2));
      }
      b.addStudent(s.build());
      studentIds.add(id);
      if (template) {
        if (year != null) {
          addTemplateGroup(b, templateGroups, GroupKind.YEAR, year);
          b.addMembership(
              Membership.of("year:" + year, PersonRef.student(id), MembershipRole.MEMBER));
        }
        if (cls != null) {
          addTemplateGroup(b, templateGroups, GroupKind.REGISTRATION, cls);
          b.addMembership(
              Membership.of("class:" + cls, PersonRef.student(id), MembershipRole.MEMBER));
        }
      }
    }
    for (int i = 0; i < staff; i++) {
      String id = "T" + i;
      StaffMember.Builder s =
          StaffMember.builder()
              .id(id)
              .legalName(name.apply(r), name.apply(r))
              .email(r.nextBoolean() ? "t" + i + "@school.example" : null)
              .teaching(classic || r.nextBoolean())
              .attribute("username", r.nextBoolean() ? "staff" + i : null);
      if (!classic) {
        s.gender(r.nextBoolean() ? GENDERS[r.nextInt(GENDERS.length)] : null);
        s.dateOfBirth(r.nextBoolean() ? date(r, 1960, 40) : null);
      }
      if (classic || template) {
        s.staffCode(r.nextBoolean() ? "SC" + i : null)
            .jobTitle(r.nextBoolean() ? "Head of Art" : null);
      }
      if (oneRoster || classic) {
        s.middleNames(r.nextBoolean() ? name.apply(r) : null);
      }
      if (template) {
        s.dateOfBirth(null);
      }
      b.addStaff(s.build());
      staffIds.add(id);
      if (template && r.nextBoolean()) {
        String cls = (7 + r.nextInt(3)) + "" + (char) ('A' + r.nextInt(2));
        addTemplateGroup(b, templateGroups, GroupKind.REGISTRATION, cls);
        b.addMembership(Membership.of("class:" + cls, PersonRef.staff(id), MembershipRole.TEACHER));
      }
    }
    // memberships of explicit groups: each (group, person) pair at most once
    if (!template) {
      for (String g : groupIds) {
        for (String s : studentIds) {
          if (r.nextInt(3) == 0) {
            LocalDate from = oneRoster && r.nextBoolean() ? date(r, 2025, 1) : null;
            LocalDate to = from != null && r.nextBoolean() ? from.plusDays(200) : null;
            b.addMembership(
                Membership.of(g, PersonRef.student(s), MembershipRole.MEMBER, from, to));
          }
        }
        for (String t : staffIds) {
          if (r.nextInt(3) == 0) {
            MembershipRole role =
                oneRoster && r.nextBoolean() ? MembershipRole.MAIN_TEACHER : MembershipRole.TEACHER;
            b.addMembership(Membership.of(g, PersonRef.staff(t), role));
          }
        }
      }
    }
    java.util.Map<String, java.util.TreeSet<String>> agents = new java.util.LinkedHashMap<>();
    Relationship[] oneRosterRels = {
      Relationship.PARENT, Relationship.GUARDIAN, Relationship.of("Relative")
    };
    Relationship[] anyRels = {
      Relationship.MOTHER,
      Relationship.FATHER,
      Relationship.CARER,
      Relationship.GUARDIAN,
      Relationship.of("Step Father"),
      Relationship.of("Relative")
    };
    for (int i = 0; i < contacts; i++) {
      String id = "C" + i;
      // every contact has at least one link where the format identifies contacts by their links
      List<String> children = new ArrayList<>();
      for (String s : studentIds) {
        if (r.nextInt(4) == 0) {
          children.add(s);
        }
      }
      if (children.isEmpty() && (v21 || template || classic)) {
        if (studentIds.isEmpty()) {
          continue;
        }
        children.add(studentIds.get(r.nextInt(studentIds.size())));
      }
      Contact.Builder c =
          Contact.builder()
              .id(id)
              .legalName(name.apply(r), name.apply(r))
              .email(classic || r.nextBoolean() ? "c" + i + "@home.example" : null)
              .phone(r.nextBoolean() ? "+4477009000" + i : null);
      if (!template && !classic) {
        c.attribute("username", r.nextBoolean() ? "parent" + i : null);
        c.gender(r.nextBoolean() ? GENDERS[r.nextInt(GENDERS.length)] : null);
      }
      if (oneRoster) {
        c.middleNames(r.nextBoolean() ? name.apply(r) : null);
      }
      b.addContact(c.build());
      Relationship contactRel = oneRosterRels[r.nextInt(oneRosterRels.length)];
      for (String s : children) {
        GuardianLink.Builder l = GuardianLink.builder(id, s);
        if (oneRoster) {
          l.relationship(contactRel);
        } else {
          l.relationship(r.nextInt(5) == 0 ? null : anyRels[r.nextInt(anyRels.length)]);
        }
        if (template) {
          l.parentalResponsibility(r.nextBoolean())
              .priority(r.nextBoolean() ? 1 + r.nextInt(3) : null)
              .livesWithPupil(r.nextInt(3) == 0 ? null : r.nextBoolean());
        }
        b.addGuardianLink(l.build());
        agents.computeIfAbsent(s, k -> new java.util.TreeSet<>()).add(id);
        agents.computeIfAbsent(id, k -> new java.util.TreeSet<>()).add(s);
      }
    }
    if (oneRoster) {
      // the reader records each row's own agentSourcedIds; the writer lists links on both sides
      for (java.util.Map.Entry<String, java.util.TreeSet<String>> e : agents.entrySet()) {
        String v = String.join(",", e.getValue());
        io.missync.core.model.Person p =
            b.person(PersonRef.student(e.getKey()))
                .orElseGet(() -> b.person(PersonRef.contact(e.getKey())).orElseThrow());
        b.put(
            p instanceof Student st
                ? st.toBuilder().attribute("agentSourcedIds", v).build()
                : ((Contact) p).toBuilder().attribute("agentSourcedIds", v).build());
      }
    }
    return b.build();
  }

  private static void addTemplateGroup(
      MisSnapshot.Builder b, Set<String> seen, GroupKind kind, String value) {
    String id = (kind == GroupKind.YEAR ? "year:" : "class:") + value;
    if (seen.add(id)) {
      b.addGroup(
          Group.builder()
              .id(id)
              .kind(kind)
              .name(kind == GroupKind.YEAR ? "Year " + value : value)
              .yearGroup(kind == GroupKind.YEAR ? value : null)
              .build());
    }
  }
}
