package io.missync.reconcile;

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
import io.missync.core.plan.ChangeKind;
import io.missync.core.plan.Plan;
import io.missync.core.plan.ReasonCode;
import io.missync.core.spi.ChangeContext;
import io.missync.core.spi.ChangeResult;
import io.missync.core.spi.ChangeSink;
import io.missync.core.spi.CredentialPolicy;
import io.missync.core.state.Account;
import io.missync.core.state.TargetState;
import io.missync.core.store.InMemorySyncStateStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Small fixtures for example-based tests. */
final class Fx {
  static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
  static final Clock CLOCK =
      Clock.fixed(TODAY.atTime(8, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
  static final String SCHOOL = "school-1";

  private Fx() {}

  static CredentialPolicy credentials() {
    return CohortCredentialPolicy.builder()
        .defaults(
            UsernameTemplate.initialSurname(),
            PasswordGenerators.randomText(
                "random-10", 10, PasswordGenerators.UNAMBIGUOUS_ALPHABET, new SecureRandom()))
        .studentsInYears(
            0, 2, UsernameTemplate.forenameSurnameInitial(), PasswordGenerators.picturePin(2))
        .build();
  }

  static Planner planner() {
    return planner(SyncPolicy.defaults());
  }

  static Planner planner(SyncPolicy policy) {
    return new Planner(policy, credentials(), CLOCK);
  }

  static Student.Builder student(String id, String forename, String surname) {
    return Student.builder()
        .id(id)
        .legalName(forename, surname)
        .yearGroup("Y6")
        .dateOfBirth(LocalDate.of(2015, 5, 1))
        .upn("A" + String.format("%011d", Math.abs(id.hashCode()) % 1_000_000_000L) + "0");
  }

  static StaffMember.Builder staff(String id, String forename, String surname) {
    return StaffMember.builder()
        .id(id)
        .legalName(forename, surname)
        .email(forename.toLowerCase() + "." + surname.toLowerCase() + "@school.example.org");
  }

  static Contact.Builder contact(String id, String forename, String surname) {
    return Contact.builder().id(id).legalName(forename, surname);
  }

  static GuardianLink link(String contact, String student) {
    return GuardianLink.builder(contact, student)
        .relationship(Relationship.MOTHER)
        .parentalResponsibility(true)
        .priority(1)
        .build();
  }

  static Group group(String id, GroupKind kind, String name) {
    Group.Builder b = Group.builder().id(id).kind(kind).name(name);
    if (kind == GroupKind.CLASS) {
      b.subject("Maths");
    }
    return b.build();
  }

  static Membership member(String group, String student) {
    return Membership.of(group, PersonRef.student(student), MembershipRole.MEMBER);
  }

  /** The builder without this person and their memberships and guardian links. */
  static MisSnapshot.Builder without(MisSnapshot.Builder b, PersonRef who) {
    return b.remove(who)
        .removeMembershipsIf(m -> m.person().equals(who))
        .removeGuardianLinksIf(
            l ->
                who.type() == EntityType.STUDENT
                    ? l.studentId().equals(who.id())
                    : who.type() == EntityType.CONTACT && l.contactId().equals(who.id()));
  }

  /** A product holding what a first sync of {@code s} gives it. */
  static Product provisioned(MisSnapshot s) {
    Product p = new Product();
    p.sync(s);
    return p;
  }

  static MisSnapshot.Builder snapshot() {
    return MisSnapshot.builder(
            new SourceInfo(SCHOOL, "test", "SIMS", Instant.parse("2026-03-10T07:00:00Z")))
        .allComplete();
  }

  /** A world in which plans can be applied: store + recording sink. */
  static final class Product {
    final InMemorySyncStateStore store = new InMemorySyncStateStore(CLOCK);
    final RecordingSink sink = new RecordingSink();
    final Planner planner;
    final Applier applier;

    Product() {
      this(SyncPolicy.defaults());
    }

    Product(SyncPolicy policy) {
      this.planner = planner(policy);
      this.applier = new Applier(store, sink, credentials(), CLOCK);
    }

    TargetState state() {
      return store.load(SCHOOL);
    }

    Plan sync(MisSnapshot s) {
      Plan p = planner.plan(state(), s);
      applier.apply(p);
      return p;
    }

    Account account(PersonRef p) {
      return state().accountFor(p).orElseThrow();
    }
  }

  /** A sink that records every change and assigns ids. */
  static class RecordingSink implements ChangeSink {
    final List<Change> received = new ArrayList<>();
    int seq;
    Consumer<Change> spy = c -> {};

    @Override
    public ChangeResult apply(ChangeContext context, Change change) {
      spy.accept(change);
      received.add(change);
      if (change.kind() == ChangeKind.CREATE_ACCOUNT) {
        return ChangeResult.created("acc-" + (++seq));
      }
      if (change.kind() == ChangeKind.CREATE_GROUP) {
        return ChangeResult.created("grp-" + (++seq));
      }
      return ChangeResult.applied();
    }
  }

  static List<Change> of(Plan p, ChangeKind kind) {
    return p.changes().stream().filter(c -> c.kind() == kind).collect(Collectors.toList());
  }

  static List<ReasonCode> codes(Plan p, ChangeKind kind) {
    return of(p, kind).stream().map(c -> c.reason().code()).collect(Collectors.toList());
  }

  static List<ChangeKind> kinds(Plan p) {
    return p.changes().stream().map(Change::kind).collect(Collectors.toList());
  }

  static EntityType[] people() {
    return new EntityType[] {EntityType.STUDENT, EntityType.STAFF, EntityType.CONTACT};
  }
}
