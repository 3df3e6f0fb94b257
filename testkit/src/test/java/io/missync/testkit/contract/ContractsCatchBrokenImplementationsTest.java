package io.missync.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.missync.core.model.PersonRef;
import io.missync.core.model.Relationship;
import io.missync.core.plan.AccountRef;
import io.missync.core.plan.CreateAccount;
import io.missync.core.plan.DeactivateAccount;
import io.missync.core.spi.ApplyRecord;
import io.missync.core.spi.AuditEvent;
import io.missync.core.spi.ChangeResult;
import io.missync.core.spi.ChangeSink;
import io.missync.core.spi.HeldPlan;
import io.missync.core.spi.SyncStateStore;
import io.missync.core.state.ProductGuardianLink;
import io.missync.core.state.StateUpdate;
import io.missync.core.state.TargetState;
import io.missync.core.store.InMemorySyncStateStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Each contract clause fails for an implementation that breaks it: the contract has teeth. */
class ContractsCatchBrokenImplementationsTest {

  private static SyncStateStoreContract contractOver(
      Function<SyncStateStore, SyncStateStore> breaker) {
    SyncStateStore broken = breaker.apply(new InMemorySyncStateStore());
    return () -> broken;
  }

  @Test
  void aStoreThatIgnoresTheExpectedVersionFails() {
    SyncStateStoreContract c =
        contractOver(
            s ->
                new ForwardingSyncStateStore(s) {
                  @Override
                  public long commit(String school, long expected, StateUpdate u) {
                    return delegate.commit(school, delegate.load(school).version(), u);
                  }
                });
    assertThrows(AssertionFailedError.class, c::aCommitFromAStaleVersionThrowsAndChangesNothing);
    assertThrows(AssertionFailedError.class, c::ofConcurrentCommitsFromOneVersionExactlyOneWins);
  }

  @Test
  void aStoreThatLosesUpdatesFails() {
    SyncStateStoreContract c =
        contractOver(
            s ->
                new ForwardingSyncStateStore(s) {
                  @Override
                  public TargetState load(String school) {
                    TargetState t = delegate.load(school);
                    // forgets the last account it was given
                    return t.accounts().isEmpty()
                        ? t
                        : t.toBuilder(t.version())
                            .removeAccount(t.accounts().get(t.accounts().size() - 1).accountId())
                            .build();
                  }
                });
    assertThrows(AssertionFailedError.class, c::everyFieldOfAccountsGroupsAndLinksRoundTrips);
    assertThrows(AssertionFailedError.class, c::everyCommitRaisesTheVersionByOneWithItsUpdate);
  }

  @Test
  void aStoreThatForgetsUnfinishedAppliesFails() {
    SyncStateStoreContract c =
        contractOver(
            s ->
                new ForwardingSyncStateStore(s) {
                  @Override
                  public List<ApplyRecord> unfinishedApplies(String school) {
                    return List.of();
                  }
                });
    assertThrows(AssertionFailedError.class, c::anApplyBegunIsUnfinishedUntilFinishedOldestFirst);
    assertThrows(
        AssertionFailedError.class, c::anUnfinishedApplyIsRememberedByAFreshStoreOverTheSameData);
  }

  @Test
  void aStoreListingHeldPlansOldestFirstOrAuditUnlimitedFails() {
    SyncStateStoreContract held =
        contractOver(
            s ->
                new ForwardingSyncStateStore(s) {
                  @Override
                  public List<HeldPlan> heldPlans(String school) {
                    List<HeldPlan> l = new ArrayList<>(delegate.heldPlans(school));
                    java.util.Collections.reverse(l);
                    return l;
                  }
                });
    assertThrows(AssertionFailedError.class, held::heldPlansAreStoredListedNewestFirstAndDecided);
    SyncStateStoreContract audit =
        contractOver(
            s ->
                new ForwardingSyncStateStore(s) {
                  @Override
                  public List<AuditEvent> audit(String school, int limit) {
                    return delegate.audit(school, Integer.MAX_VALUE);
                  }
                });
    assertThrows(AssertionFailedError.class, audit::auditIsNewestFirstWithALimit);
  }

  @Test
  void aStoreWithoutLockingLosesConcurrentUpdates() {
    // an unsynchronised check-then-act store: the stale check and the write are not atomic
    SyncStateStoreContract c =
        () ->
            new ForwardingSyncStateStore(new InMemorySyncStateStore()) {
              private final Map<String, TargetState> states = new HashMap<>();

              @Override
              public TargetState load(String school) {
                synchronized (states) {
                  return states.getOrDefault(school, TargetState.empty(school));
                }
              }

              @Override
              public long commit(String school, long expected, StateUpdate u) {
                TargetState now = load(school);
                if (now.version() != expected) {
                  throw new io.missync.core.spi.StaleStateException(
                      school, expected, now.version());
                }
                Thread.yield();
                try {
                  Thread.sleep(2);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                TargetState next = now.apply(u, expected + 1);
                synchronized (states) {
                  states.put(school, next);
                }
                return expected + 1;
              }
            };
    assertThrows(AssertionFailedError.class, c::ofConcurrentCommitsFromOneVersionExactlyOneWins);
  }

  @Test
  void theHistoryPropertyCatchesAStoreThatIgnoresLinkRemovals() {
    SyncStateStoreContract c =
        contractOver(
            s ->
                new ForwardingSyncStateStore(s) {
                  @Override
                  public long commit(String school, long expected, StateUpdate u) {
                    return delegate.commit(
                        school,
                        expected,
                        new StateUpdate(
                            u.accounts(),
                            u.removedAccounts(),
                            u.groups(),
                            u.removedGroups(),
                            u.guardianLinks(),
                            List.of()));
                  }
                });
    ProductGuardianLink link = new ProductGuardianLink("acc-1", "acc-2", Relationship.MOTHER, true);
    List<SyncStateStoreContract.Step> history =
        List.of(
            new SyncStateStoreContract.Step(StateUpdate.link(link), false),
            new SyncStateStoreContract.Step(StateUpdate.unlink(link.key()), false));
    assertThrows(
        AssertionFailedError.class,
        () -> c.theStoreAgreesWithApplyingTheSameUpdatesInMemory(history));
    // and the same history passes against the reference
    SyncStateStore reference = new InMemorySyncStateStore();
    SyncStateStoreContract ok = () -> reference;
    ok.theStoreAgreesWithApplyingTheSameUpdatesInMemory(history);
  }

  @Test
  void aSinkThatCreatesTwiceOrDoesNotDeactivateFails() {
    ChangeSinkContract duplicating =
        new ChangeSinkContract() {
          private final Map<ChangeSink, InMemoryChangeSink> reals = new HashMap<>();

          @Override
          public ChangeSink newSink() {
            InMemoryChangeSink real = new InMemoryChangeSink();
            int[] n = {0};
            ChangeSink s =
                (context, change) -> {
                  if (change instanceof CreateAccount c) {
                    // a fresh MIS id each time: the product makes a second account
                    PersonRef p = c.account().person();
                    return real.apply(
                        context,
                        new CreateAccount(
                            AccountRef.pending(new PersonRef(p.type(), p.id() + "#" + n[0]++)),
                            c.fields(),
                            c.username(),
                            c.passwordPolicy(),
                            null,
                            c.reason()));
                  }
                  return real.apply(context, change);
                };
            reals.put(s, real);
            return s;
          }

          @Override
          public ProductProbe probe(ChangeSink sink) {
            return reals.get(sink);
          }
        };
    assertThrows(
        AssertionFailedError.class, duplicating::creatingTheSameAccountTwiceCreatesOneAccount);

    ChangeSinkContract neverDeactivates =
        new ChangeSinkContract() {
          private final Map<ChangeSink, InMemoryChangeSink> reals = new HashMap<>();

          @Override
          public ChangeSink newSink() {
            InMemoryChangeSink real = new InMemoryChangeSink();
            ChangeSink s =
                (context, change) ->
                    change instanceof DeactivateAccount
                        ? ChangeResult.applied()
                        : real.apply(context, change);
            reals.put(s, real);
            return s;
          }

          @Override
          public ProductProbe probe(ChangeSink sink) {
            return reals.get(sink);
          }
        };
    assertThrows(
        AssertionFailedError.class,
        neverDeactivates::aDeactivatedAccountCanNoLongerSignInAndAReactivatedOneCan);
  }
}
