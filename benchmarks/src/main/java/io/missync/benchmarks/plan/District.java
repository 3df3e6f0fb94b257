package io.missync.benchmarks.plan;

import io.missync.core.EntityType;
import io.missync.core.credentials.CohortCredentialPolicy;
import io.missync.core.credentials.PasswordGenerators;
import io.missync.core.credentials.UsernameTemplate;
import io.missync.core.model.Contact;
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
import io.missync.core.plan.Change;
import io.missync.core.plan.CreateAccount;
import io.missync.core.plan.CreateGroup;
import io.missync.core.plan.JoinGroup;
import io.missync.core.plan.LinkGuardian;
import io.missync.core.plan.Plan;
import io.missync.core.spi.CredentialPolicy;
import io.missync.core.state.Account;
import io.missync.core.state.ProductGroup;
import io.missync.core.state.ProductGuardianLink;
import io.missync.core.state.TargetState;
import io.missync.reconcile.Planner;
import io.missync.reconcile.SyncPolicy;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * A synthetic district: {@code n} students in years 7 to 13, 2 contacts each, one member of staff
 * per 20 students, and per school of 1,000 students 7 year groups, 28 forms, 35 classes and 4
 * houses; each student is in 8 groups (year, form, 5 classes, house). The product state mirrors the
 * district (built directly from a first plan, without an applier), and {@link #churn} derives the
 * next snapshot: 2% of students leave, 2% join, 1% move form.
 */
final class District {
  static final LocalDate TODAY = LocalDate.of(2026, 1, 15);
  static final Clock CLOCK =
      Clock.fixed(TODAY.atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
  private static final String[] FORENAMES = {
    "Amelia", "Oliver", "Isla", "George", "Ava", "Noah", "Zoe", "Arthur", "Chloe", "Jack"
  };
  private static final String[] SURNAMES = {
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Patel", "Khan", "Nowak", "Davies", "Evans"
  };
  private static final String[] SYLLABLES = {
    "ka", "ro", "mi", "len", "dor", "sa", "vi", "ton", "bel", "ra", "no", "well", "fi", "gan",
    "ash", "by", "ley", "mor", "ett", "son"
  };
  private static final String[] SUBJECTS = {"Maths", "English", "Science", "History", "Art"};

  private District() {}

  static CredentialPolicy credentials() {
    return CohortCredentialPolicy.builder()
        .defaults(UsernameTemplate.initialSurname(), PasswordGenerators.randomText(10))
        .build();
  }

  static Planner planner() {
    return new Planner(SyncPolicy.defaults(), credentials(), CLOCK);
  }

  /** A surname from 10 common roots and 8,000 endings, so usernames rarely collide. */
  private static String surname(Random r) {
    return SURNAMES[r.nextInt(10)]
        + SYLLABLES[r.nextInt(20)]
        + SYLLABLES[r.nextInt(20)]
        + SYLLABLES[r.nextInt(20)];
  }

  private static String forename(Random r) {
    return FORENAMES[r.nextInt(10)] + SYLLABLES[r.nextInt(20)];
  }

  private static String upn(long n) {
    return "A" + String.format(Locale.ROOT, "%011d", n) + "0";
  }

  static MisSnapshot build(int students, long seed) {
    Random r = new Random(seed);
    MisSnapshot.Builder b =
        MisSnapshot.builder(
            new SourceInfo(
                "district", "synthetic", "SIMS", TODAY.atStartOfDay().toInstant(ZoneOffset.UTC)));
    int schools = Math.max(1, students / 1000);
    for (int sc = 0; sc < schools; sc++) {
      for (int y = 7; y <= 13; y++) {
        b.addGroup(
            Group.builder().id("s" + sc + "-Y" + y).kind(GroupKind.YEAR).name("Year " + y).build());
        for (int f = 0; f < 4; f++) {
          b.addGroup(
              Group.builder()
                  .id("s" + sc + "-F" + y + f)
                  .kind(GroupKind.REGISTRATION)
                  .name(y + "" + (char) ('A' + f))
                  .build());
        }
        for (String subj : SUBJECTS) {
          b.addGroup(
              Group.builder()
                  .id("s" + sc + "-C" + y + subj)
                  .kind(GroupKind.CLASS)
                  .name(y + " " + subj)
                  .subject(subj)
                  .build());
        }
      }
      for (int h = 0; h < 4; h++) {
        b.addGroup(
            Group.builder()
                .id("s" + sc + "-H" + h)
                .kind(GroupKind.HOUSE)
                .name("House " + h)
                .build());
      }
    }
    for (int i = 0; i < students; i++) {
      addStudent(b, "S" + i, i, schools, r);
    }
    for (int t = 0; t < students / 20; t++) {
      StaffMember s =
          StaffMember.builder()
              .id("T" + t)
              .legalName(forename(r), surname(r))
              .email("staff" + t + "@district.example.org")
              .staffCode("T" + t)
              .build();
      b.addStaff(s);
      int sc = t % schools;
      b.addMembership(
          Membership.of(
              "s" + sc + "-F" + (7 + r.nextInt(7)) + r.nextInt(4),
              s.ref(),
              MembershipRole.MAIN_TEACHER));
    }
    b.allComplete();
    return b.build();
  }

  private static void addStudent(MisSnapshot.Builder b, String id, long n, int schools, Random r) {
    int sc = r.nextInt(schools);
    int y = 7 + r.nextInt(7);
    String surname = surname(r);
    Student s =
        Student.builder()
            .id(id)
            .legalName(forename(r), surname)
            .upn(upn(n))
            .yearGroup("Y" + y)
            .dateOfBirth(LocalDate.of(2020 - y, 1 + r.nextInt(12), 1 + r.nextInt(28)))
            .build();
    b.addStudent(s);
    PersonRef ref = s.ref();
    b.addMembership(Membership.of("s" + sc + "-Y" + y, ref, MembershipRole.MEMBER));
    b.addMembership(Membership.of("s" + sc + "-F" + y + r.nextInt(4), ref, MembershipRole.MEMBER));
    for (String subj : SUBJECTS) {
      b.addMembership(Membership.of("s" + sc + "-C" + y + subj, ref, MembershipRole.MEMBER));
    }
    b.addMembership(Membership.of("s" + sc + "-H" + r.nextInt(4), ref, MembershipRole.MEMBER));
    for (int c = 0; c < 2; c++) {
      Contact contact =
          Contact.builder()
              .id("C" + id + "-" + c)
              .legalName(forename(r), surname)
              .email("p" + id.toLowerCase(Locale.ROOT) + c + "@home.example.net")
              .build();
      b.addContact(contact);
      b.addGuardianLink(
          GuardianLink.builder(contact.id(), id)
              .relationship(c == 0 ? Relationship.MOTHER : Relationship.FATHER)
              .parentalResponsibility(true)
              .priority(c + 1)
              .build());
    }
  }

  /** The next snapshot: 2% of students leave (with their contacts), 2% join, 1% move form. */
  static MisSnapshot churn(MisSnapshot s, int students, long seed) {
    Random r = new Random(seed);
    MisSnapshot.Builder b = s.toBuilder();
    int schools = Math.max(1, students / 1000);
    int leave = students / 50;
    java.util.Set<String> gone = new java.util.HashSet<>();
    for (int i = 0; i < leave; i++) {
      String id = "S" + r.nextInt(students);
      if (gone.add(id)) {
        b.remove(PersonRef.student(id));
        b.remove(PersonRef.contact("C" + id + "-0"));
        b.remove(PersonRef.contact("C" + id + "-1"));
      }
    }
    b.removeMembershipsIf(m -> m.personType() == EntityType.STUDENT && gone.contains(m.personId()));
    b.removeGuardianLinksIf(l -> gone.contains(l.studentId()));
    for (int i = 0; i < students / 50; i++) {
      addStudent(b, "J" + i, 50_000_000L + i, schools, r);
    }
    java.util.Set<String> movers = new java.util.HashSet<>();
    for (int i = 0; i < students / 100; i++) {
      String id = "S" + r.nextInt(students);
      if (!gone.contains(id)) {
        movers.add(id);
      }
    }
    Map<String, String> newForm = new HashMap<>();
    b.removeMembershipsIf(
        m -> {
          if (m.personType() == EntityType.STUDENT
              && movers.contains(m.personId())
              && m.groupId().contains("-F")) {
            String g = m.groupId();
            char f = g.charAt(g.length() - 1);
            newForm.put(
                m.personId(), g.substring(0, g.length() - 1) + (char) ('0' + ((f - '0' + 1) % 4)));
            return true;
          }
          return false;
        });
    newForm.forEach(
        (id, g) -> b.addMembership(Membership.of(g, PersonRef.student(id), MembershipRole.MEMBER)));
    return b.build();
  }

  /** The product state after a first sync of {@code s}, built straight from the first plan. */
  static TargetState mirror(MisSnapshot s) {
    Plan first = planner().plan(TargetState.empty("district"), s);
    Map<String, String> groupIds = new HashMap<>();
    Map<PersonRef, Account.Builder> accounts = new LinkedHashMap<>();
    TargetState.Builder t = TargetState.builder("district", 1);
    int seq = 0;
    for (Change c : first.changes()) {
      if (c instanceof CreateGroup g) {
        String id = "g" + (seq++);
        groupIds.put(g.group().sourceGroupId(), id);
        t.putGroup(
            new ProductGroup(
                id, g.group().sourceGroupId(), g.groupKind(), g.name(), g.subject(), false));
      } else if (c instanceof CreateAccount a) {
        PersonRef p = a.account().person();
        Account.Builder ab =
            Account.builder("a" + (seq++), p.type())
                .link(p)
                .username(a.username())
                .credentialsIssued(true);
        a.fields().forEach(ab::field);
        accounts.put(p, ab);
      } else if (c instanceof JoinGroup j) {
        Objects.requireNonNull(accounts.get(j.account().person()))
            .group(Objects.requireNonNull(groupIds.get(j.group().sourceGroupId())), j.role());
      }
    }
    Map<PersonRef, String> ids = new HashMap<>();
    accounts.forEach(
        (p, ab) -> {
          Account a = ab.build();
          ids.put(p, a.accountId());
          t.putAccount(a);
        });
    for (Change c : first.changes()) {
      if (c instanceof LinkGuardian l) {
        t.putGuardianLink(
            new ProductGuardianLink(
                Objects.requireNonNull(ids.get(l.contact().person())),
                Objects.requireNonNull(ids.get(l.student().person())),
                l.relationship(),
                l.parentalResponsibility()));
      }
    }
    return t.build();
  }
}
