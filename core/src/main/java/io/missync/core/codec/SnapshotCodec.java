package io.missync.core.codec;

import io.missync.core.EntityType;
import io.missync.core.model.Completeness;
import io.missync.core.model.Contact;
import io.missync.core.model.Gender;
import io.missync.core.model.Group;
import io.missync.core.model.GroupKind;
import io.missync.core.model.GuardianLink;
import io.missync.core.model.Membership;
import io.missync.core.model.MembershipRole;
import io.missync.core.model.MisSnapshot;
import io.missync.core.model.Person;
import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.model.SourceInfo;
import io.missync.core.model.StaffMember;
import io.missync.core.model.Student;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * Encodes a {@link MisSnapshot} as compact bytes and back, for stores that keep the snapshot an
 * incremental read builds on.
 *
 * <p>Format: the 4 bytes {@code MSNP}, one byte of format version ({@value #VERSION}), then a gzip
 * stream (its CRC-32 catches damage) of the source info, completeness, source counts, deletions,
 * people, groups, memberships and guardian links, in the snapshot's own order. Enum constants are
 * written by name, so reordering an enum never changes what a stored snapshot means.
 *
 * <p>A decoded snapshot has the same content ({@link MisSnapshot#sameContentAs}), the same source
 * info, source counts, deletions and record order as the one encoded; its problems are found again
 * when it is built, except repeats the source sent (a repeated membership or link is kept once, so
 * the repeat is not reported again).
 *
 * <p>{@link #decode} refuses bytes it cannot read with a {@link SnapshotCodecException}: it never
 * returns a partial snapshot.
 */
public final class SnapshotCodec {
  /** The format version {@link #encode} writes. */
  public static final int VERSION = 1;

  private static final byte[] MAGIC = {'M', 'S', 'N', 'P'};
  // a count larger than this is damage, not a school
  private static final int MAX_COUNT = 50_000_000;

  private SnapshotCodec() {}

  /** The snapshot as bytes in the current format version. */
  public static byte[] encode(MisSnapshot s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    bytes.writeBytes(MAGIC);
    bytes.write(VERSION);
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 1 << 16);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16))) {
      new Writer(out).snapshot(s);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  /**
   * The snapshot the bytes encode.
   *
   * @throws SnapshotCodecException if the bytes are not an encoded snapshot, are of an unknown
   *     format version, or are damaged
   */
  public static MisSnapshot decode(byte[] bytes) {
    if (bytes.length < MAGIC.length + 1) {
      throw new SnapshotCodecException("not an encoded snapshot: too short");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw new SnapshotCodecException("not an encoded snapshot: wrong header");
      }
    }
    int version = bytes[MAGIC.length] & 0xff;
    if (version != VERSION) {
      throw new SnapshotCodecException(
          "encoded snapshot has format version "
              + version
              + ", this library reads version "
              + VERSION);
    }
    InputStream raw =
        new ByteArrayInputStream(bytes, MAGIC.length + 1, bytes.length - MAGIC.length - 1);
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16))) {
      MisSnapshot s = new Reader(in).snapshot();
      if (in.read() != -1) {
        throw new SnapshotCodecException("encoded snapshot is damaged: data after its end");
      }
      return s;
    } catch (EOFException e) {
      throw new SnapshotCodecException("encoded snapshot is damaged: truncated", e);
    } catch (ZipException e) {
      throw new SnapshotCodecException("encoded snapshot is damaged: bad compressed data", e);
    } catch (IOException e) {
      throw new SnapshotCodecException("encoded snapshot is damaged", e);
    } catch (RuntimeException e) {
      if (e instanceof SnapshotCodecException) {
        throw e;
      }
      // a record that fails its own checks when rebuilt: the bytes were altered
      throw new SnapshotCodecException(
          "encoded snapshot is damaged: " + e.getClass().getSimpleName(), e);
    }
  }

  private static final class Writer {
    private final DataOutputStream out;

    Writer(DataOutputStream out) {
      this.out = out;
    }

    void snapshot(MisSnapshot s) throws IOException {
      SourceInfo src = s.source();
      str(src.schoolId());
      str(src.sourceKind());
      opt(src.misName());
      out.writeLong(src.capturedAt().getEpochSecond());
      out.writeInt(src.capturedAt().getNano());
      EntityType[] types = EntityType.values();
      count(types.length);
      for (EntityType t : types) {
        str(t.name());
        str(s.completeness(t).name());
        OptionalLong n = s.sourceCount(t);
        out.writeLong(n.isPresent() ? n.getAsLong() : -1);
      }
      count(s.deletedPeople().size());
      for (PersonRef r : s.deletedPeople()) {
        str(r.type().name());
        str(r.id());
      }
      count(s.students().size());
      for (Student p : s.students()) {
        person(p);
        opt(p.upn());
        opt(p.formerUpn());
        opt(p.yearGroup());
        opt(p.admissionNumber());
        date(p.admissionDate());
        date(p.leavingDate());
      }
      count(s.staff().size());
      for (StaffMember p : s.staff()) {
        person(p);
        opt(p.staffCode());
        opt(p.jobTitle());
        out.writeBoolean(p.teaching());
        date(p.employmentStart());
        date(p.employmentEnd());
      }
      count(s.contacts().size());
      for (Contact p : s.contacts()) {
        person(p);
        opt(p.phone());
      }
      count(s.groups().size());
      for (Group g : s.groups()) {
        str(g.id());
        str(g.kind().name());
        str(g.name());
        opt(g.code());
        opt(g.misId());
        opt(g.sourceType());
        opt(g.subject());
        opt(g.yearGroup());
        opt(g.academicYear());
        date(g.effectiveFrom());
        date(g.effectiveTo());
      }
      List<Membership> ms = s.memberships();
      List<Membership> loose = s.unresolvedMemberships();
      count(ms.size() + loose.size());
      for (Membership m : ms) {
        membership(m);
      }
      for (Membership m : loose) {
        membership(m);
      }
      List<GuardianLink> ls = s.guardianLinks();
      List<GuardianLink> looseLinks = s.unresolvedGuardianLinks();
      count(ls.size() + looseLinks.size());
      for (GuardianLink l : ls) {
        link(l);
      }
      for (GuardianLink l : looseLinks) {
        link(l);
      }
    }

    private void person(Person p) throws IOException {
      str(p.id());
      opt(p.misId());
      opt(p.upi());
      opt(p.title());
      opt(p.legalForename());
      opt(p.legalSurname());
      opt(p.preferredForename());
      opt(p.preferredSurname());
      opt(p.middleNames());
      opt(p.gender().map(Gender::value));
      date(p.dateOfBirth());
      opt(p.email());
      Map<String, String> attrs = p.attributes();
      count(attrs.size());
      for (Map.Entry<String, String> e : attrs.entrySet()) {
        str(e.getKey());
        str(e.getValue());
      }
    }

    private void membership(Membership m) throws IOException {
      str(m.groupId());
      str(m.personType().name());
      str(m.personId());
      str(m.role().name());
      date(m.effectiveFrom());
      date(m.effectiveTo());
    }

    private void link(GuardianLink l) throws IOException {
      str(l.contactId());
      str(l.studentId());
      str(l.relationship().value());
      out.writeBoolean(l.parentalResponsibility());
      OptionalInt p = l.priority();
      out.writeInt(p.isPresent() ? p.getAsInt() : 0);
      Optional<Boolean> lives = l.livesWithPupil();
      out.writeByte(lives.isEmpty() ? 2 : lives.get() ? 1 : 0);
    }

    private void count(int n) throws IOException {
      out.writeInt(n);
    }

    private void str(String s) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }

    private void opt(Optional<String> s) throws IOException {
      opt(s.orElse(null));
    }

    private void opt(@Nullable String s) throws IOException {
      if (s == null) {
        out.writeInt(-1);
      } else {
        str(s);
      }
    }

    private void date(Optional<LocalDate> d) throws IOException {
      out.writeBoolean(d.isPresent());
      if (d.isPresent()) {
        out.writeLong(d.get().toEpochDay());
      }
    }
  }

  private static final class Reader {
    private final DataInputStream in;

    Reader(DataInputStream in) {
      this.in = in;
    }

    MisSnapshot snapshot() throws IOException {
      String schoolId = str();
      String kind = str();
      String mis = opt();
      Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
      MisSnapshot.Builder b = MisSnapshot.builder(new SourceInfo(schoolId, kind, mis, at));
      int types = count();
      for (int i = 0; i < types; i++) {
        EntityType t = named(EntityType.class, str());
        b.completeness(t, named(Completeness.class, str()));
        long n = in.readLong();
        if (n >= 0) {
          b.sourceCount(t, n);
        }
      }
      List<PersonRef> deleted = new ArrayList<>();
      for (int i = count(); i > 0; i--) {
        deleted.add(new PersonRef(named(EntityType.class, str()), str()));
      }
      for (int i = count(); i > 0; i--) {
        Student.Builder p = person(Student.builder());
        p.upn(opt()).formerUpn(opt()).yearGroup(opt()).admissionNumber(opt());
        p.admissionDate(date()).leavingDate(date());
        b.addStudent(p.build());
      }
      for (int i = count(); i > 0; i--) {
        StaffMember.Builder p = person(StaffMember.builder());
        p.staffCode(opt()).jobTitle(opt()).teaching(in.readBoolean());
        p.employmentStart(date()).employmentEnd(date());
        b.addStaff(p.build());
      }
      for (int i = count(); i > 0; i--) {
        Contact.Builder p = person(Contact.builder());
        p.phone(opt());
        b.addContact(p.build());
      }
      for (int i = count(); i > 0; i--) {
        Group.Builder g = Group.builder().id(str()).kind(named(GroupKind.class, str())).name(str());
        g.code(opt()).misId(opt()).sourceType(opt()).subject(opt()).yearGroup(opt());
        g.academicYear(opt()).effectiveFrom(date()).effectiveTo(date());
        b.addGroup(g.build());
      }
      for (int i = count(); i > 0; i--) {
        String group = str();
        PersonRef who = new PersonRef(named(EntityType.class, str()), str());
        MembershipRole role = named(MembershipRole.class, str());
        b.addMembership(Membership.of(group, who, role, date(), date()));
      }
      for (int i = count(); i > 0; i--) {
        GuardianLink.Builder l = GuardianLink.builder(str(), str());
        l.relationship(Relationship.of(str()));
        l.parentalResponsibility(in.readBoolean());
        int priority = in.readInt();
        l.priority(priority == 0 ? null : priority);
        int lives = in.readByte();
        l.livesWithPupil(lives == 2 ? null : lives == 1);
        b.addGuardianLink(l.build());
      }
      for (PersonRef r : deleted) {
        b.markDeleted(r);
      }
      return b.build();
    }

    private <P extends Person, B extends Person.Builder<P, B>> B person(B p) throws IOException {
      p.id(str()).misId(opt()).upi(opt()).title(opt());
      String legalForename = opt();
      p.legalName(legalForename, opt());
      String preferredForename = opt();
      p.preferredName(preferredForename, opt());
      p.middleNames(opt());
      String gender = opt();
      p.gender(gender == null ? null : Gender.of(gender));
      p.dateOfBirth(date()).email(opt());
      for (int i = count(); i > 0; i--) {
        p.attribute(str(), str());
      }
      return p;
    }

    private int count() throws IOException {
      int n = in.readInt();
      if (n < 0 || n > MAX_COUNT) {
        throw new SnapshotCodecException("encoded snapshot is damaged: bad count");
      }
      return n;
    }

    private String str() throws IOException {
      String s = opt();
      if (s == null) {
        throw new SnapshotCodecException("encoded snapshot is damaged: missing text");
      }
      return s;
    }

    private @Nullable String opt() throws IOException {
      int n = in.readInt();
      if (n == -1) {
        return null;
      }
      if (n < 0 || n > MAX_COUNT) {
        throw new SnapshotCodecException("encoded snapshot is damaged: bad text length");
      }
      byte[] b = new byte[n];
      in.readFully(b);
      return new String(b, StandardCharsets.UTF_8);
    }

    private @Nullable LocalDate date() throws IOException {
      return in.readBoolean() ? LocalDate.ofEpochDay(in.readLong()) : null;
    }

    private static <E extends Enum<E>> E named(Class<E> type, String name) {
      try {
        return Enum.valueOf(type, name);
      } catch (IllegalArgumentException e) {
        throw new SnapshotCodecException(
            "encoded snapshot names an unknown " + type.getSimpleName() + " constant");
      }
    }
  }
}
