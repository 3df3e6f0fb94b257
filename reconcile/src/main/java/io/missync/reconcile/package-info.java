/**
 * Reconciliation: the pure {@link io.missync.reconcile.Planner} that turns a snapshot and the
 * product's state into a {@link io.missync.core.plan.Plan} under a {@link
 * io.missync.reconcile.SyncPolicy}; the {@link io.missync.reconcile.SafetyGate} that holds risky
 * plans; the {@link io.missync.reconcile.Applier} that applies a plan through the vendor's sink
 * with a journal; and the {@link io.missync.reconcile.SyncRunner} that ties them together.
 *
 * <h2>The planner as a rulebook</h2>
 *
 * <p>Each MIS person, with the product account linked to them (or the candidates a match finds), is
 * in one situation, and each situation has one reaction:
 *
 * <table>
 *   <caption>Situations and reactions</caption>
 *   <tr><th>Situation</th><th>Reaction</th><th>Rule unit</th></tr>
 *   <tr><td>linked, wanted, active</td><td>fields, memberships and links kept in step</td>
 *       <td>FieldRules, MembershipDiff, GuardianLinkRules</td></tr>
 *   <tr><td>linked, wanted, inactive</td><td>reactivated (or reviewed, by policy); never if an
 *       operator suspended it or the pupil is not yet admitted</td>
 *       <td>Rejoiners, OperatorSuspensions</td></tr>
 *   <tr><td>suspended by an operator, still active</td><td>deactivated now (evidence)</td>
 *       <td>OperatorSuspensions</td></tr>
 *   <tr><td>deleted in the source; leaving or employment end date passed</td><td>deactivated in
 *       this run, even when the rest of the plan is held (evidence)</td><td>Leavers</td></tr>
 *   <tr><td>gone from a complete read (absence)</td><td>deactivated, unless an uncertain match
 *       claims the account while the school is migrating</td><td>Leavers, UncertainMatches</td></tr>
 *   <tr><td>gone from a partial read</td><td>nothing (absence proves nothing)</td>
 *       <td>Leavers</td></tr>
 *   <tr><td>contact whose last eligible student is inactive after the plan</td><td>deactivated
 *       after the students (evidence when every student left on evidence)</td>
 *       <td>ContactsFollowLastChild</td></tr>
 *   <tr><td>unlinked, certain match (UPN, former UPN, contact name and linked student; in a
 *       migration, staff email and surname)</td><td>re-keyed: same account, same credentials</td>
 *       <td>Correlators, Rekeys</td></tr>
 *   <tr><td>unlinked, uncertain or ambiguous match</td><td>review item; not created</td>
 *       <td>Correlators, UncertainMatches</td></tr>
 *   <tr><td>sharing a UPN or staff email with another person</td><td>review item; neither
 *       created nor re-keyed</td><td>DuplicateKeys</td></tr>
 *   <tr><td>unlinked, no match</td><td>created (from the admission date for pupils)</td>
 *       <td>Joiners</td></tr>
 *   <tr><td>deactivated past the grace period</td><td>deleted (never by default)</td>
 *       <td>HardDeletes</td></tr>
 *   <tr><td>protected account</td><td>never touched</td><td>(every unit)</td></tr>
 *   <tr><td>unusable source row</td><td>review item</td><td>RejectedRows</td></tr>
 * </table>
 *
 * <p>Groups: {@code GroupStage} (effective dates, archives, re-keys by kind and name in a
 * migration). Migration: {@code MigrationSignal} is the one definition (announced, in progress from
 * an earlier run, or detected from pupils' UPNs; per type, mass id churn), recorded in {@link
 * io.missync.core.plan.PlanBasis}. Match tiers and their confidence per person type: {@code
 * Correlators}.
 *
 * <h2>Rule index: who produces which reason code</h2>
 *
 * <p>Each {@link io.missync.core.plan.ReasonCode} is written by exactly one unit ({@code
 * RuleIndexTest} checks it against the sources):
 *
 * <ul>
 *   <li>{@code Joiners}: NEW_IN_SOURCE
 *   <li>{@code FieldRules}: FIELDS_CHANGED
 *   <li>{@code MembershipDiff}: JOINED_GROUP, LEFT_GROUP, MOVED_GROUP
 *   <li>{@code Leavers}: LEFT_SOURCE, LEAVING_DATE_PASSED, EMPLOYMENT_ENDED, DELETED_IN_SOURCE
 *   <li>{@code ContactsFollowLastChild}: NO_ACTIVE_STUDENT, NOT_ELIGIBLE
 *   <li>{@code Rejoiners}: REJOINED
 *   <li>{@code HardDeletes}: GRACE_PERIOD_EXPIRED
 *   <li>{@code Rekeys}: MIS_MIGRATION, MATCHED_EXISTING_ACCOUNT
 *   <li>{@code GuardianLinkRules}: GUARDIAN_ADDED, RELATIONSHIP_CHANGED, GUARDIAN_REMOVED
 *   <li>{@code GroupStage}: GROUP_CHANGED, GROUP_GONE
 *   <li>{@code UncertainMatches}: UNCERTAIN_MATCH, AMBIGUOUS_MATCH
 *   <li>{@code RejectedRows}: REJECTED_ROW
 *   <li>{@code DuplicateKeys}: DUPLICATE_KEY
 *   <li>{@code OperatorSuspensions}: OPERATOR_SUSPENDED
 * </ul>
 *
 * Each unit's javadoc states its rule, its codes and the tests that prove it. {@code PlanRun} still
 * orchestrates the stages (survey, groups, people by type, contacts, links, usernames, assembly)
 * and holds the per-run working sets.
 */
@NullMarked
package io.missync.reconcile;

import org.jspecify.annotations.NullMarked;
