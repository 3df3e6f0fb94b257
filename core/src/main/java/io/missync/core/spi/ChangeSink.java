package io.missync.core.spi;

import io.missync.core.plan.Change;

/**
 * The vendor's adapter: applies one change to the product. Each call says which school, plan and
 * place in the plan the change belongs to ({@link ChangeContext}), so one sink serves every school
 * of a trust.
 *
 * <p>Contract (proved by the contract test in missync-testkit):
 *
 * <ul>
 *   <li>MIS ids are unique within a school only (a contact in two schools of a trust may have the
 *       same id in both): a sink that keeps MIS ids keys them by {@link ChangeContext#schoolId()}
 *       too. Product ids the sink returns may repeat across schools only if the sink can tell them
 *       apart by school.
 *   <li>{@code apply} returns a result for every change; it throws only for programming errors.
 *       Product-side failures are {@link ChangeResult.Failed}. If it throws anyway, the applier
 *       journals that change as failed (the exception's class name only, never its message) and
 *       goes on with the rest of the plan; the next plan tries the change again.
 *   <li>Deactivations reach the sink first in a plan, before creates, updates, memberships and
 *       guardian links, so a leaver loses access whatever happens to the rest. A later {@link
 *       io.missync.core.plan.UnlinkGuardian} (or a hard delete) may name an account the sink has
 *       already deactivated, and must be accepted.
 *   <li>A create returns {@link ChangeResult.Applied} with the new product id.
 *   <li>Applying the same change twice has the effect of applying it once (the applier may retry
 *       after a crash).
 *   <li>A deactivated account can no longer sign in once {@code apply} returns.
 *   <li>A {@link io.missync.core.plan.CreateAccount} arrives with its initial password set; the
 *       sink must not log it and must not keep it beyond handing it to the product.
 * </ul>
 */
public interface ChangeSink {
  /**
   * Applies one change.
   *
   * @param context the change's school, plan and index
   * @param change the change, with the product ids of accounts and groups created earlier resolved
   * @return what happened
   */
  ChangeResult apply(ChangeContext context, Change change);
}
