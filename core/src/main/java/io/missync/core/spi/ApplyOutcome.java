package io.missync.core.spi;

import io.missync.core.plan.ChangeKind;
import io.missync.core.state.StateUpdate;

/**
 * The outcome of one change of a plan being applied, with the state update it caused (empty when
 * the change failed or was skipped).
 *
 * @param kind the change's kind
 * @param subject ids of the change's subject (e.g. {@code student:A123->acc-9}); no personal data
 * @param result what the sink returned
 * @param update the state update to commit with the outcome
 */
public record ApplyOutcome(
    ChangeKind kind, String subject, ChangeResult result, StateUpdate update) {}
