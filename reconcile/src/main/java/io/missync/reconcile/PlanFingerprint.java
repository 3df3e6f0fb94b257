package io.missync.reconcile;

import io.missync.core.model.PersonRef;
import io.missync.core.plan.AccountRef;
import io.missync.core.plan.ArchiveGroup;
import io.missync.core.plan.Change;
import io.missync.core.plan.ChangeVisitor;
import io.missync.core.plan.CreateAccount;
import io.missync.core.plan.CreateGroup;
import io.missync.core.plan.DeactivateAccount;
import io.missync.core.plan.DeleteAccount;
import io.missync.core.plan.FieldChange;
import io.missync.core.plan.GroupRef;
import io.missync.core.plan.JoinGroup;
import io.missync.core.plan.LeaveGroup;
import io.missync.core.plan.LinkGuardian;
import io.missync.core.plan.MoveAccount;
import io.missync.core.plan.ReactivateAccount;
import io.missync.core.plan.Reason;
import io.missync.core.plan.RekeyAccount;
import io.missync.core.plan.ReviewItem;
import io.missync.core.plan.UnlinkGuardian;
import io.missync.core.plan.UpdateAccount;
import io.missync.core.plan.UpdateGroup;
import io.missync.core.state.AccountField;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The content fingerprint of a plan: SHA-256 over a canonical rendering of the school, the state
 * version, the migration flag, every change (all fields, reason and evidence) and every review
 * item, each value length-prefixed so that no two renderings collide by concatenation.
 */
final class PlanFingerprint {
  private final MessageDigest digest;
  private final byte[] len = new byte[4];

  private PlanFingerprint() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  static String of(
      String schoolId,
      long version,
      boolean migrationAnnounced,
      List<Change> changes,
      List<ReviewItem> reviews) {
    return of(schoolId, version, migrationAnnounced, false, changes, reviews);
  }

  /**
   * The fingerprint; a migration in progress (from an earlier run) is rendered only when true, so
   * that plans outside one keep the ids they had before it was known.
   */
  static String of(
      String schoolId,
      long version,
      boolean migrationAnnounced,
      boolean migrationInProgress,
      List<Change> changes,
      List<ReviewItem> reviews) {
    return of(
        "missync-plan-v1",
        schoolId,
        version,
        migrationAnnounced,
        migrationInProgress,
        changes,
        reviews);
  }

  /** The fingerprint of the evidence-backed part of a plan: never equal to a whole plan's. */
  static String ofEvidenceBackedPart(String schoolId, long version, List<Change> changes) {
    return of(
        "missync-plan-v1/evidence-backed", schoolId, version, false, false, changes, List.of());
  }

  private static String of(
      String tag,
      String schoolId,
      long version,
      boolean migrationAnnounced,
      boolean migrationInProgress,
      List<Change> changes,
      List<ReviewItem> reviews) {
    PlanFingerprint f = new PlanFingerprint();
    f.put(tag).put(schoolId).put(Long.toString(version));
    f.put(Boolean.toString(migrationAnnounced));
    if (migrationInProgress) {
      f.put("migration-in-progress");
    }
    f.put(Integer.toString(changes.size()));
    Renderer r = f.new Renderer();
    for (Change c : changes) {
      f.put(c.kind().name());
      c.accept(r);
      f.reason(c.reason());
    }
    f.put(Integer.toString(reviews.size()));
    for (ReviewItem item : reviews) {
      if (item instanceof ReviewItem.PossibleDuplicate d) {
        f.put("possible-duplicate")
            .person(d.person())
            .put(d.accountId())
            .put(d.confidence().name());
      } else if (item instanceof ReviewItem.AmbiguousMatch a) {
        f.put("ambiguous").person(a.person()).put(Integer.toString(a.candidateAccountIds().size()));
        a.candidateAccountIds().forEach(f::put);
      } else if (item instanceof ReviewItem.DuplicateKey k) {
        f.put("duplicate-key")
            .put(k.entityType().name())
            .put(k.key())
            .put(Integer.toString(k.people().size()));
        k.people().forEach(f::person);
      } else {
        ReviewItem.RejectedRow row = (ReviewItem.RejectedRow) item;
        f.put("rejected")
            .put(row.type().map(Enum::name).orElse("-"))
            .put(row.location())
            .put(row.message());
      }
      f.reason(item.reason());
    }
    byte[] h = f.digest.digest();
    StringBuilder sb = new StringBuilder(h.length * 2);
    for (byte b : h) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }

  private PlanFingerprint put(@Nullable String s) {
    if (s == null) {
      len[0] = len[1] = len[2] = len[3] = (byte) 0xff;
      digest.update(len);
      return this;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int n = b.length;
    len[0] = (byte) (n >>> 24);
    len[1] = (byte) (n >>> 16);
    len[2] = (byte) (n >>> 8);
    len[3] = (byte) n;
    digest.update(len);
    digest.update(b);
    return this;
  }

  private PlanFingerprint person(@Nullable PersonRef p) {
    return p == null ? put(null) : put(p.type().name()).put(p.id());
  }

  private PlanFingerprint account(AccountRef a) {
    return person(a.person()).put(a.accountId());
  }

  private PlanFingerprint group(GroupRef g) {
    return put(g.sourceGroupId()).put(g.productGroupId());
  }

  private void reason(Reason r) {
    put(r.code().name());
    Map<String, String> facts = r.evidence().facts();
    put(Integer.toString(facts.size()));
    facts.forEach((k, v) -> put(k).put(v));
  }

  private final class Renderer implements ChangeVisitor<Boolean> {
    @Override
    public Boolean createAccount(CreateAccount c) {
      account(c.account()).put(c.username()).put(c.passwordPolicy());
      TreeMap<AccountField, String> sorted = new TreeMap<>(c.fields());
      put(Integer.toString(sorted.size()));
      sorted.forEach((k, v) -> put(k.name()).put(v));
      return true;
    }

    @Override
    public Boolean updateAccount(UpdateAccount c) {
      account(c.account()).put(Integer.toString(c.changes().size()));
      for (FieldChange fc : c.changes()) {
        put(fc.field().name()).put(fc.from()).put(fc.to());
      }
      return true;
    }

    @Override
    public Boolean moveAccount(MoveAccount c) {
      account(c.account()).group(c.from()).group(c.to()).put(c.role().name());
      return true;
    }

    @Override
    public Boolean joinGroup(JoinGroup c) {
      account(c.account()).group(c.group()).put(c.role().name());
      return true;
    }

    @Override
    public Boolean leaveGroup(LeaveGroup c) {
      account(c.account()).group(c.group());
      return true;
    }

    @Override
    public Boolean deactivateAccount(DeactivateAccount c) {
      account(c.account());
      return true;
    }

    @Override
    public Boolean reactivateAccount(ReactivateAccount c) {
      account(c.account());
      return true;
    }

    @Override
    public Boolean deleteAccount(DeleteAccount c) {
      account(c.account());
      return true;
    }

    @Override
    public Boolean rekeyAccount(RekeyAccount c) {
      put(c.accountId()).person(c.previous()).person(c.next()).put(c.confidence().name());
      return true;
    }

    @Override
    public Boolean linkGuardian(LinkGuardian c) {
      account(c.contact()).account(c.student()).put(c.relationship().value());
      put(Boolean.toString(c.parentalResponsibility())).put(Integer.toString(c.priority()));
      return true;
    }

    @Override
    public Boolean unlinkGuardian(UnlinkGuardian c) {
      account(c.contact()).account(c.student());
      return true;
    }

    @Override
    public Boolean createGroup(CreateGroup c) {
      group(c.group()).put(c.groupKind().name()).put(c.name()).put(c.subject());
      return true;
    }

    @Override
    public Boolean updateGroup(UpdateGroup c) {
      group(c.group()).put(c.groupKind().name()).put(c.name()).put(c.subject());
      return true;
    }

    @Override
    public Boolean archiveGroup(ArchiveGroup c) {
      group(c.group());
      return true;
    }
  }
}
